package dev.switchboard.protocol.chat.redis;

import java.util.concurrent.ThreadLocalRandom;

/** Waits between reconnects: 100 ms doubling to 5 s, each with up to a fifth off so nodes do not retry in step. */
final class Backoff {
    static final long FIRST_MILLIS = 100;
    static final long MAX_MILLIS = 5_000;
    private long next = FIRST_MILLIS;

    long nextMillis() {
        long wait = next - ThreadLocalRandom.current().nextLong(next / 5 + 1);
        next = Math.min(MAX_MILLIS, next * 2);
        return wait;
    }

    void reset() {
        next = FIRST_MILLIS;
    }
}
