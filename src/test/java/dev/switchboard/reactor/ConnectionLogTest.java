package dev.switchboard.reactor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ConnectionLogTest {

    @Test
    void durationsAreWrittenAsSecondsWithTheirDecimals() {
        assertEquals("12.345", ConnectionLog.seconds(12_345_678_901L, 3));
        assertEquals("0.000", ConnectionLog.seconds(0, 3));
        assertEquals("0.007", ConnectionLog.seconds(7_000_000, 3));
        assertEquals("1.0", ConnectionLog.seconds(1_049_999_999, 1));
        assertEquals("0.9", ConnectionLog.seconds(999_999_999, 1));
    }
}
