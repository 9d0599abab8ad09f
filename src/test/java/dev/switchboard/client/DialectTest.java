package dev.switchboard.client;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** What typed lines become on the wire, and how replies read: no socket needed. */
class DialectTest {

    @Test
    void completedGoodbyeWordsWithATrailingSpaceStillEndTheSession() throws UsageError {
        Request h = new Header128Dialect().request("!DISCONNECT! ");
        assertTrue(h.endsSession());
        assertEquals("!DISCONNECT!", new String(h.bytes(), 128, h.bytes().length - 128, StandardCharsets.UTF_8));
        assertTrue(new CommandDialect().request("DISCONNECT ").endsSession());
        assertTrue(new EchoDialect().request("exit ").endsSession());
        assertTrue(new ChatDialect().request("/quit ").endsSession());
        assertTrue(new Frame5Dialect().request("quit ").endsSession());
    }

    @Test
    void frame5WordsBecomeFrames() throws UsageError {
        byte[] rev = new Frame5Dialect().request("rev abc").bytes();
        assertArrayEquals(new byte[] {2, 0, 0, 0, 3, 'a', 'b', 'c'}, rev);
        byte[] echo = new Frame5Dialect().request("echo  two spaces").bytes();
        assertEquals(" two spaces", new String(echo, 5, echo.length - 5, StandardCharsets.UTF_8));
        assertTrue(new Frame5Dialect().request("help").isLocal());
        assertThrows(UsageError.class, () -> new Frame5Dialect().request("jump"));
        assertNull(new Frame5Dialect().request("   "));
    }

    @Test
    void errorRepliesAreMarked() {
        assertTrue(new CommandDialect().reply(ascii("400 BAD REQUEST")).error());
        assertFalse(new CommandDialect().reply(ascii("200 OK")).error());
        assertTrue(new Header128Dialect()
                .reply(ascii("ERROR header is not a decimal number"))
                .error());
        assertTrue(new ChatDialect().reply(ascii("! name taken")).error());
        assertEquals(
                "ERROR unknown command 9",
                new Frame5Dialect()
                        .reply(new dev.switchboard.codec.Frame5(0xFF, ascii("unknown command 9")))
                        .text());
    }

    @Test
    void chatKnowsWhichLineAnswersWhat() {
        ChatDialect chat = new ChatDialect();
        assertTrue(chat.answers("hello", Reply.ok("hello")));
        assertFalse(chat.answers("hello", Reply.ok("<guest-2> hello")));
        assertTrue(chat.answers("/who", Reply.ok("* online: a, b")));
        assertFalse(chat.answers("/who", Reply.ok("* b joined")));
        assertTrue(chat.answers("/nick x y", Reply.error("! a name holds only letters")));
    }

    @Test
    void aCloseAfterALongQuietSaysItWasProbablyTheIdleTimeout() {
        assertEquals("", ServerLink.idleHint(2_000_000_000L));
        assertEquals(" after 300 s without traffic (its idle timeout?)", ServerLink.idleHint(300_000_000_000L));
    }

    @Test
    void everyRequestReplyProtocolHasALatencyProbeAndChatHasNone() {
        assertEquals("HELP\n", new String(new CommandDialect().probe().bytes(), StandardCharsets.UTF_8));
        assertArrayEquals(
                new byte[] {1, 0, 0, 0, 4, 'p', 'i', 'n', 'g'},
                new Frame5Dialect().probe().bytes());
        assertEquals(128 + 4, new Header128Dialect().probe().bytes().length);
        assertEquals("ping\n", new String(new EchoDialect().probe().bytes(), StandardCharsets.UTF_8));
        assertNull(new ChatDialect().probe());
    }

    @Test
    void localHelpListsEachWordWithWhatFollowsIt() {
        String help = new ChatDialect().help();
        assertTrue(
                help.contains("/msg NAME TEXT") && help.contains("/join #ROOM") && help.contains("Ctrl+D quits"), help);
        assertEquals(1, help.split("\n  help ", -1).length - 1, "help listed once: " + help);
    }

    @Test
    void serverTextIsMadeSafeForTheTerminal() {
        assertEquals(
                "evil ^[[2J", new EchoDialect().reply(ascii("evil \u001b[2J")).text());
    }

    private static ByteBuffer ascii(String s) {
        return ByteBuffer.wrap(s.getBytes(StandardCharsets.UTF_8));
    }
}
