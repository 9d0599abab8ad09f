package dev.switchboard.reactor;

/**
 * Connections waiting on a deadline of one fixed duration. Because every entry gets the same
 * duration, appending at the tail keeps the queue sorted: scheduling, cancelling and finding
 * the next expiry are all O(1), with no allocation (the entries live in the connection).
 */
final class TimeoutQueue {

    static final class Entry {
        final Connection owner;
        Entry prev;
        Entry next;
        long deadline;

        Entry(Connection owner) {
            this.owner = owner;
        }

        boolean queued() {
            return prev != null;
        }
    }

    private final Entry head = new Entry(null);
    private long durationNanos;

    TimeoutQueue(long durationNanos) {
        this.durationNanos = durationNanos;
        head.prev = head;
        head.next = head;
    }

    long durationNanos() {
        return durationNanos;
    }

    /**
     * A new duration (a reload). Every queued deadline moves by the difference, which keeps the
     * queue sorted and holds each waiting connection to the new duration from when its deadline
     * started; one walk, once per reload. 0 turns the deadline off: the queue empties. From 0, a
     * connection's deadline starts with its next schedule (its next traffic).
     */
    void changeDuration(long newDurationNanos) {
        if (newDurationNanos == durationNanos) {
            return;
        }
        long shift = newDurationNanos - durationNanos;
        durationNanos = newDurationNanos;
        Entry e = head.next;
        while (e != head) {
            Entry next = e.next;
            if (newDurationNanos <= 0) {
                cancel(e);
            } else {
                e.deadline += shift;
            }
            e = next;
        }
    }

    boolean enabled() {
        return durationNanos > 0;
    }

    /** (Re)starts {@code e}'s deadline at {@code now} + the duration; no-op if disabled. */
    void schedule(Entry e, long now) {
        if (!enabled()) {
            return;
        }
        cancel(e);
        e.deadline = now + durationNanos;
        Entry tail = head.prev;
        e.prev = tail;
        e.next = head;
        tail.next = e;
        head.prev = e;
    }

    void cancel(Entry e) {
        if (e.prev == null) {
            return;
        }
        e.prev.next = e.next;
        e.next.prev = e.prev;
        e.prev = null;
        e.next = null;
    }

    /** The earliest deadline, or Long.MAX_VALUE when nothing waits. */
    long firstDeadline() {
        return head.next == head ? Long.MAX_VALUE : head.next.deadline;
    }

    /** Removes and returns the first entry whose deadline has passed, or null. */
    Connection pollExpired(long now) {
        Entry first = head.next;
        if (first == head || first.deadline - now > 0) {
            return null;
        }
        cancel(first);
        return first.owner;
    }
}
