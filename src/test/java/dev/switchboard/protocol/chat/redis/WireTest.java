package dev.switchboard.protocol.chat.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.switchboard.protocol.chat.ChatEvent;
import java.util.List;
import org.junit.jupiter.api.Test;

class WireTest {

    @Test
    void everyEventComesBackAsItWasSentTextSpacesAndTabsIncluded() {
        List<ChatEvent> events = List.of(
                new ChatEvent.Said("#lobby", "alice", "  two  spaces\tand a tab "),
                new ChatEvent.Joined("#Dev", "bob"),
                new ChatEvent.Left("#dev", "guest-3-k2x9a"),
                new ChatEvent.Renamed("#lobby", "guest-1-abcde", "carol"),
                new ChatEvent.Whispered("alice", "bob", "psst, bob"));
        for (ChatEvent e : events) {
            Wire.Message m = Wire.decode("ep.1 42 " + Wire.body("abcde", 7, 123, e));
            assertEquals(e, m.event());
            assertEquals("ep.1", m.epoch());
            assertEquals(42, m.seq());
            assertEquals("abcde", m.node());
            assertEquals(7, m.n());
            assertEquals(123, m.micros());
        }
    }

    @Test
    void anAccountCarriesItsNameAndHash() {
        Wire.Message m = Wire.decode("- 0 " + Wire.account("abcde", 5, "erin", "pbkdf2-sha256$1000$x$y"));
        assertNull(m.event());
        assertEquals("erin", m.accountName());
        assertEquals("pbkdf2-sha256$1000$x$y", m.accountHash());
    }

    @Test
    void whatIsNotOursIsNullNotAnError() {
        for (String s : new String[] {
            "",
            "hello",
            "- 0",
            "- 0 abcde",
            "- 0 abcde 1 2 S #lobby alice",
            "- x abcde 1 2 J #lobby bob",
            "- 0 abcde 1 2 Q #lobby bob",
            "- 0 abcde 0 5 H",
            "- 0 abcde -1 2 J #lobby bob",
            "- 0 abcde 1 2 J #lobby"
        }) {
            assertNull(Wire.decode(s), s);
        }
    }

    @Test
    void whatOurChatCouldNotHaveSentIsNotShown() {
        for (String body : new String[] {
            "n 1 2 S lobby alice hi",
            "n 1 2 S #lobby al!ce hi",
            "n 1 2 S #lobby alice bell\u0007",
            "n 1 2 W alice bob esc\u001b[2J",
            "n 1 2 J #lobby " + "a".repeat(33),
            "n 1 2 R #lobby alice b/c"
        }) {
            assertNull(Wire.decode("e 1 " + body), body);
        }
    }

    @Test
    void aStoredBodyDecodesUnderItsOffset() {
        Wire.Message m = Wire.decodeStored("ep", 9, Wire.body("n1", 3, 4, new ChatEvent.Said("#a", "x", "y z")));
        assertEquals(9, m.seq());
        assertEquals(new ChatEvent.Said("#a", "x", "y z"), m.event());
    }
}
