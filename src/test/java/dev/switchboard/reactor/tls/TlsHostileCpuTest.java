package dev.switchboard.reactor.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.kit.TestCerts;
import dev.switchboard.kit.TestClient;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 10: each hostile TLS client, bounded in time, with the loop thread's CPU measured over
 * the case: a loop that spun on one would show about a whole core, an idle one next to nothing.
 */
class TlsHostileCpuTest {
    private static final long FRAME_TIMEOUT_MILLIS = 3_000;
    /** Measured over at least this long. */
    private static final long WINDOW_MILLIS = 1_200;
    /** A generous bound: a quarter of one core. */
    private static final double MAX_SHARE = 0.25;

    private TlsLoop loop;
    private SSLContext client;

    private interface Case {
        void run() throws Exception;
    }

    @BeforeEach
    void start() throws Exception {
        loop = new TlsLoop(FRAME_TIMEOUT_MILLIS, e -> e);
        client = TestCerts.clientContext();
        // The JVM's first handshake and first alert load the JDK's TLS classes on the loop:
        // done before anything is measured.
        try (TestClient warm = loop.connectTls("echo+tls")) {
            warm.send("warm\n");
            assertEquals("warm", warm.readLine());
        }
        try (Socket garbage = new Socket("127.0.0.1", loop.port("echo+tls"))) {
            garbage.getOutputStream().write("not tls\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            garbage.getInputStream().readAllBytes();
        }
        loop.awaitConnections(0, Duration.ofSeconds(10));
    }

    @AfterEach
    void stop() throws Exception {
        loop.close();
    }

    /** Runs {@code hostile}, then measures on until the window is over; the loop's share must stay small. */
    private void loopStaysIdle(String what, Case hostile) throws Exception {
        long wallStart = System.nanoTime();
        long cpuStart = loop.loopCpuNanos();
        hostile.run();
        long left = TimeUnit.MILLISECONDS.toNanos(WINDOW_MILLIS) - (System.nanoTime() - wallStart);
        if (left > 0) {
            // A measuring window, not a wait for the server.
            TimeUnit.NANOSECONDS.sleep(left);
        }
        long cpu = loop.loopCpuNanos() - cpuStart;
        long wall = System.nanoTime() - wallStart;
        double share = (double) cpu / wall;
        System.out.printf(
                "%s: loop CPU %d ms in %d ms (%.1f %%)%n", what, cpu / 1_000_000, wall / 1_000_000, 100 * share);
        assertTrue(
                share < MAX_SHARE,
                what + ": the loop used " + TimeUnit.NANOSECONDS.toMillis(cpu) + " ms of CPU in "
                        + TimeUnit.NANOSECONDS.toMillis(wall) + " ms");
        // Nobody else noticed: a TLS client is served at once.
        try (TestClient other = loop.connectTls("echo+tls")) {
            other.send("still here\n");
            assertEquals("still here", other.readLine());
        }
    }

    private static long closedWithin(Socket s, long timeoutMillis) throws Exception {
        s.setSoTimeout((int) timeoutMillis);
        long start = System.nanoTime();
        InputStream in = s.getInputStream();
        byte[] buffer = new byte[1024];
        while (in.read(buffer) >= 0) {
            // An alert may come before the end of stream.
        }
        return System.nanoTime() - start;
    }

    @Test
    void plaintextOnATlsPortIsClosedWithinASecondWithTheLoopIdle() throws Exception {
        loopStaysIdle("plaintext on a TLS port", () -> {
            try (Socket s = new Socket("127.0.0.1", loop.port("echo+tls"))) {
                s.getOutputStream().write("GET / HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                assertTrue(closedWithin(s, 5_000) < TimeUnit.SECONDS.toNanos(1), "closed within 1 s");
            }
        });
    }

    @Test
    void randomBytesOnATlsPortAreClosedWithinASecondWithTheLoopIdle() throws Exception {
        loopStaysIdle("random bytes on a TLS port", () -> {
            byte[] noise = new byte[4096];
            new java.util.Random(7).nextBytes(noise);
            noise[0] = 0x16; // a handshake record's type, so the engine reads on into the noise
            try (Socket s = new Socket("127.0.0.1", loop.port("echo+tls"))) {
                s.getOutputStream().write(noise);
                assertTrue(closedWithin(s, 5_000) < TimeUnit.SECONDS.toNanos(1), "closed within 1 s");
            }
        });
    }

    @Test
    void aStalledClientHelloLeavesTheLoopIdleUntilTheDeadlineClosesIt() throws Exception {
        try (Socket s = new Socket("127.0.0.1", loop.port("echo+tls"))) {
            loopStaysIdle("a stalled ClientHello", () -> s.getOutputStream().write(new byte[] {0x16, 0x03, 0x01}));
            long waited = closedWithin(s, 20_000);
            assertTrue(waited < TimeUnit.MILLISECONDS.toNanos(FRAME_TIMEOUT_MILLIS + 5_000), "closed by the deadline");
        }
    }

    @Test
    void aHalfSentClientHelloLeavesTheLoopIdleUntilTheDeadlineClosesIt() throws Exception {
        byte[] half = EngineClient.clientHelloPrefix(client, EngineClient.clientHelloBytes(client) / 2);
        try (Socket s = new Socket("127.0.0.1", loop.port("echo+tls"))) {
            long start = System.nanoTime();
            loopStaysIdle("half a ClientHello", () -> s.getOutputStream().write(half));
            closedWithin(s, 20_000);
            long waited = System.nanoTime() - start;
            assertTrue(
                    waited >= TimeUnit.MILLISECONDS.toNanos(FRAME_TIMEOUT_MILLIS - 500)
                            && waited < TimeUnit.MILLISECONDS.toNanos(FRAME_TIMEOUT_MILLIS + 5_000),
                    "closed by the deadline after " + waited + " ns");
        }
    }

    @Test
    void resetsDuringTheHandshakeLeaveTheLoopIdleAndNothingOpen() throws Exception {
        byte[] half = EngineClient.clientHelloPrefix(client, EngineClient.clientHelloBytes(client) / 2);
        loopStaysIdle("resets in the handshake", () -> {
            for (int i = 0; i < 20; i++) {
                Socket s = new Socket("127.0.0.1", loop.port("echo+tls"));
                s.setSoLinger(true, 0);
                s.getOutputStream().write(half);
                s.close();
            }
            loop.awaitConnections(0, Duration.ofSeconds(1));
        });
    }

    @Test
    void aClientThatEndsWithoutCloseNotifyAndStaysLeavesTheLoopIdle() throws Exception {
        Socket raw = new Socket("127.0.0.1", loop.port("echo+tls"));
        SSLSocket s = (SSLSocket) client.getSocketFactory().createSocket(raw, "localhost", raw.getPort(), true);
        try (TestClient c = new TestClient(s)) {
            c.send("hello\n");
            assertEquals("hello", c.readLine());
            // End of stream without close_notify, and the socket left open: the server answers
            // with its own close and lingers for our end, which never comes.
            loopStaysIdle("an end of stream without close_notify", raw::shutdownOutput);
            loop.awaitConnections(0, Duration.ofSeconds(10));
        }
    }

    @Test
    void aReplyAfterTheClientsTls12CloseNotifyCannotBeWrappedAndNothingSpins() throws Exception {
        // TLS 1.2: the engine closes its outbound side on the peer's close_notify, so the reply
        // to the request before it meets a wrap that says CLOSED.
        try (EngineClient c = new EngineClient(client, loop.port("echo+tls"), "TLSv1.2")) {
            c.handshakeAndSendWithFinished("first\n");
            assertEquals("first", c.readLine());
            loopStaysIdle("a wrap after close_notify", () -> c.sendWithCloseNotify("one more\n"));
            loop.awaitConnections(0, Duration.ofSeconds(10));
        }
    }
}
