package dev.switchboard.reactor;

/**
 * Lets a repeated warning through at most once per interval and counts what it held back, so a
 * connect storm or a descriptor shortage cannot flood the log (or tinylog's queue).
 */
final class LogThrottle {
    private final long intervalNanos;
    private long lastNanos;
    private boolean logged;
    private long suppressed;

    LogThrottle(long intervalNanos) {
        this.intervalNanos = intervalNanos;
    }

    /**
     * Records one occurrence at {@code now}; returns how many occurrences the log line should
     * report (this one included), or 0 if it is to stay quiet.
     */
    long occurred(long now) {
        suppressed++;
        if (logged && now - lastNanos < intervalNanos) {
            return 0;
        }
        logged = true;
        lastNanos = now;
        long count = suppressed;
        suppressed = 0;
        return count;
    }
}
