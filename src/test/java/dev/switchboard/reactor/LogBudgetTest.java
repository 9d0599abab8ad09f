package dev.switchboard.reactor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.kit.ManualClock;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The log budget's token bucket on the loop's clock (a manual one here; the loop is not run). */
class LogBudgetTest {
    private final ManualClock clock = new ManualClock();
    private final EventLoop loop;

    LogBudgetTest() throws Exception {
        long second = TimeUnit.SECONDS.toNanos(1);
        loop = new EventLoop(new Limits(1 << 20, 1 << 20, 100, second, second), clock);
    }

    @AfterEach
    void close() {
        loop.close();
    }

    private int allowedOf(int asked) {
        int allowed = 0;
        for (int i = 0; i < asked; i++) {
            if (loop.logBudget().allowsInfo()) {
                allowed++;
            }
        }
        return allowed;
    }

    @Test
    void aBurstOfAHundredThenFiftyASecondAndTheRestCounted() {
        assertEquals(100, allowedOf(500), "the burst");
        assertEquals(400, loop.counters().logLinesSuppressed);
        clock.advanceMillis(19);
        assertFalse(loop.logBudget().allowsInfo(), "one line costs 20 ms");
        clock.advanceMillis(1);
        assertTrue(loop.logBudget().allowsInfo());
        clock.advanceMillis(1000);
        assertEquals(50, allowedOf(80), "a second's worth");
        clock.advanceMillis(3_600_000);
        assertEquals(100, allowedOf(200), "credit never grows past the burst");
        assertEquals(401 + 30 + 100, loop.counters().logLinesSuppressed);
    }
}
