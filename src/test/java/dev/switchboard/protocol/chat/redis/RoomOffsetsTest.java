package dev.switchboard.protocol.chat.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class RoomOffsetsTest {
    private final RoomOffsets offsets = new RoomOffsets();

    @Test
    void theFirstEventOfARoomAndEachNextOneAreInOrder() {
        assertEquals(RoomOffsets.IN_ORDER, offsets.arrived("#a", "e1", 17));
        assertEquals(RoomOffsets.IN_ORDER, offsets.arrived("#a", "e1", 18));
        assertEquals(18, offsets.last("#a", "e1"));
    }

    @Test
    void aSkippedOffsetIsAGapFromTheFirstMissingOne() {
        offsets.arrived("#a", "e1", 1);
        assertEquals(2, offsets.arrived("#a", "e1", 5));
        assertEquals(RoomOffsets.IN_ORDER, offsets.arrived("#a", "e1", 6));
    }

    @Test
    void anOffsetSeenAlreadyIsADuplicate() {
        offsets.arrived("#a", "e1", 4);
        assertEquals(RoomOffsets.DUPLICATE, offsets.arrived("#a", "e1", 4));
        assertEquals(RoomOffsets.DUPLICATE, offsets.arrived("#a", "e1", 2));
    }

    @Test
    void aNewEpochStartsOverAndWhatCameBeforeInItIsMissed() {
        offsets.arrived("#a", "e1", 40);
        assertEquals(RoomOffsets.IN_ORDER, offsets.arrived("#a", "e2", 1));
        offsets.arrived("#b", "e1", 40);
        assertEquals(1, offsets.arrived("#b", "e3", 3));
        assertEquals(-1, offsets.last("#b", "e1"));
    }

    @Test
    void settingAnOffsetNeverMovesItBackWithinAnEpoch() {
        offsets.set("#a", "e1", 10);
        offsets.set("#a", "e1", 7);
        assertEquals(10, offsets.last("#a", "e1"));
        offsets.set("#a", "e2", 3);
        assertEquals(3, offsets.last("#a", "e2"));
        offsets.forget("#a");
        assertEquals(-1, offsets.last("#a", "e2"));
    }
}
