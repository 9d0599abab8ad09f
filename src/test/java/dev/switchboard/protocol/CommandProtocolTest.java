package dev.switchboard.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.kit.SharedDaemon;
import dev.switchboard.kit.TestClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** SPEC.md "command (seed 000)", over real sockets. */
class CommandProtocolTest {
    /** A small line limit, so the too-long test needs only a few bytes. */
    @RegisterExtension
    static final SharedDaemon daemon = new SharedDaemon(o -> o.withMaxFrameBytes(64));

    private TestClient connect() throws Exception {
        TestClient c = daemon.connect("command");
        assertEquals("Hello Client!", c.readLine());
        return c;
    }

    @Test
    void greetsOnConnect() throws Exception {
        try (TestClient c = daemon.connect("command")) {
            assertEquals("Hello Client!", c.readLine());
        }
    }

    @Test
    void disconnectRepliesOkThenCloses() throws Exception {
        try (TestClient c = connect()) {
            c.send("DISCONNECT\n");
            assertEquals("200 OK", c.readLine());
            c.expectClosed();
        }
    }

    @Test
    void seedClientWithoutNewlineGetsItsReply() throws Exception {
        try (TestClient c = connect()) {
            c.send("DISCONNECT");
            assertEquals("200 OK", c.readLine());
            c.expectClosed();
        }
    }

    @Test
    void helpListsTheCommands() throws Exception {
        try (TestClient c = connect()) {
            c.send("HELP\r\n");
            assertEquals("200 OK DISCONNECT HELP", c.readLine());
        }
    }

    @Test
    void unknownCommandIsABadRequestAndTheConnectionStaysOpen() throws Exception {
        try (TestClient c = connect()) {
            c.send("FOO\n");
            assertEquals("400 BAD REQUEST", c.readLine());
            c.send("HELP\n");
            assertEquals("200 OK DISCONNECT HELP", c.readLine());
        }
    }

    @Test
    void wordsMatchIgnoringCaseAndSurroundingBlanks() throws Exception {
        try (TestClient c = connect()) {
            c.send(" \thelp \t\r\n");
            assertEquals("200 OK DISCONNECT HELP", c.readLine());
            c.send("\t DisConnect  \n");
            assertEquals("200 OK", c.readLine());
            c.expectClosed();
        }
    }

    @Test
    void emptyMessagesAreIgnored() throws Exception {
        try (TestClient c = connect()) {
            c.send("\n\r\n  \t\nHELP\n");
            assertEquals("200 OK DISCONNECT HELP", c.readLine());
            c.expectSilence(200);
        }
    }

    @Test
    void pipelinedLinesGetEveryReplyInOrder() throws Exception {
        try (TestClient c = connect()) {
            c.send("HELP\nFOO\nHELP\nDISCONNECT\nHELP\n");
            assertEquals("200 OK DISCONNECT HELP", c.readLine());
            assertEquals("400 BAD REQUEST", c.readLine());
            assertEquals("200 OK DISCONNECT HELP", c.readLine());
            assertEquals("200 OK", c.readLine());
            c.expectClosed();
        }
    }

    @Test
    void byteByByteAfterTheFirstNewlineIsOneCommand() throws Exception {
        try (TestClient c = connect()) {
            c.send("\n");
            for (byte b : "HELP\n".getBytes()) {
                c.send(new byte[] {b});
                Thread.sleep(5);
            }
            assertEquals("200 OK DISCONNECT HELP", c.readLine());
            c.expectSilence(200);
        }
    }

    @Test
    void lineLongerThanMaxFrameIsRefusedThenClosed() throws Exception {
        try (TestClient c = connect()) {
            c.send("x".repeat(200) + "\n");
            String reply = c.readLine();
            assertTrue(reply.startsWith("400 BAD REQUEST"), reply);
            assertTrue(reply.contains("64 bytes"), reply);
            c.expectClosed();
        }
    }
}
