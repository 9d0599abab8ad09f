package dev.switchboard.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.jline.reader.Candidate;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.impl.DefaultParser;
import org.jline.terminal.Terminal;
import org.jline.terminal.impl.ExternalTerminal;
import org.junit.jupiter.api.Test;

/** What the chat client learns from the server's lines, completes from them, and how it colours them. */
class ChatClientTest {

    @Test
    void roomsAndNamesComeFromWhatTheServerLastListed() {
        ChatState state = new ChatState();
        state.learn("* rooms: #lobby (3), #dev (1)");
        state.learn("* online: ada, bob");
        assertEquals(List.of("#lobby", "#dev"), state.rooms());
        assertEquals(List.of("ada", "bob"), state.online());
        state.learn("* you are in #ops");
        assertEquals(List.of("#lobby", "#dev", "#ops"), state.rooms(), "the room we are in is offered too");
        state.learn("* online: cy");
        assertEquals(List.of("cy"), state.online());
    }

    @Test
    void nameAndRoomAreRememberedForAReconnect() {
        ChatState state = new ChatState();
        state.learn("* welcome guest-4");
        assertEquals("guest-4", state.name());
        state.learn("* you are now ada");
        state.learn("* you are in #dev");
        assertEquals("ada", state.name());
        assertEquals("#dev", state.room());
    }

    @Test
    void ourOwnLineComesBackOnceAndIsNotShownAgain() {
        ChatState state = new ChatState();
        state.sending("* looks like a notice *");
        state.sending("dropped by the flood limit");
        state.sending("hello");
        state.sending("/who");
        assertTrue(state.learn("* looks like a notice *"));
        assertTrue(state.learn("hello"), "a line the server dropped does not hold up the next");
        assertFalse(state.learn("hello"), "only once");
        assertFalse(state.learn("<bob> hello"));
    }

    @Test
    void tabCompletesRoomsAfterJoinAndNamesAfterMsg() throws Exception {
        ChatState state = new ChatState();
        state.learn("* rooms: #lobby (3), #dev (1)");
        state.learn("* online: ada, bob");
        WordCompleter completer = new WordCompleter(
                new ChatDialect().words(),
                w -> w.equals("/join") ? state.rooms() : w.equals("/msg") ? state.online() : List.of());
        try (Terminal t = new ExternalTerminal(
                "t", "dumb", new LiveKeyboard(), new ByteArrayOutputStream(), StandardCharsets.UTF_8)) {
            LineReader reader = LineReaderBuilder.builder().terminal(t).build();
            assertEquals(List.of("#lobby", "#dev"), complete(completer, reader, "/join #d"));
            assertEquals(List.of("ada", "bob"), complete(completer, reader, "/msg a"));
            assertEquals(List.of(), complete(completer, reader, "/who x"));
            assertTrue(complete(completer, reader, "/j").contains("/join"));
        }
    }

    private static List<String> complete(WordCompleter completer, LineReader reader, String typed) {
        List<Candidate> candidates = new ArrayList<>();
        completer.complete(reader, new DefaultParser().parse(typed, typed.length()), candidates);
        return candidates.stream().map(Candidate::value).toList();
    }

    @Test
    void namesPrivateMessagesAndNoticesAreColoured() throws Exception {
        try (Terminal t = new ExternalTerminal(
                "t", "xterm-256color", new LiveKeyboard(), new ByteArrayOutputStream(), StandardCharsets.UTF_8)) {
            assertEquals(
                    "\u001b[36;1m<bob>\u001b[0m hi",
                    Styles.reply(Reply.ok("<bob> hi"), true).toAnsi(t));
            assertEquals(
                    "\u001b[35;1m*bob*\u001b[0m psst",
                    Styles.reply(Reply.ok("*bob* psst"), true).toAnsi(t));
            assertEquals(
                    "\u001b[35;1m-> *bob*\u001b[0m psst",
                    Styles.reply(Reply.ok("-> *bob* psst"), true).toAnsi(t));
            assertEquals(
                    "\u001b[33m* ada joined\u001b[0m",
                    Styles.reply(Reply.ok("* ada joined"), true).toAnsi(t));
            assertEquals(
                    "\u001b[31;1m! no such user cy\u001b[0m",
                    Styles.reply(Reply.error("! no such user cy"), true).toAnsi(t));
            assertEquals("<bob> hi", Styles.reply(Reply.ok("<bob> hi"), false).toAnsi(t), "only chat has names");
        }
        try (Terminal dumb = new ExternalTerminal(
                "t", "dumb", new LiveKeyboard(), new ByteArrayOutputStream(), StandardCharsets.UTF_8)) {
            assertEquals(
                    "*bob* psst", Styles.reply(Reply.ok("*bob* psst"), true).toAnsi(dumb), "no colour without colours");
        }
    }

    @Test
    void scriptedChatKnowsWhichLineAnswersTheNewCommands() {
        ChatDialect chat = new ChatDialect();
        assertTrue(chat.answers("/join #dev", Reply.ok("* you are in #dev")));
        assertFalse(chat.answers("/join #dev", Reply.ok("* ada joined")));
        assertTrue(chat.answers("/part", Reply.ok("* you are in #lobby")));
        assertTrue(chat.answers("/rooms", Reply.ok("* rooms: #lobby (1)")));
        assertTrue(chat.answers("/msg bob hi", Reply.ok("-> *bob* hi")));
        assertTrue(chat.answers("/msg cy hi", Reply.error("! no such user cy")));
        assertTrue(chat.answers("/register pw", Reply.ok("* ada is now registered")));
        assertTrue(chat.answers("/login ada pw", Reply.ok("* you are now ada")));
        assertTrue(new ChatDialect().request("logout").endsSession());
    }
}
