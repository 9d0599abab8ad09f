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
        public void opened(Connection connection) {}

        @Override
        public void received(Connection connection, ByteBuffer in) {
            long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(300);
            while (System.nanoTime() - until < 0) {
                Thread.onSpinWait();
            }
            connection.send(in);
        }

        @Override
        public void drained(Connection connection, ByteBuffer in, boolean endOfStream) {}

        @Override
        public void frameTimedOut(Connection connection) {}

        @Override
        public void closed(Connection connection, CloseReason reason) {}
    }

    private static int connections(EventLoop loop) throws Exception {
        CompletableFuture<Integer> n = new CompletableFuture<>();
        loop.execute(() -> n.complete(loop.connectionCount()));
        return n.get(5, TimeUnit.SECONDS);
    }

    @Test
    void workDoneWhileDispatchingCountsAsBusy() throws Exception {
        EventLoop loop = new EventLoop(new Limits(2048, 1 << 20, 100, 0, 0));
        int port = loop.listen(new InetSocketAddress("127.0.0.1", 0), "slow", c -> new Slow(), false)
                .localAddress()
                .getPort();
        Thread thread = new Thread(() -> {
            try {
                loop.run();
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        thread.start();
        try (TestClient c = new TestClient(port)) {
            // Accepted first, so the line arrives on its own readiness event, in a dispatch.
            long accepted = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (connections(loop) == 0 && System.nanoTime() < accepted) {
                Thread.sleep(5);
            }
            c.send("x\n");
            assertEquals("x", c.readLine());
            // A turn adds its busy time at its end, after the tasks it ran: look over a few turns
            // (only a few: each look is itself a little busy time).
            long nanos = 0;
            for (int turn = 0; turn < 3 && nanos < TimeUnit.MILLISECONDS.toNanos(300); turn++) {
                CompletableFuture<Long> busy = new CompletableFuture<>();
                loop.execute(() -> busy.complete(loop.counters().loopBusyNanos));
                nanos = busy.get(5, TimeUnit.SECONDS);
            }
            assertTrue(nanos >= TimeUnit.MILLISECONDS.toNanos(300), "busy " + nanos + " ns");
            assertTrue(nanos < TimeUnit.SECONDS.toNanos(5), "idle waiting is not busy: " + nanos + " ns");
        } finally {
            loop.shutdown(1_000_000_000L);
            thread.join(10_000);
        }
    }
}
