package dev.switchboard.hardening;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.switchboard.codec.FrameDecoder;
import dev.switchboard.codec.FrameException;
import dev.switchboard.codec.LineDecoder;
import dev.switchboard.kit.TestClient;
import dev.switchboard.protocol.Service;
import dev.switchboard.protocol.ServiceHandler;
import dev.switchboard.protocol.Session;
import dev.switchboard.reactor.EventLoop;
import dev.switchboard.reactor.Limits;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** Issue 4 case 14: a service that throws takes down its own connection, nothing more. */
class FailingHandlerTest {

    /** Echoes lines, but throws on "boom" (and on connect when told to). */
    private static final class Fragile implements Service<ByteBuffer> {
        @Override
        public String name() {
            return "fragile";
        }

        @Override
        public FrameDecoder<ByteBuffer> newDecoder() {
            return new LineDecoder(1024, false, false);
        }

        @Override
        public void received(Session session, ByteBuffer line) {
            String text = StandardCharsets.UTF_8.decode(line.duplicate()).toString();
            if (text.equals("boom")) {
                throw new IllegalStateException("deliberate failure for the test");
            }
            session.send(ByteBuffer.wrap((text + "\n").getBytes(StandardCharsets.UTF_8)));
        }

        @Override
        public void rejected(Session session, FrameException error) {}
    }

    @Test
    void exceptionInAHandlerClosesThatConnectionAndTheLoopGoesOn() throws Exception {
        EventLoop loop = new EventLoop(new Limits(2048, 1 << 20, 100, 0, 0));
        Fragile service = new Fragile();
        int port = loop.listen(
                        new InetSocketAddress("127.0.0.1", 0),
                        "fragile",
                        c -> new ServiceHandler<>(service, c, 0),
                        false)
                .localAddress()
                .getPort();
        AtomicReference<Throwable> crashed = new AtomicReference<>();
        Thread thread = new Thread(() -> {
            try {
                loop.run();
            } catch (Throwable t) {
                crashed.set(t);
            }
        });
        thread.start();
        try (TestClient victim = new TestClient(port);
                TestClient bystander = new TestClient(port)) {
            bystander.send("before\n");
            assertEquals("before", bystander.readLine());
            victim.send("fine\nboom\nnever answered\n");
            assertEquals("fine", victim.readLine());
            victim.expectClosed();
            bystander.send("after\n");
            assertEquals("after", bystander.readLine());
            try (TestClient newcomer = new TestClient(port)) {
                newcomer.send("new\n");
                assertEquals("new", newcomer.readLine());
            }
        } finally {
            loop.shutdown(1_000_000_000L);
            thread.join(10_000);
        }
        assertNull(crashed.get(), "the loop itself never failed");
    }
}
