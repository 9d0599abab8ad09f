package dev.switchboard.reactor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class SecondsTest {

    @Test
    void durationsAreWrittenAsSecondsWithTheirDecimals() {
        assertEquals("12.345", Seconds.fixed(12_345_678_901L, 3));
        assertEquals("0.000", Seconds.fixed(0, 3));
        assertEquals("0.007", Seconds.fixed(7_000_000, 3));
        assertEquals("1.0", Seconds.fixed(1_049_999_999, 1));
        assertEquals("0.9", Seconds.fixed(999_999_999, 1));
    }
}
