package dev.switchboard.reactor;

import static dev.switchboard.kit.TestClient.frame5;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.app.ServeOptions;
import dev.switchboard.kit.TestClient;
import dev.switchboard.kit.TestDaemon;
import dev.switchboard.protocol.CommandService;
import dev.switchboard.protocol.Frame5Service;
import dev.switchboard.protocol.Header128Service;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/** SPEC.md "Common behaviour": the limits, each over real sockets. */
class LimitsTest {

    private static UnaryOperator<ServeOptions> limits(
            int maxConnections, int maxPending, long frameTimeoutMillis, long idleTimeoutMillis) {
        return o -> o.withMaxConnections(maxConnections)
                .withMaxPendingOutputBytes(maxPending)
                .withTimeoutsMillis(frameTimeoutMillis, idleTimeoutMillis, o.drainTimeoutMillis());
    }

    @Test
    void connectionPastTheLimitIsClosedAtOnceAndCapacityReturns() throws Exception {
        try (TestDaemon daemon = TestDaemon.start(limits(3, 1 << 20, 30_000, 300_000))) {
            List<TestClient> open = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                TestClient c = daemon.connect("command");
                assertEquals("Hello Client!", c.readLine());
                open.add(c);
            }
            try (TestClient extra = daemon.connect("echo")) {
                extra.expectClosed();
            }
            open.get(0).send("HELP\n");
            assertEquals("200 OK DISCONNECT HELP", open.get(0).readLine());
            open.remove(2).close();
            daemon.awaitConnections(2, Duration.ofSeconds(10));
            try (TestClient again = daemon.connect("command")) {
                assertEquals("Hello Client!", again.readLine());
            }
            for (TestClient c : open) {
                c.close();
            }
        }
    }

    @Test
    void partialFrameTimesOutWithTheProtocolsErrorAndOthersAreUnaffected() throws Exception {
        try (TestDaemon daemon = TestDaemon.start(limits(100, 1 << 20, 500, 300_000))) {
            try (TestClient slow = daemon.connect("frame5");
                    TestClient slowHeader = daemon.connect("header128");
                    TestClient other = daemon.connect("frame5")) {
                slow.send(new byte[] {1, 0, 0});
                slowHeader.send("12  ");
                long start = System.nanoTime();
                TestClient.Frame error = slow.readFrame5();
                assertEquals(0xFF, error.command());
                assertTrue(error.text().contains("incomplete"), error.text());
                slow.expectClosed();
                assertTrue(slowHeader.readHeader128().startsWith("ERROR "));
                slowHeader.expectClosed();
                assertTrue(System.nanoTime() - start >= 400_000_000L, "closed before the frame timeout");
                other.send(frame5(1, "fine"));
                assertEquals("fine", other.readFrame5().text());
            }
        }
    }

    @Test
    void partialFrameTimesOutAtTheFrameTimeoutAndNotBeforeOnTheLoopsClock() throws Exception {
        int max = ClockedLoop.maxFrameBytes();
        try (ClockedLoop loop = new ClockedLoop(500, 300_000, new Frame5Service(max), new Header128Service(max));
                TestClient slow = loop.connect("frame5");
                TestClient slowHeader = loop.connect("header128");
                TestClient other = loop.connect("frame5")) {
            slow.send(new byte[] {1, 0, 0});
            slowHeader.send("12  ");
            loop.awaitBytesReceived("frame5", 3);
            loop.awaitBytesReceived("header128", 4);
            loop.clock.advanceMillis(499);
            // Two round trips: the loop has fired its deadlines at the new time and flushed since.
            echoFrame5(other, "first");
            echoFrame5(other, "second");
            slow.expectSilence(50);
            slowHeader.expectSilence(50);
            loop.clock.advanceMillis(1);
            TestClient.Frame error = slow.readFrame5();
            assertEquals(0xFF, error.command());
            assertTrue(error.text().contains("incomplete"), error.text());
            slow.expectClosed();
            assertTrue(slowHeader.readHeader128().startsWith("ERROR "));
            slowHeader.expectClosed();
            echoFrame5(other, "fine");
        }
    }

    @Test
    void trickleOfBytesDoesNotExtendThePartialFrameDeadline() throws Exception {
        try (ClockedLoop loop = new ClockedLoop(600, 300_000, new Frame5Service(ClockedLoop.maxFrameBytes()));
                TestClient slow = loop.connect("frame5");
                TestClient other = loop.connect("frame5")) {
            slow.send(new byte[] {1, 0, 0, 0, 100});
            loop.awaitBytesReceived("frame5", 5);
            // One byte every 100 ms would never finish the frame before the deadline.
            for (int i = 1; i <= 5; i++) {
                loop.clock.advanceMillis(100);
                slow.send(new byte[] {'x'});
                loop.awaitBytesReceived("frame5", 5 + i);
            }
            echoFrame5(other, "first");
            echoFrame5(other, "second");
            slow.expectSilence(50);
            loop.clock.advanceMillis(100);
            assertEquals(0xFF, slow.readFrame5().command());
            slow.expectClosed();
        }
    }

    @Test
    void idleConnectionIsClosedAfterTheIdleTimeout() throws Exception {
        try (TestDaemon daemon = TestDaemon.start(limits(100, 1 << 20, 30_000, 500))) {
            try (TestClient c = daemon.connect("command")) {
                assertEquals("Hello Client!", c.readLine());
                long start = System.nanoTime();
                c.expectClosed();
                assertTrue(System.nanoTime() - start >= 300_000_000L, "closed before the idle timeout");
            }
        }
    }

    @Test
    void idleConnectionIsClosedAtTheIdleTimeoutAndTrafficRestartsItOnTheLoopsClock() throws Exception {
        try (ClockedLoop loop = new ClockedLoop(30_000, 500, new CommandService(ClockedLoop.maxFrameBytes()));
                TestClient idle = loop.connect("command");
                TestClient busy = loop.connect("command")) {
            assertEquals("Hello Client!", idle.readLine());
            assertEquals("Hello Client!", busy.readLine());
            loop.clock.advanceMillis(499);
            help(busy);
            help(busy);
            idle.expectSilence(50);
            loop.clock.advanceMillis(1);
            idle.expectClosed();
            // busy's requests at +499 ms restarted its deadline: it has until +999 ms.
            loop.clock.advanceMillis(498);
            help(busy);
            loop.clock.advanceMillis(500);
            busy.expectClosed();
        }
    }

    private static void echoFrame5(TestClient client, String text) throws Exception {
        client.send(frame5(1, text));
        assertEquals(text, client.readFrame5().text());
    }

    private static void help(TestClient client) throws Exception {
        client.send("HELP\n");
        assertEquals("200 OK DISCONNECT HELP", client.readLine());
    }

    @Test
    void clientThatDoesNotReadIsPausedThenResumedAndLosesNoReply() throws Exception {
        int maxPending = 64 * 1024;
        try (TestDaemon daemon = TestDaemon.start(limits(100, maxPending, 30_000, 300_000));
                SocketChannel pusher = SocketChannel.open()) {
            pusher.setOption(StandardSocketOptions.SO_RCVBUF, 8192);
            pusher.setOption(StandardSocketOptions.SO_SNDBUF, 8192);
            pusher.connect(new InetSocketAddress("127.0.0.1", daemon.port("frame5")));
            pusher.configureBlocking(false);
            byte[] request = frame5(1, new byte[1024]);
            ByteBuffer out = ByteBuffer.allocate(request.length);
            long sentFrames = 0;
            long lastProgress = System.nanoTime();
            // Push until the server has stopped reading for a whole second.
            while (System.nanoTime() - lastProgress < 1_000_000_000L) {
                if (!out.hasRemaining() || out.position() == 0) {
                    if (!out.hasRemaining()) {
                        sentFrames++;
                    }
                    out.clear().put(request).flip();
                }
                if (pusher.write(out) > 0) {
                    lastProgress = System.nanoTime();
                } else {
                    Thread.sleep(5);
                }
                assertTrue(sentFrames < 200_000, "the server never stopped reading");
            }
            // Bounded: what the server took is its limit plus what the kernel buffers hold.
            assertTrue(sentFrames * request.length < 16L * 1024 * 1024, "took " + sentFrames + " frames");
            try (TestClient other = daemon.connect("frame5")) {
                long start = System.nanoTime();
                other.send(frame5(1, "not blocked"));
                assertEquals("not blocked", other.readFrame5().text());
                assertTrue(System.nanoTime() - start < 2_000_000_000L);
            }
            // Now read everything: one reply per whole frame sent, none lost.
            pusher.configureBlocking(true);
            ByteBuffer header = ByteBuffer.allocate(5);
            ByteBuffer payload = ByteBuffer.allocate(1024);
            for (long i = 0; i < sentFrames; i++) {
                header.clear();
                readFully(pusher, header);
                assertEquals(1, header.get(0));
                assertEquals(1024, header.getInt(1));
                payload.clear();
                readFully(pusher, payload);
            }
        }
    }

    private static void readFully(SocketChannel channel, ByteBuffer buffer) throws Exception {
        while (buffer.hasRemaining()) {
            if (channel.read(buffer) < 0) {
                throw new AssertionError("closed early");
            }
        }
    }

    @Test
    void halfClosedClientStillGetsEveryReplyThenTheConnectionCloses() throws Exception {
        try (TestDaemon daemon = TestDaemon.start();
                TestClient c = daemon.connect("frame5");
                TestClient h = daemon.connect("command")) {
            for (int i = 0; i < 100; i++) {
                c.send(frame5(1, "request " + i));
            }
            c.shutdownOutput();
            for (int i = 0; i < 100; i++) {
                assertEquals("request " + i, c.readFrame5().text());
            }
            c.expectClosed();
            assertEquals("Hello Client!", h.readLine());
            h.send("HELP\nDISCONNECT");
            h.shutdownOutput();
            assertEquals("200 OK DISCONNECT HELP", h.readLine());
            assertEquals("200 OK", h.readLine());
            h.expectClosed();
        }
    }

    @Test
    void fiveHundredConcurrentClientsAreAllServed() throws Exception {
        try (TestDaemon daemon = TestDaemon.start()) {
            String[] protocols = {"echo", "frame5", "header128", "command", "chat"};
            List<TestClient> clients = new ArrayList<>();
            try {
                for (int i = 0; i < 500; i++) {
                    clients.add(daemon.connect(protocols[i % 5]));
                }
                daemon.awaitConnections(500, Duration.ofSeconds(20));
                for (int i = 0; i < 500; i++) {
                    TestClient c = clients.get(i);
                    switch (protocols[i % 5]) {
                        case "echo" -> c.send("client " + i + "\n");
                        case "frame5" -> c.send(frame5(2, "client " + i));
                        case "header128" -> c.send(TestClient.header128("client " + i));
                        case "command" -> c.send("HELP\n");
                        default -> c.send("/who\n");
                    }
                }
                for (int i = 0; i < 500; i++) {
                    TestClient c = clients.get(i);
                    switch (protocols[i % 5]) {
                        case "echo" -> assertEquals("client " + i, c.readLine());
                        case "frame5" -> assertEquals(
                                new StringBuilder("client " + i).reverse().toString(),
                                c.readFrame5().text());
                        case "header128" -> assertEquals("Msg received", c.readHeader128());
                        case "command" -> {
                            assertEquals("Hello Client!", c.readLine());
                            assertEquals("200 OK DISCONNECT HELP", c.readLine());
                        }
                        default -> {
                            String line;
                            while (!(line = c.readLine()).startsWith("* online: ")) {
                                assertTrue(line.startsWith("* "), line);
                            }
                            assertTrue(line.split(", ").length == 100, "100 chat clients online");
                        }
                    }
                }
            } finally {
                for (TestClient c : clients) {
                    c.close();
                }
            }
        }
    }
}
