package dev.switchboard.reactor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TimeoutQueueTest {

    @Test
    void entriesExpireInDeadlineOrderAndRestartMovesToTheBack() {
        TimeoutQueue q = new TimeoutQueue(100);
        TimeoutQueue.Entry a = new TimeoutQueue.Entry(null);
        TimeoutQueue.Entry b = new TimeoutQueue.Entry(null);
        q.schedule(a, 0);
        q.schedule(b, 10);
        assertEquals(100, q.firstDeadline());
        q.schedule(a, 50);
        assertEquals(110, q.firstDeadline(), "a restarted behind b");
        assertNull(q.pollExpired(109));
        assertTrue(b.queued());
        q.pollExpired(110);
        assertFalse(b.queued());
        assertEquals(150, q.firstDeadline());
        q.cancel(a);
        assertEquals(Long.MAX_VALUE, q.firstDeadline());
    }

    @Test
    void aDisabledQueueNeverHoldsAnything() {
        TimeoutQueue q = new TimeoutQueue(0);
        TimeoutQueue.Entry a = new TimeoutQueue.Entry(null);
        q.schedule(a, 0);
        assertFalse(a.queued());
        assertSame(null, q.pollExpired(Long.MAX_VALUE));
    }
}
