package dev.switchboard.reactor;

import java.lang.management.ManagementFactory;
import org.tinylog.Logger;

/**
 * What the loop did per interval, for benchmarks and operators ({@code --stats-interval}):
 * messages handled, and bytes the loop thread allocated per message (the JVM's per-thread
 * allocation counter), which shows whether the hot path is free of garbage.
 */
final class LoopStats {
    private final com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    private long lastNanos;
    private long lastBytes;
    private long lastMessages;

    /** Logs every {@code intervalNanos} from now on; loop thread only. */
    static void every(EventLoop loop, long intervalNanos) {
        LoopStats stats = new LoopStats(loop.now());
        Runnable[] tick = new Runnable[1];
        tick[0] = () -> {
            stats.log(loop.now(), loop.messages(), loop.connectionCount());
            loop.schedule(intervalNanos, tick[0]);
        };
        loop.schedule(intervalNanos, tick[0]);
    }

    LoopStats(long now) {
        lastNanos = now;
        lastBytes = threads.getCurrentThreadAllocatedBytes();
    }

    /** Logs the interval since the last call; must run on the loop thread. */
    void log(long now, long messages, int connections) {
        // Read the counter before anything else allocates, logging included.
        long bytes = threads.getCurrentThreadAllocatedBytes();
        long handled = messages - lastMessages;
        double seconds = (now - lastNanos) / 1e9;
        double perMessage = handled == 0 ? 0 : (double) (bytes - lastBytes) / handled;
        Logger.info(
                "stats: {} messages in {} s ({} per s), {} bytes allocated on the loop thread "
                        + "({} per message), {} connections",
                handled,
                String.format("%.1f", seconds),
                String.format("%.0f", handled / seconds),
                bytes - lastBytes,
                String.format("%.2f", perMessage),
                connections);
        lastNanos = now;
        lastMessages = messages;
        lastBytes = threads.getCurrentThreadAllocatedBytes();
    }
}
