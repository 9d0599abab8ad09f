package dev.switchboard.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.codec.FrameException;
import dev.switchboard.kit.FakeSession;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** SPEC.md "header128": the service alone, against a fake session. */
class Header128ServiceTest {
    private final Header128Service service = new Header128Service(1 << 20);
    private final FakeSession session = new FakeSession();

    private void message(byte[] payload) {
        service.received(session, ByteBuffer.wrap(payload));
    }

    private void message(String payload) {
        message(payload.getBytes(StandardCharsets.UTF_8));
    }

    /** The one reply since the last call, checked for a well-formed header, as its text. */
    private String reply() {
        List<byte[]> sent = session.take();
        assertEquals(1, sent.size(), "one reply message");
        byte[] m = sent.get(0);
        String header = new String(m, 0, 128, StandardCharsets.US_ASCII);
        assertTrue(header.matches("\\d+ *"), "digits then spaces: '" + header + "'");
        String text = new String(m, 128, m.length - 128, StandardCharsets.UTF_8);
        assertEquals(Integer.parseInt(header.strip()), m.length - 128, "the header's length is the payload's");
        return text;
    }

    @Test
    void everyMessageIsAcknowledged() {
        message("hello");
        assertEquals("Msg received", reply());
        message("");
        assertEquals("Msg received", reply());
        assertFalse(session.closingAfterFlush());
    }

    @Test
    void aPayloadThatIsNotUtf8IsStillAcknowledged() {
        message(new byte[] {(byte) 0xFF, 0, (byte) 0xC3});
        assertEquals("Msg received", reply());
    }

    @Test
    void disconnectIsAcknowledgedThenClosesAfterTheReply() {
        message("!DISCONNECT!");
        assertEquals("Msg received", reply());
        assertTrue(session.closingAfterFlush());
        assertFalse(session.closed());
    }

    @Test
    void onlyTheExactDisconnectWordCloses() {
        message("!disconnect!");
        message("!DISCONNECT! ");
        message("DISCONNECT");
        assertEquals(3, session.take().size());
        assertFalse(session.closingAfterFlush());
    }

    @Test
    void aFramingErrorIsAnErrorMessageSayingWhy() {
        service.rejected(session, new FrameException("header '+5' is not a number"));
        assertEquals("ERROR header '+5' is not a number", reply());
    }
}
