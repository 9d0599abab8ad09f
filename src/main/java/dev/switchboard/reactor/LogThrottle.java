package dev.switchboard.reactor;

/**
 * Lets a repeated warning through at most once per interval and counts what it held back, for
 * faults that repeat on one thread (select failing on the loop; Redis refusing commands on the
 * backplane's thread). Lines a client triggers on the loop go through {@link LogBudget} instead.
 * One thread only.
 */
public final class LogThrottle {
    private final long intervalNanos;
    private long lastNanos;
    private boolean logged;
    private long suppressed;

    public LogThrottle(long intervalNanos) {
        this.intervalNanos = intervalNanos;
    }

    /**
     * Records one occurrence at {@code now}; returns how many occurrences the log line should
     * report (this one included), or 0 if it is to stay quiet.
     */
    public long occurred(long now) {
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
