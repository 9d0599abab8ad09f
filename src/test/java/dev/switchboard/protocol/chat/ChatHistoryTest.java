package dev.switchboard.protocol.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.switchboard.kit.TestClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** SPEC.md Part 2, chat history: counts, framing and where it is replayed. */
class ChatHistoryTest {
    private ChatClients chat;

    @AfterEach
    void stop() throws Exception {
        chat.close();
    }

    @Test
    void aNewClientGetsTheLobbysLastLinesRightAfterTheWelcome() throws Exception {
        chat = new ChatClients(s -> s.withHistoryLines(3));
        TestClient ann = chat.named("ann");
        ChatClients.say(ann, "one", "two", "three", "four");
        TestClient late = chat.daemon.connect("chat");
        String welcome = late.readLine();
        assertEquals("* welcome guest-2", welcome);
        assertEquals("* last 3 lines of #lobby", late.readLine());
        assertEquals("<ann> two", late.readLine());
        assertEquals("<ann> three", late.readLine());
        assertEquals("<ann> four", late.readLine());
        assertEquals("* end of history", late.readLine());
        late.send("/who\n");
        assertEquals("* online: ann, guest-2", late.readLine());
        late.close();
    }

    @Test
    void aRoomWithFewerLinesReplaysWhatItHasAndAlwaysSaysLines() throws Exception {
        chat = new ChatClients(s -> s.withHistoryLines(3));
        TestClient ann = chat.named("ann");
        ChatClients.say(ann, "only one");
        TestClient bob = chat.connect();
        assertEquals("* last 1 lines of #lobby", bob.readLine());
        assertEquals("<ann> only one", bob.readLine());
        assertEquals("* end of history", bob.readLine());
    }

    @Test
    void nothingIsReplayedWhenTheRoomHasNoHistory() throws Exception {
        chat = new ChatClients(s -> s.withHistoryLines(3));
        TestClient ann = chat.connect();
        ann.send("/who\n");
        assertEquals("* online: guest-1", ann.readLine(), "no history lines before the first reply");
        ChatClients.join(ann, "#quiet");
        ann.send("/who\n");
        assertEquals("* online: guest-1", ann.readLine());
    }

    @Test
    void joiningARoomReplaysThatRoomsHistoryAfterYouAreIn() throws Exception {
        chat = new ChatClients(s -> s.withHistoryLines(3));
        TestClient ann = chat.named("ann");
        TestClient bob = chat.named("bob", ann);
        ChatClients.join(ann, "#dev");
        assertEquals("* ann left", bob.readLine());
        ChatClients.say(ann, "dev talk \u00e9t\u00e9");
        ChatClients.say(bob, "lobby talk");
        ChatClients.join(bob, "#dev");
        assertEquals("* last 1 lines of #dev", bob.readLine());
        assertEquals("<ann> dev talk \u00e9t\u00e9", bob.readLine());
        assertEquals("* end of history", bob.readLine());
        assertEquals("* bob joined", ann.readLine());
    }

    @Test
    void aForgottenRoomForgetsItsHistory() throws Exception {
        chat = new ChatClients(s -> s.withHistoryLines(3));
        TestClient ann = chat.connect();
        ChatClients.join(ann, "#tmp");
        ChatClients.say(ann, "soon gone");
        ann.send("/part\n");
        assertEquals("* you are in #lobby", ann.readLine());
        ChatClients.join(ann, "#tmp");
        ann.send("/who\n");
        assertEquals("* online: guest-1", ann.readLine());
    }

    @Test
    void commandsNoticesAndPrivateMessagesAreNotHistory() throws Exception {
        chat = new ChatClients(s -> s.withHistoryLines(3));
        TestClient ann = chat.named("ann");
        TestClient bob = chat.named("bob", ann);
        bob.send("/msg ann psst\n");
        assertEquals("-> *ann* psst", bob.readLine());
        assertEquals("*bob* psst", ann.readLine());
        ChatClients.say(ann, "public");
        assertEquals("<ann> public", bob.readLine());
        TestClient cat = chat.connect();
        assertEquals("* last 1 lines of #lobby", cat.readLine());
        assertEquals("<ann> public", cat.readLine());
        assertEquals("* end of history", cat.readLine());
    }

    @Test
    void historyZeroTurnsItOff() throws Exception {
        chat = new ChatClients(s -> s.withHistoryLines(0));
        TestClient ann = chat.connect();
        ChatClients.say(ann, "not kept");
        TestClient bob = chat.connect();
        bob.send("/who\n");
        assertEquals("* online: guest-1, guest-2", bob.readLine());
    }
}
