package dev.switchboard.protocol;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.codec.EchoMessage;
import dev.switchboard.codec.FrameException;
import dev.switchboard.kit.FakeSession;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

/** SPEC.md "echo": the service alone, against a fake session. */
class EchoServiceTest {
    private final EchoService service = new EchoService(1 << 20);
    private final FakeSession session = new FakeSession();

    @Test
    void bytesGoBackUnchanged() {
        byte[] bytes = {'h', 'i', '\r', '\n', 0, (byte) 0xFF};
        service.received(session, new EchoMessage.Echo(ByteBuffer.wrap(bytes)));
        assertArrayEquals(bytes, session.bytes());
        assertFalse(session.closingAfterFlush());
    }

    @Test
    void exitGetsGoodbyeWithTheClientsLineEndingThenClosesAfterIt() {
        service.received(session, new EchoMessage.Exit("\r\n"));
        assertEquals("Goodbye!\r\n", session.text());
        assertTrue(session.closingAfterFlush());
        assertFalse(session.closed());
    }

    @Test
    void exitWithoutALineEndingGetsGoodbyeWithoutOne() {
        service.received(session, new EchoMessage.Exit("\n"));
        assertEquals("Goodbye!\n", session.takeText());
        service.received(session, new EchoMessage.Exit(""));
        assertEquals("Goodbye!", session.takeText());
    }

    @Test
    void aFramingErrorSendsNothing() {
        service.rejected(session, new FrameException("line longer than 1048576 bytes"));
        assertEquals(0, session.bytes().length);
    }
}
