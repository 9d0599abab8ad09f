package dev.switchboard.protocol.chat;

import java.util.concurrent.TimeUnit;

/**
 * A token bucket per client: {@code linesPerSecond} tokens a second, holding at most twice
 * that (the burst), one token a line. Also keeps the "slow down" notice to one a second.
 */
final class FloodLimit {
    private static final long WARN_EVERY_NANOS = TimeUnit.SECONDS.toNanos(1);
    private final double tokensPerNano;
    private final double burst;
    private double tokens;
    private long refilledAt;
    private long warnedAt;
    private boolean warned;

    FloodLimit(int linesPerSecond, long now) {
        this.tokensPerNano = linesPerSecond / 1e9;
        this.burst = 2.0 * linesPerSecond;
        this.tokens = burst;
        this.refilledAt = now;
    }

    /** True if one more line may go out now (and takes its token). */
    boolean take(long now) {
        tokens = Math.min(burst, tokens + (now - refilledAt) * tokensPerNano);
        refilledAt = now;
        if (tokens >= 1) {
            tokens -= 1;
            return true;
        }
        return false;
    }

    /** True if the sender should be told to slow down now: at most once a second. */
    boolean warn(long now) {
        if (warned && now - warnedAt < WARN_EVERY_NANOS) {
            return false;
        }
        warned = true;
        warnedAt = now;
        return true;
    }
}
