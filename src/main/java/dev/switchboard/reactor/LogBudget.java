package dev.switchboard.reactor;

import org.tinylog.Logger;

/**
 * The loop-wide budget for log lines a client can trigger (connects, disconnects, protocol
 * errors, refusals, failed handshakes, chat logins...): a token bucket on the loop's clock, so
 * that no client, nor a storm of them, can grow tinylog's writing queue without bound. Lines
 * over the budget are dropped and counted; about a second after the first dropped one, one line
 * says how many (the counter {@code switchboard_log_lines_suppressed_total} keeps the total).
 *
 * <p>A burst of {@value #BURST} lets an ordinary stream of arrivals through untouched, and
 * {@value #LINES_PER_SECOND} lines a second afterwards is about 10 KiB/s of log: readable by an
 * operator, and far below what the console writer drains. Loop thread only; nothing here
 * allocates unless a line is logged.
 */
public final class LogBudget {
    static final int BURST = 100;
    static final int LINES_PER_SECOND = 50;

    private static final long NANOS_PER_LINE = 1_000_000_000L / LINES_PER_SECOND;
    private static final long MAX_CREDIT_NANOS = BURST * NANOS_PER_LINE;
    private static final long SUMMARY_AFTER_NANOS = 1_000_000_000L;

    private final EventLoop loop;
    private final Runnable summary = this::summarize;
    /** Time's worth of lines in hand: each line costs {@link #NANOS_PER_LINE}. */
    private long creditNanos = MAX_CREDIT_NANOS;

    private long refilledAt;
    private boolean started;
    /** Dropped since the last summary, and when the first of them was. */
    private long suppressed;

    private long firstSuppressedAt;

    LogBudget(EventLoop loop) {
        this.loop = loop;
    }

    /** True when a client-triggered INFO line may be written now (the level is on and the budget allows). */
    public boolean allowsInfo() {
        return Logger.isInfoEnabled() && take();
    }

    /** True when a client-triggered WARN line may be written now. */
    public boolean allowsWarn() {
        return Logger.isWarnEnabled() && take();
    }

    private boolean take() {
        long now = loop.now();
        if (!started) {
            started = true;
            refilledAt = now;
        }
        long elapsed = now - refilledAt;
        refilledAt = now;
        if (elapsed > 0) {
            creditNanos = Math.min(MAX_CREDIT_NANOS, creditNanos + Math.min(elapsed, MAX_CREDIT_NANOS));
        }
        if (creditNanos >= NANOS_PER_LINE) {
            creditNanos -= NANOS_PER_LINE;
            return true;
        }
        if (suppressed++ == 0) {
            firstSuppressedAt = now;
            loop.schedule(SUMMARY_AFTER_NANOS, summary);
        }
        loop.counters().logLinesSuppressed++;
        return false;
    }

    /** One line for the lines dropped since the last one; it costs no credit (at most one a second). */
    private void summarize() {
        long count = suppressed;
        suppressed = 0;
        if (count > 0 && Logger.isWarnEnabled()) {
            Logger.warn(
                    "{} connection log lines suppressed in the last {} s",
                    count,
                    Seconds.fixed(loop.now() - firstSuppressedAt, 1));
        }
    }
}
