package dev.switchboard.protocol.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.switchboard.kit.TestClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** SPEC.md Part 2, /msg: across rooms, both ways, and to nobody. */
class ChatPrivateMessageTest {
    private ChatClients chat;

    @AfterEach
    void stop() throws Exception {
        chat.close();
    }

    @Test
    void privateMessagesGoBothWaysAcrossRoomsAndNobodyElseSeesThem() throws Exception {
        chat = new ChatClients(s -> s);
        TestClient ann = chat.named("ann");
        TestClient bob = chat.named("bob", ann);
        TestClient cat = chat.named("cat", ann, bob);
        ChatClients.join(bob, "#dev");
        ann.readLine();
        cat.readLine();
        ann.send("/msg bob are you there?\n");
        assertEquals("-> *bob* are you there?", ann.readLine());
        assertEquals("*ann* are you there?", bob.readLine());
        bob.send("/msg ANN yes,  in #dev\n");
        assertEquals("-> *ann* yes,  in #dev", bob.readLine(), "the name as its owner spells it");
        assertEquals("*bob* yes,  in #dev", ann.readLine());
        cat.expectSilence(200);
    }

    @Test
    void anUnknownNameIsRefused() throws Exception {
        chat = new ChatClients(s -> s);
        TestClient ann = chat.connect();
        ann.send("/msg nobody hello\n");
        assertEquals("! no such user nobody", ann.readLine());
    }

    @Test
    void aMessageWithoutTextIsRefusedWithUsage() throws Exception {
        chat = new ChatClients(s -> s);
        TestClient ann = chat.connect();
        ann.send("/msg guest-1\n");
        assertEquals("! usage: /msg NAME text", ann.readLine());
        ann.send("/msg\n");
        assertEquals("! usage: /msg NAME text", ann.readLine());
    }

    @Test
    void controlCharactersInAPrivateMessageAreMadeVisible() throws Exception {
        chat = new ChatClients(s -> s);
        TestClient ann = chat.named("ann");
        TestClient bob = chat.named("bob", ann);
        ann.send("/msg bob \u001b[2Jgotcha\n");
        assertEquals("-> *bob* ^[[2Jgotcha", ann.readLine());
        assertEquals("*ann* ^[[2Jgotcha", bob.readLine());
    }
}
