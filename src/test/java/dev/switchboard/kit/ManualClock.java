package dev.switchboard.kit;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * A nanosecond clock that moves only when a test says so, for the event loop's deadlines
 * (Kafka's {@code MockTime}). Advancing runs the wake-up hook, so a loop asleep until its
 * next deadline looks at the new time at once instead of after the real wait.
 */
public final class ManualClock implements LongSupplier {
    /** Far from zero, as System.nanoTime may be: deadlines are compared by difference. */
    private static final long START_NANOS = 1L << 40;

    private final AtomicLong nanos = new AtomicLong(START_NANOS);
    private volatile Runnable onAdvance = () -> {};

    @Override
    public long getAsLong() {
        return nanos.get();
    }

    /** Runs {@code wakeUp} after each advance (a loop's {@code execute(() -> {})}). */
    public void onAdvance(Runnable wakeUp) {
        this.onAdvance = wakeUp;
    }

    public void advance(Duration by) {
        if (by.isNegative()) {
            throw new IllegalArgumentException("a clock does not go back: " + by);
        }
        nanos.addAndGet(by.toNanos());
        onAdvance.run();
    }

    public void advanceMillis(long millis) {
        advance(Duration.ofMillis(millis));
    }
}
