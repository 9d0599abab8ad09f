package dev.switchboard.reactor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class LogThrottleTest {

    @Test
    void firstOccurrenceLogsThenOncePerIntervalWithTheCount() {
        LogThrottle t = new LogThrottle(1000);
        assertEquals(1, t.occurred(5));
        assertEquals(0, t.occurred(10));
        assertEquals(0, t.occurred(1004));
        assertEquals(3, t.occurred(1005), "the two held back and this one");
        assertEquals(0, t.occurred(1500));
    }
}
