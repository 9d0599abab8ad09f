package dev.switchboard.protocol;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.codec.Frame5;
import dev.switchboard.codec.FrameException;
import dev.switchboard.kit.FakeSession;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** SPEC.md "frame5": the service alone, against a fake session. */
class Frame5ServiceTest {
    private final Frame5Service service = new Frame5Service(1 << 20);
    private final FakeSession session = new FakeSession();

    private void frame(int command, byte[] payload) {
        service.received(session, new Frame5(command, ByteBuffer.wrap(payload)));
    }

    private void frame(int command, String payload) {
        frame(command, payload.getBytes(StandardCharsets.UTF_8));
    }

    /** The one reply since the last call: command and payload. */
    private Reply reply() {
        List<byte[]> sent = session.take();
        assertEquals(1, sent.size(), "one reply frame");
        ByteBuffer b = ByteBuffer.wrap(sent.get(0));
        int command = b.get() & 0xFF;
        int length = b.getInt();
        assertEquals(b.remaining(), length, "the header's length is the payload's");
        byte[] payload = new byte[length];
        b.get(payload);
        return new Reply(command, payload);
    }

    private record Reply(int command, byte[] payload) {
        String text() {
            return new String(payload, StandardCharsets.UTF_8);
        }
    }

    @Test
    void echoSendsThePayloadBackUnderTheEchoCommand() {
        byte[] payload = {0, 1, (byte) 0xFF, '\n'};
        frame(Frame5.ECHO, payload);
        Reply r = reply();
        assertEquals(Frame5.ECHO, r.command());
        assertArrayEquals(payload, r.payload());
    }

    @Test
    void reverseReversesByCodePointKeepingSurrogatePairsWhole() {
        frame(Frame5.REVERSE, "añb😀");
        Reply r = reply();
        assertEquals(Frame5.REVERSE, r.command());
        assertEquals("😀bña", r.text());
    }

    @Test
    void consecutiveReversesEachGetTheirOwnAnswer() {
        frame(Frame5.REVERSE, "abc");
        assertEquals("cba", reply().text());
        frame(Frame5.REVERSE, "x".repeat(1000) + "yz");
        assertEquals("zy" + "x".repeat(1000), reply().text());
        frame(Frame5.REVERSE, "de");
        assertEquals("ed", reply().text());
    }

    @Test
    void reverseOfInvalidUtf8IsAnErrorFrameAndTheConnectionStays() {
        frame(Frame5.REVERSE, new byte[] {'a', (byte) 0xC3});
        Reply r = reply();
        assertEquals(Frame5.ERROR, r.command());
        assertEquals("REVERSE payload is not valid UTF-8", r.text());
        assertFalse(session.closingAfterFlush());
    }

    @Test
    void quitRepliesWithAnEmptyQuitFrameThenClosesAfterIt() {
        frame(Frame5.QUIT, "ignored");
        Reply r = reply();
        assertEquals(Frame5.QUIT, r.command());
        assertEquals(0, r.payload().length);
        assertTrue(session.closingAfterFlush());
        assertFalse(session.closed());
    }

    @Test
    void unknownCommandIsAnErrorFrameNamingTheKnownOnesAndTheConnectionStays() {
        frame(9, "x");
        Reply r = reply();
        assertEquals(Frame5.ERROR, r.command());
        assertEquals("unknown command 9 (known: 1 ECHO, 2 REVERSE, 3 QUIT)", r.text());
        assertFalse(session.closingAfterFlush());
    }

    @Test
    void aFramingErrorBecomesAnErrorFrameWithItsText() {
        service.rejected(session, new FrameException("payload length 5000000 is over the limit of 1048576"));
        Reply r = reply();
        assertEquals(Frame5.ERROR, r.command());
        assertEquals("payload length 5000000 is over the limit of 1048576", r.text());
    }
}
