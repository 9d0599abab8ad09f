package dev.switchboard.reactor;

import java.io.IOException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import org.tinylog.Logger;

/**
 * A turn's sleep in {@code select}, until I/O or the next deadline, and the dispatch of each
 * ready key to its attachment inside the call. Loop thread only.
 */
final class Selecting {
    private static final long LOG_EVERY_NANOS = 1_000_000_000L;

    private final Selector selector;
    private final Timers timers;
    private final LongSupplier clock;
    private final Consumer<SelectionKey> dispatcher = this::dispatch;
    private final LogThrottle failureLog = new LogThrottle(LOG_EVERY_NANOS);
    /** Whether, and when, this select's first ready key was dispatched (busy time starts there). */
    private boolean woken;

    private long wokeAt;

    Selecting(Selector selector, Timers timers, LongSupplier clock) {
        this.selector = selector;
        this.timers = timers;
        this.clock = clock;
    }

    /**
     * Sleeps and dispatches; not at all if {@code workWaiting}. True if a key was dispatched
     * (then {@link #wokeAt} says when the first was): {@code select(Consumer)} dispatches inside
     * the call, so only the wait before that is idle. An error out of select itself (a JDK class that failed to
     * initialise, say) is logged and the loop goes on: the keys it did not dispatch stay ready
     * for the next turn.
     */
    boolean select(boolean workWaiting) throws IOException {
        woken = false;
        try {
            if (workWaiting) {
                selector.selectNow(dispatcher);
                return woken;
            }
            long next = timers.firstDeadline();
            if (next == Long.MAX_VALUE) {
                selector.select(dispatcher, 0);
                return woken;
            }
            long waitNanos = next - clock.getAsLong();
            if (waitNanos <= 0) {
                selector.selectNow(dispatcher);
            } else {
                // Round up: waking a millisecond early would only spin once more.
                selector.select(dispatcher, (waitNanos + 999_999) / 1_000_000);
            }
        } catch (RuntimeException | LinkageError | StackOverflowError e) {
            long failures = failureLog.occurred(clock.getAsLong());
            if (failures > 0) {
                Logger.error(e, "select failed {} time(s); the loop goes on", failures);
            }
        }
        return woken;
    }

    long wokeAt() {
        return wokeAt;
    }

    private void dispatch(SelectionKey key) {
        if (!woken) {
            woken = true;
            wokeAt = clock.getAsLong();
        }
        Selectable target = (Selectable) key.attachment();
        try {
            if (key.isValid()) {
                target.ready(key.readyOps());
            }
        } catch (RuntimeException | LinkageError | StackOverflowError e) {
            target.failed(e);
        }
    }
}
