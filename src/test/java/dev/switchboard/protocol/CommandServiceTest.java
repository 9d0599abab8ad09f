package dev.switchboard.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.codec.FrameException;
import dev.switchboard.kit.FakeSession;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** SPEC.md "command": the service alone, against a fake session. */
class CommandServiceTest {
    private final CommandService service = new CommandService(1024);
    private final FakeSession session = new FakeSession();

    private void line(String text) {
        service.received(session, ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void openingGreetsTheClient() {
        service.opened(session);
        assertEquals("Hello Client!\n", session.text());
        assertFalse(session.closingAfterFlush());
    }

    @Test
    void disconnectRepliesOkThenClosesAfterTheReply() {
        line("DISCONNECT");
        assertEquals("200 OK\n", session.text());
        assertTrue(session.closingAfterFlush());
        assertFalse(session.closed(), "a gentle close: the reply must reach the client");
    }

    @Test
    void helpListsTheCommandsAndKeepsTheConnection() {
        line("HELP");
        assertEquals("200 OK DISCONNECT HELP\n", session.text());
        assertFalse(session.closingAfterFlush());
    }

    @Test
    void wordsMatchIgnoringCaseAndSurroundingSpacesAndTabs() {
        line(" \thelp \t");
        line("Disconnect ");
        assertEquals("200 OK DISCONNECT HELP\n200 OK\n", session.text());
        assertTrue(session.closingAfterFlush());
    }

    @Test
    void anyOtherLineIsABadRequestAndTheConnectionStays() {
        line("HELLO");
        line("DISCONNECT NOW");
        line("HEL P");
        assertEquals("400 BAD REQUEST\n400 BAD REQUEST\n400 BAD REQUEST\n", session.text());
        assertFalse(session.closingAfterFlush());
    }

    @Test
    void blankLinesGetNoReply() {
        line("");
        line(" \t ");
        assertEquals("", session.text());
    }

    @Test
    void aFramingErrorIsABadRequestSayingWhy() {
        service.rejected(session, new FrameException("line longer than 1024 bytes"));
        assertEquals("400 BAD REQUEST line longer than 1024 bytes\n", session.text());
    }

    @Test
    void aRepeatedReplyIsWholeEveryTime() {
        for (int i = 0; i < 3; i++) {
            line("HELP");
            assertEquals("200 OK DISCONNECT HELP\n", session.takeText());
        }
    }
}
