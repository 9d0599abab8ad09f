package dev.switchboard.reactor;

import java.lang.management.ManagementFactory;
import java.util.IdentityHashMap;
import java.util.Locale;
import java.util.Map;
import org.tinylog.Logger;

/**
 * What the loop did per interval, for benchmarks and operators ({@code --stats-interval}), read
 * from the loop's {@link Counters}: messages handled, bytes the loop thread allocated per
 * message (the JVM's per-thread allocation counter, which shows whether the hot path is free of
 * garbage), open connections, and per protocol the messages and bytes each way, the open
 * connections and the closes by reason in the interval. The counters are the plain fields the
 * loop bumps anyway; this only reads them, once an interval, on the loop thread, so counting
 * costs no lock and no allocation (the line itself allocates, after the allocation counter has
 * been read, and that is not charged to the messages).
 */
final class LoopStats {
    private static final CloseReason[] REASONS = CloseReason.values();

    private final com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    private final Counters counters;
    /** Each protocol's counters as last logged; a protocol first seen counts from 0. */
    private final Map<Counters.Protocol, Snapshot> last = new IdentityHashMap<>();

    private long lastNanos;
    private long lastBytes;

    /** Logs every {@code intervalNanos} from now on; loop thread only. */
    static void every(EventLoop loop, long intervalNanos) {
        LoopStats stats = new LoopStats(loop.counters(), loop.now());
        Runnable[] tick = new Runnable[1];
        tick[0] = () -> {
            stats.log(loop.now());
            loop.schedule(intervalNanos, tick[0]);
        };
        loop.schedule(intervalNanos, tick[0]);
    }

    LoopStats(Counters counters, long now) {
        this.counters = counters;
        lastNanos = now;
        for (Counters.Protocol p : counters.protocols().values()) {
            last.put(p, new Snapshot(p));
        }
        lastBytes = threads.getCurrentThreadAllocatedBytes();
    }

    /** Logs the interval since the last call; must run on the loop thread. */
    void log(long now) {
        // Read the counter before anything else allocates, the line included.
        long bytes = threads.getCurrentThreadAllocatedBytes();
        Logger.info(line(now, bytes - lastBytes));
        lastBytes = threads.getCurrentThreadAllocatedBytes();
    }

    /** The line for the interval ending {@code now}, in which the loop allocated {@code allocated} bytes. */
    String line(long now, long allocated) {
        long handled = 0;
        long open = 0;
        StringBuilder perProtocol = new StringBuilder();
        for (Counters.Protocol p : counters.protocols().values()) {
            Snapshot before = last.computeIfAbsent(p, q -> new Snapshot());
            Snapshot after = new Snapshot(p);
            handled += after.received - before.received;
            open += p.connections;
            if (after.equals(before) && p.connections == 0) {
                continue;
            }
            perProtocol
                    .append("; ")
                    .append(p.name)
                    .append(": ")
                    .append(after.received - before.received)
                    .append(" in, ")
                    .append(after.sent - before.sent)
                    .append(" out, ")
                    .append(after.bytesIn - before.bytesIn)
                    .append(" bytes in, ")
                    .append(after.bytesOut - before.bytesOut)
                    .append(" bytes out, ")
                    .append(p.connections)
                    .append(" open");
            for (CloseReason reason : REASONS) {
                long closed = after.closes[reason.ordinal()] - before.closes[reason.ordinal()];
                if (closed != 0) {
                    perProtocol.append(", ").append(closed).append(' ').append(reason);
                }
            }
            last.put(p, after);
        }
        double seconds = (now - lastNanos) / 1e9;
        lastNanos = now;
        return String.format(
                Locale.ROOT,
                "stats: %d messages in %.1f s (%.0f per s), %d bytes allocated on the loop thread "
                        + "(%.2f per message), %d connections%s",
                handled,
                seconds,
                seconds == 0 ? 0 : handled / seconds,
                allocated,
                handled == 0 ? 0 : (double) allocated / handled,
                open,
                perProtocol);
    }

    /** One protocol's counters at one moment. */
    private static final class Snapshot {
        final long received;
        final long sent;
        final long bytesIn;
        final long bytesOut;
        final long[] closes;

        Snapshot() {
            received = sent = bytesIn = bytesOut = 0;
            closes = new long[REASONS.length];
        }

        Snapshot(Counters.Protocol p) {
            received = p.messagesReceived;
            sent = p.messagesSent;
            bytesIn = p.bytesReceived;
            bytesOut = p.bytesSent;
            closes = p.closes.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Snapshot s
                    && received == s.received
                    && sent == s.sent
                    && bytesIn == s.bytesIn
                    && bytesOut == s.bytesOut
                    && java.util.Arrays.equals(closes, s.closes);
        }

        @Override
        public int hashCode() {
            return Long.hashCode(received + 31 * sent);
        }
    }
}
