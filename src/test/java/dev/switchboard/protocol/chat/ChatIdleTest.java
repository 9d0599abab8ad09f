package dev.switchboard.protocol.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.switchboard.kit.TestClient;
import dev.switchboard.kit.TestDaemon;
import org.junit.jupiter.api.Test;

/** SPEC.md Part 2 "Idle": a chat member who only listens is not idle; --idle-timeout is for the others. */
class ChatIdleTest {

    @Test
    void aQuietChatMemberOutlivesTheIdleTimeoutThatClosesAnEchoClient() throws Exception {
        try (TestDaemon daemon = TestDaemon.start(
                        o -> o.withTimeoutsMillis(30_000, 500, 5_000).with(b -> b.chat = b.chat.withHistoryLines(0)));
                TestClient listener = daemon.connect("chat");
                TestClient echo = daemon.connect("echo")) {
            assertEquals("* welcome guest-1", listener.readLine());
            // The echo client is closed by --idle-timeout; the chat member, silent as long, is not.
            echo.expectClosed();
            listener.expectSilence(1_000);
            listener.send("still here\n");
            assertEquals("still here", listener.readLine());
        }
    }

    @Test
    void aChatIdleTimeoutOfItsOwnStillApplies() throws Exception {
        try (TestDaemon daemon = TestDaemon.start(o -> o.with(b -> {
                    b.idleTimeoutMillisByProtocol.put("chat", 500L);
                    b.chat = b.chat.withHistoryLines(0);
                }));
                TestClient member = daemon.connect("chat")) {
            assertEquals("* welcome guest-1", member.readLine());
            member.expectClosed();
        }
    }
}
