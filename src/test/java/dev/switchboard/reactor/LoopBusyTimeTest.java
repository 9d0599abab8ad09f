package dev.switchboard.reactor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.kit.TestClient;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** switchboard_loop_busy_seconds_total: the time spent handling ready keys is busy, not idle. */
class LoopBusyTimeTest {

    /** Works 300 ms on every read, then echoes. */
    private static final class Slow implements ConnectionHandler {
        @Override
        public void opened(Connection connection) {
        }

        @Override
        public void received(Connection connection, ByteBuffer in) {
            long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(300);
            while (System.nanoTime() - until < 0) {
                Thread.onSpinWait();
            }
            connection.send(in);
        }

        @Override
        public void drained(Connection connection, ByteBuffer in, boolean endOfStream) {
        }

        @Override
        public void frameTimedOut(Connection connection) {
        }

        @Override
        public void closed(Connection connection, CloseReason reason) {
        }
    }

    @Test
    void workDoneWhileDispatchingCountsAsBusy() throws Exception {
        EventLoop loop = new EventLoop(new Limits(2048, 1 << 20, 100, 0, 0));
        int port = loop.listen(new InetSocketAddress("127.0.0.1", 0), "slow", c -> new Slow(), false)
                .localAddress().getPort();
        Thread thread = new Thread(() -> {
            try {
                loop.run();
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        thread.start();
        try (TestClient c = new TestClient(port)) {
            c.send("x\n");
            assertEquals("x", c.readLine());
            // A turn adds its busy time at its end, after the tasks it ran: poll a few turns.
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            long nanos;
            do {
                CompletableFuture<Long> busy = new CompletableFuture<>();
                loop.execute(() -> busy.complete(loop.counters().loopBusyNanos));
                nanos = busy.get(5, TimeUnit.SECONDS);
            } while (nanos < TimeUnit.MILLISECONDS.toNanos(300) && System.nanoTime() < deadline);
            assertTrue(nanos >= TimeUnit.MILLISECONDS.toNanos(300), "busy " + nanos + " ns");
            assertTrue(nanos < TimeUnit.SECONDS.toNanos(5), "idle waiting is not busy: " + nanos + " ns");
        } finally {
            loop.shutdown(1_000_000_000L);
            thread.join(10_000);
        }
    }
}
