package dev.switchboard.protocol.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.switchboard.kit.FakeSession;
import dev.switchboard.protocol.ChatService;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A reload's chat settings, applied to the running chat and the members already in it. */
class ChatReloadTest {
    @TempDir
    Path dataDir;

    @Test
    void aShorterHistoryDropsTheOldestLinesAtOnceAndZeroTurnsItOff() {
        LocalHistory history = new LocalHistory(5, 1000);
        for (int i = 1; i <= 5; i++) {
            history.append("#a", "<x> " + i);
        }
        history.maxLines(2);
        assertEquals(List.of("<x> 4", "<x> 5"), history.recent("#a"));
        history.maxLines(0);
        assertEquals(List.of(), history.recent("#a"));
        history.append("#a", "<x> 6");
        assertEquals(List.of(), history.recent("#a"));
    }

    @Test
    void aLowerRoomLimitKeepsTheRoomsThatAreOpenButOpensNoNewOne() {
        LocalRooms rooms = new LocalRooms(3);
        assertNotNull(rooms.enter("#a", "ann"));
        assertNotNull(rooms.enter("#b", "bob"));
        rooms.maxRooms(2);
        assertNull(rooms.enter("#c", "cy"));
        assertEquals("#a", rooms.enter("#a", "cy"), "a room that exists can still be joined");
        rooms.maxRooms(4);
        assertNotNull(rooms.enter("#c", "dee"));
    }

    @Test
    void aFloodLimitTurnedOnByAReloadHoldsTheMembersAlreadyInTheChat() {
        ChatSettings off = new ChatSettings(50, 0, 1000, dataDir, null);
        ChatService chat = new ChatService(1024, off, loop(), ChatBackend.local(off, Runnable::run));
        FakeSession ann = FakeSession.oneLinePerSend();
        chat.opened(ann);
        for (int i = 0; i < 10; i++) {
            chat.received(ann, line("free " + i));
        }
        assertEquals("free 9", ann.lines().get(ann.lines().size() - 1), "no limit yet");

        chat.settings(off.withLinesPerSecond(1));
        for (int i = 0; i < 5; i++) {
            chat.received(ann, line("limited " + i));
        }
        // A burst of twice the rate, then one notice.
        assertEquals(
                List.of("limited 0", "limited 1", "! slow down: 1 lines per second"),
                ann.lines().subList(ann.lines().size() - 3, ann.lines().size()));
    }

    private static ByteBuffer line(String text) {
        return ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
    }

    /** A loop that never moves on: the flood limit's bucket does not refill during the test. */
    private static ChatLoop loop() {
        return new ChatLoop() {
            @Override
            public void execute(Runnable task) {
                task.run();
            }

            @Override
            public void schedule(long delayNanos, Runnable task) {}

            @Override
            public long nanoTime() {
                return 1_000_000_000L;
            }
        };
    }
}
