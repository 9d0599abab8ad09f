package dev.switchboard.protocol.chat;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Wrong passwords in a row, per name and per client address (SPEC.md: the reply to the k-th
 * wrong {@code /login} in a row comes no sooner than min(0.25 s × 2^(k−1), 5 s)). k is the
 * larger of the two counts, so neither many names from one address nor one name from many
 * addresses escapes the delay. A right password clears both. Loop thread only.
 */
final class LoginThrottle {
    static final long FIRST_DELAY_NANOS = TimeUnit.MILLISECONDS.toNanos(250);
    static final long MAX_DELAY_NANOS = TimeUnit.SECONDS.toNanos(5);
    /** A run of failures is forgotten after this long without another one. */
    private static final long FORGET_AFTER_NANOS = TimeUnit.MINUTES.toNanos(15);
    /** Bounded, so a flood of names or addresses cannot grow the maps without end. */
    private static final int MAX_ENTRIES = 10_000;

    private record Run(int failures, long lastAt) {}

    private final Map<String, Run> byName = bounded();
    private final Map<String, Run> byAddress = bounded();

    /** Counts one more failure and returns how long after its /login the reply may go. */
    long failed(String name, String address, long now) {
        int k = Math.max(bump(byName, ChatNames.key(name), now), bump(byAddress, address, now));
        return delayNanos(k);
    }

    void succeeded(String name, String address) {
        byName.remove(ChatNames.key(name));
        byAddress.remove(address);
    }

    static long delayNanos(int k) {
        if (k >= 6) {
            return MAX_DELAY_NANOS;
        }
        return Math.min(FIRST_DELAY_NANOS << (k - 1), MAX_DELAY_NANOS);
    }

    private static int bump(Map<String, Run> runs, String key, long now) {
        Run run = runs.get(key);
        int failures = run == null || now - run.lastAt > FORGET_AFTER_NANOS ? 1 : run.failures + 1;
        runs.put(key, new Run(Math.min(failures, 1_000), now));
        return failures;
    }

    private static Map<String, Run> bounded() {
        return new LinkedHashMap<>(16, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Run> eldest) {
                return size() > MAX_ENTRIES;
            }
        };
    }
}
