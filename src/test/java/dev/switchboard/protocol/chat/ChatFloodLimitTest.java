package dev.switchboard.protocol.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.switchboard.kit.TestClient;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** SPEC.md Part 2, flood limit: a token bucket of N lines a second with a burst of 2N. */
class ChatFloodLimitTest {
    private ChatClients chat;

    @AfterEach
    void stop() throws Exception {
        chat.close();
    }

    @Test
    void linesOverTheBurstReachNobodyAndTheSenderIsToldOnce() throws Exception {
        chat = new ChatClients(s -> s.withLinesPerSecond(2));
        TestClient ann = chat.named("ann");
        TestClient bob = chat.named("bob", ann);
        StringBuilder burst = new StringBuilder();
        for (int i = 1; i <= 12; i++) {
            burst.append("line ").append(i).append('\n');
        }
        ann.send(burst.toString());
        List<String> got = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            got.add(ann.readLine());
        }
        assertEquals(List.of("line 1", "line 2", "line 3", "line 4", "! slow down: 2 lines per second"), got);
        for (int i = 1; i <= 4; i++) {
            assertEquals("<ann> line " + i, bob.readLine());
        }
        bob.expectSilence(300);
        ann.expectSilence(100);
    }

    @Test
    void theBucketRefillsAndTheNoticeComesAtMostOnceASecond() throws Exception {
        chat = new ChatClients(s -> s.withLinesPerSecond(2));
        TestClient ann = chat.connect();
        ann.send("a\nb\nc\nd\ne\n");
        for (String line : new String[] {"a", "b", "c", "d", "! slow down: 2 lines per second"}) {
            assertEquals(line, ann.readLine());
        }
        long start = System.nanoTime();
        // Within the same second another flood gets no second notice.
        ann.send("f\n");
        ann.send("/who\n");
        String next = ann.readLine();
        if ((System.nanoTime() - start) / 1_000_000 < 400) {
            assertEquals("* online: guest-1", next, "commands are not limited, and one notice a second");
        }
        Thread.sleep(1_100); // The bucket's refill is the behaviour under test: wall time must pass.
        ann.send("g\n");
        assertEquals("g", ann.readLine());
    }

    @Test
    void privateMessagesCountAgainstTheLimitToo() throws Exception {
        chat = new ChatClients(s -> s.withLinesPerSecond(1));
        TestClient ann = chat.named("ann");
        TestClient bob = chat.named("bob", ann);
        ann.send("/msg bob 1\n/msg bob 2\n/msg bob 3\n");
        assertEquals("-> *bob* 1", ann.readLine());
        assertEquals("-> *bob* 2", ann.readLine());
        assertEquals("! slow down: 1 lines per second", ann.readLine());
        assertEquals("*ann* 1", bob.readLine());
        assertEquals("*ann* 2", bob.readLine());
        bob.expectSilence(200);
    }

    @Test
    void noLimitByDefault() throws Exception {
        chat = new ChatClients(s -> s);
        TestClient ann = chat.connect();
        StringBuilder many = new StringBuilder();
        for (int i = 0; i < 500; i++) {
            many.append(i).append('\n');
        }
        ann.send(many.toString());
        for (int i = 0; i < 500; i++) {
            assertEquals(Integer.toString(i), ann.readLine());
        }
    }
}
