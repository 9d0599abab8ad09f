package dev.switchboard.protocol.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.codec.FrameDecoder;
import dev.switchboard.codec.FrameException;
import dev.switchboard.protocol.Service;
import dev.switchboard.protocol.ServiceHandler;
import dev.switchboard.protocol.Session;
import dev.switchboard.reactor.EventLoop;
import dev.switchboard.reactor.Limits;
import dev.switchboard.reactor.ListenerSpec;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Server pings find browsers that went away without a word, on a loop with a short ping interval. */
class DeadBrowserTest {
    private static final long PING_MILLIS = 200;
    private EventLoop loop;
    private Thread thread;
    private int port;

    /** A stand-in chat that says each line back: the subject here is the web listener's pings. */
    private static final class EchoChat implements Service<ByteBuffer> {
        @Override
        public String name() {
            return "chat";
        }

        @Override
        public FrameDecoder<ByteBuffer> newDecoder() {
            throw new UnsupportedOperationException("only the web listener's members talk to it");
        }

        @Override
        public void opened(Session session) {
            session.send("* welcome\n".getBytes(StandardCharsets.UTF_8));
        }

        @Override
        public void received(Session session, ByteBuffer line) {
            byte[] bytes = new byte[line.remaining() + 1];
            line.get(bytes, 0, bytes.length - 1);
            bytes[bytes.length - 1] = '\n';
            session.send(bytes);
        }

        @Override
        public void rejected(Session session, FrameException error) {}
    }

    @BeforeEach
    void start() throws Exception {
        loop = new EventLoop(new Limits(64 * 1024, 1024 * 1024, 100, TimeUnit.SECONDS.toNanos(30), 0));
        WebService web =
                new WebService(new EchoChat(), loop, List.of(), 4096, TimeUnit.MILLISECONDS.toNanos(PING_MILLIS));
        port = loop.listen(
                        new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
                        ListenerSpec.of("web", c -> new ServiceHandler<>(web, c, TimeUnit.SECONDS.toNanos(30)))
                                .disconnectWhenOutputFull(true))
                .localAddress()
                .getPort();
        thread = new Thread(
                () -> {
                    try {
                        loop.run();
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                },
                "web-loop");
        thread.start();
    }

    @AfterEach
    void stop() throws Exception {
        loop.shutdown(TimeUnit.SECONDS.toNanos(1));
        thread.join(5000);
    }

    @Test
    void aBrowserThatNeverAnswersPingsIsClosedAndOneThatDoesStays() throws Exception {
        try (WsTestClient silent = WsTestClient.connect(port);
                WsTestClient alive = WsTestClient.connect(port)) {
            assertEquals("* welcome", silent.readText());
            assertEquals("* welcome", alive.readText());
            java.util.concurrent.CompletableFuture<Void> answering =
                    java.util.concurrent.CompletableFuture.runAsync(() -> {
                        try {
                            for (int pings = 0; pings < 5; pings++) {
                                WsTestClient.Frame ping = alive.readFrame();
                                assertEquals(9, ping.opcode());
                                alive.send(true, 10, ping.payload());
                            }
                        } catch (java.io.IOException e) {
                            throw new java.io.UncheckedIOException(e);
                        }
                    });
            long start = System.nanoTime();
            assertEquals(9, silent.readFrame().opcode(), "the server pings");
            silent.expectEnd();
            long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            assertTrue(tookMillis < 10 * PING_MILLIS, "closed after " + tookMillis + " ms");
            answering.get(10, TimeUnit.SECONDS);
            alive.sendText("still here");
            assertEquals("still here", alive.readText());
        }
    }
}
