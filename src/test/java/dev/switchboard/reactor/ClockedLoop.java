package dev.switchboard.reactor;

import dev.switchboard.kit.ManualClock;
import dev.switchboard.kit.TestClient;
import dev.switchboard.protocol.Service;
import dev.switchboard.protocol.ServiceHandler;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * A real event loop on its own thread whose time is a {@link ManualClock}, serving services on
 * free ports of 127.0.0.1 over real sockets: timeout tests move the clock instead of waiting.
 */
final class ClockedLoop implements AutoCloseable {
    private static final int MAX_FRAME_BYTES = 1 << 20;
    final ManualClock clock = new ManualClock();
    private final EventLoop loop;
    private final Map<String, Integer> ports = new HashMap<>();
    private final Thread thread;

    ClockedLoop(long frameTimeoutMillis, long idleTimeoutMillis, Service<?>... services) throws Exception {
        long frameNanos = TimeUnit.MILLISECONDS.toNanos(frameTimeoutMillis);
        Limits limits = new Limits(
                MAX_FRAME_BYTES + 256, 1 << 20, 100, frameNanos, TimeUnit.MILLISECONDS.toNanos(idleTimeoutMillis));
        loop = new EventLoop(limits, clock);
        clock.onAdvance(() -> loop.execute(() -> {}));
        for (Service<?> service : services) {
            ListenerSpec spec = ListenerSpec.of(service.name(), c -> new ServiceHandler<>(service, c, frameNanos))
                    .idleTimeoutNanos(limits.idleTimeoutNanos());
            ports.put(
                    service.name(),
                    loop.listen(new InetSocketAddress("127.0.0.1", 0), spec)
                            .localAddress()
                            .getPort());
        }
        thread = new Thread(
                () -> {
                    try {
                        loop.run();
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                },
                "clocked-loop");
        thread.setDaemon(true);
        thread.start();
    }

    /** The loop itself, for tasks run through {@link #onLoop}. */
    EventLoop eventLoop() {
        return loop;
    }

    static int maxFrameBytes() {
        return MAX_FRAME_BYTES;
    }

    TestClient connect(String protocol) throws Exception {
        return new TestClient(ports.get(protocol));
    }

    /** Runs {@code query} on the loop thread and returns its answer. */
    <T> T onLoop(Supplier<T> query) throws Exception {
        CompletableFuture<T> answer = new CompletableFuture<>();
        loop.execute(() -> answer.complete(query.get()));
        return answer.get(5, TimeUnit.SECONDS);
    }

    /** Polls until {@code protocol}'s listener has read {@code bytes} bytes in all. */
    void awaitBytesReceived(String protocol, long bytes) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        long now;
        while ((now = onLoop(() -> loop.counters().protocol(protocol).bytesReceived)) < bytes) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError(protocol + " read " + now + " bytes, expected " + bytes);
            }
            Thread.sleep(5);
        }
    }

    @Override
    public void close() {
        // A drain deadline of 0 is due at once on any clock: whatever is left closes now.
        loop.shutdown(0);
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (thread.isAlive()) {
            throw new AssertionError("the loop did not stop");
        }
    }
}
