package dev.switchboard.reactor;

import java.util.Arrays;
import java.util.PriorityQueue;
import org.tinylog.Logger;

/**
 * Every deadline of the loop behind one {@link #firstDeadline} and one {@link #fire}. Two
 * structures, for two kinds of deadline: per-connection ones have one fixed duration per kind
 * (partial message, idle per listener, linger), so each kind is an O(1) {@link TimeoutQueue}
 * with its entries inside the connections; the rare one-off tasks (a back-off, the drain
 * deadline, a ping round) go in a heap. Loop thread only; nothing here allocates per request.
 */
final class Timers {
    private static final long LINGER_NANOS = 2_000_000_000L;

    final TimeoutQueue partial;
    final TimeoutQueue linger = new TimeoutQueue(LINGER_NANOS);
    /** One per listener (their timeouts differ: chat never times out); an array, walked without an iterator. */
    private TimeoutQueue[] idle = new TimeoutQueue[0];

    private final PriorityQueue<Task> tasks = new PriorityQueue<>();
    private long sequence;

    Timers(long frameTimeoutNanos) {
        this.partial = new TimeoutQueue(frameTimeoutNanos);
        // Load now what only a rare path uses: when descriptors run out, loading a class from
        // a directory on the class path would need one more.
        new Task(0, 0, null).cancel();
    }

    /** A new idle queue for one listener (its timeout may change alone, by a reload). */
    TimeoutQueue idleQueue(long timeoutNanos) {
        TimeoutQueue q = new TimeoutQueue(timeoutNanos);
        idle = Arrays.copyOf(idle, idle.length + 1);
        idle[idle.length - 1] = q;
        return q;
    }

    /** Runs {@code task} at {@code deadline} (nanoseconds on the loop's clock). */
    EventLoop.Timer schedule(long deadline, Runnable task) {
        Task t = new Task(deadline, sequence++, task);
        tasks.add(t);
        return t;
    }

    /** The earliest deadline of any kind, or Long.MAX_VALUE when nothing waits. */
    long firstDeadline() {
        long first = Math.min(partial.firstDeadline(), linger.firstDeadline());
        for (int i = 0; i < idle.length; i++) {
            first = Math.min(first, idle[i].firstDeadline());
        }
        Task next = tasks.peek();
        return next == null ? first : Math.min(first, next.deadline);
    }

    /** Fires everything due at {@code now}; a failure closes that connection only. */
    void fire(long now) {
        Connection c;
        while ((c = partial.pollExpired(now)) != null) {
            try {
                c.partialTimedOut();
            } catch (RuntimeException | LinkageError | StackOverflowError e) {
                c.failed(e);
            }
        }
        for (int i = 0; i < idle.length; i++) {
            while ((c = idle[i].pollExpired(now)) != null) {
                try {
                    c.idleTimedOut();
                } catch (RuntimeException | LinkageError | StackOverflowError e) {
                    c.failed(e);
                }
            }
        }
        while ((c = linger.pollExpired(now)) != null) {
            c.lingerTimedOut();
        }
        Task t;
        while ((t = tasks.peek()) != null && t.deadline - now <= 0) {
            tasks.poll();
            Runnable task = t.task;
            if (task == null) {
                continue;
            }
            try {
                task.run();
            } catch (RuntimeException | LinkageError | StackOverflowError e) {
                Logger.warn(e, "a timer on the event loop failed");
            }
        }
    }

    /** A one-off task in the heap; cancelling leaves it there, to be skipped when due. */
    private static final class Task implements EventLoop.Timer, Comparable<Task> {
        private final long deadline;
        private final long sequence;
        private Runnable task;

        Task(long deadline, long sequence, Runnable task) {
            this.deadline = deadline;
            this.sequence = sequence;
            this.task = task;
        }

        @Override
        public void cancel() {
            task = null;
        }

        @Override
        public int compareTo(Task other) {
            int byTime = Long.compare(deadline - other.deadline, 0);
            return byTime != 0 ? byTime : Long.compare(sequence, other.sequence);
        }
    }
}
