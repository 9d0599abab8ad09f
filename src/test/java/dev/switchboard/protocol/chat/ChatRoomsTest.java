package dev.switchboard.protocol.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.kit.TestClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** SPEC.md Part 2, chat rooms, over real sockets as nc users. */
class ChatRoomsTest {
    private ChatClients chat;

    @AfterEach
    void stop() throws Exception {
        chat.close();
    }

    @Test
    void joiningMovesYouAndBothRoomsAreTold() throws Exception {
        chat = new ChatClients(s -> s);
        TestClient ann = chat.named("ann");
        TestClient bob = chat.named("bob", ann);
        TestClient cat = chat.named("cat", ann, bob);
        ChatClients.join(bob, "#dev");
        assertEquals("* bob left", ann.readLine());
        assertEquals("* bob left", cat.readLine());
        cat.send("/join #DEV\n");
        assertEquals("* you are in #dev", cat.readLine(), "rooms ignore case and keep their first spelling");
        assertEquals("* cat left", ann.readLine());
        assertEquals("* cat joined", bob.readLine());
    }

    @Test
    void linesGoToYourRoomOnly() throws Exception {
        chat = new ChatClients(s -> s);
        TestClient ann = chat.named("ann");
        TestClient bob = chat.named("bob", ann);
        TestClient cat = chat.named("cat", ann, bob);
        bob.send("/join #dev\n");
        bob.readLine();
        ann.readLine();
        cat.readLine();
        bob.send("in dev\n");
        assertEquals("in dev", bob.readLine());
        ann.send("in lobby\n");
        assertEquals("in lobby", ann.readLine());
        assertEquals("<ann> in lobby", cat.readLine());
        ann.expectSilence(200);
        cat.expectSilence(100);
        bob.expectSilence(100);
    }

    @Test
    void partGoesBackToTheLobbyAndAnEmptyRoomIsForgotten() throws Exception {
        chat = new ChatClients(s -> s);
        TestClient ann = chat.named("ann");
        TestClient bob = chat.named("bob", ann);
        ChatClients.join(bob, "#dev");
        assertEquals("* bob left", ann.readLine());
        ann.send("/rooms\n");
        assertEquals("* rooms: #lobby (1), #dev (1)", ann.readLine());
        bob.send("/part\n");
        assertEquals("* you are in #lobby", bob.readLine());
        assertEquals("* bob joined", ann.readLine());
        ann.send("/rooms\n");
        assertEquals("* rooms: #lobby (2)", ann.readLine());
        bob.send("/part\n");
        assertTrue(bob.readLine().startsWith("! "), "you cannot part from the lobby");
    }

    @Test
    void roomsCountEveryRoomLobbyFirst() throws Exception {
        chat = new ChatClients(s -> s);
        TestClient ann = chat.named("ann");
        TestClient bob = chat.named("bob", ann);
        TestClient cat = chat.named("cat", ann, bob);
        TestClient dan = chat.named("dan", ann, bob, cat);
        ChatClients.join(dan, "#dev");
        assertEquals("* dan left", ann.readLine());
        ann.send("/rooms\n");
        assertEquals("* rooms: #lobby (3), #dev (1)", ann.readLine());
    }

    @Test
    void whoListsYourRoom() throws Exception {
        chat = new ChatClients(s -> s);
        TestClient ann = chat.named("ann");
        TestClient bob = chat.named("bob", ann);
        TestClient cat = chat.named("cat", ann, bob);
        ChatClients.join(bob, "#dev");
        assertEquals("* bob left", cat.readLine());
        ChatClients.join(cat, "#dev");
        assertEquals("* cat joined", bob.readLine());
        cat.send("/who\n");
        assertEquals("* online: bob, cat", cat.readLine());
        ann.send("/who\n");
        assertEquals("* bob left", ann.readLine());
        assertEquals("* cat left", ann.readLine());
        assertEquals("* online: ann", ann.readLine());
    }

    @Test
    void noMoreRoomsThanTheLimitLobbyIncluded() throws Exception {
        chat = new ChatClients(s -> s.withMaxRooms(2));
        TestClient ann = chat.connect();
        TestClient bob = chat.connect();
        ann.readLine();
        ChatClients.join(ann, "#one");
        bob.readLine();
        bob.send("/join #two\n");
        String refusal = bob.readLine();
        assertTrue(refusal.startsWith("! too many rooms"), refusal);
        bob.send("/join #one\n");
        assertEquals("* you are in #one", bob.readLine(), "an existing room can still be joined");
    }

    @Test
    void badRoomNamesAreRefusedWithAReason() throws Exception {
        chat = new ChatClients(s -> s);
        TestClient ann = chat.connect();
        for (String bad : new String[] {
            "/join",
            "/join dev",
            "/join #",
            "/join #" + "x".repeat(33),
            "/join #a b",
            "/join #caf\u00e9",
            "/join #lobby"
        }) {
            ann.send(bad + "\n");
            String reply = ann.readLine();
            assertTrue(reply.startsWith("! "), bad + " -> " + reply);
        }
        ann.send("/join #" + "x".repeat(32) + "\n");
        assertEquals("* you are in #" + "x".repeat(32), ann.readLine());
    }

    @Test
    void helpListsTheCommandsAndUnknownCommandsPointToIt() throws Exception {
        chat = new ChatClients(s -> s);
        TestClient ann = chat.connect();
        ann.send("/help\n");
        String help = ann.readLine();
        for (String command :
                new String[] {"/nick", "/join", "/part", "/rooms", "/who", "/msg", "/register", "/login", "/quit"}) {
            assertTrue(help.startsWith("* ") && help.contains(command), help);
        }
        ann.send("/dance wildly\n");
        assertEquals("! unknown command /dance; /help lists the commands", ann.readLine());
    }
}
