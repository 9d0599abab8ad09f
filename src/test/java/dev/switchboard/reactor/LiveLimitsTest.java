package dev.switchboard.reactor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.switchboard.kit.TestClient;
import dev.switchboard.protocol.CommandService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Limits a reload changes while connections are open (SIGHUP; see app/Reload). */
class LiveLimitsTest {

    @Test
    void aNewDurationMovesEveryWaitingDeadlineByTheDifferenceAndKeepsTheirOrder() {
        TimeoutQueue q = new TimeoutQueue(100);
        TimeoutQueue.Entry a = new TimeoutQueue.Entry(null);
        TimeoutQueue.Entry b = new TimeoutQueue.Entry(null);
        q.schedule(a, 0);
        q.schedule(b, 30);
        q.changeDuration(40);
        assertEquals(40, q.firstDeadline());
        assertEquals(40, a.deadline);
        assertEquals(70, b.deadline);
        q.schedule(a, 50);
        assertEquals(70, q.firstDeadline(), "a new deadline takes the new duration, behind b");
        assertEquals(90, a.deadline);
        q.changeDuration(0);
        assertFalse(a.queued());
        assertFalse(b.queued());
        assertEquals(Long.MAX_VALUE, q.firstDeadline());
    }

    @Test
    void aLowerIdleTimeoutClosesWhoWasIdleLongerAndHoldsTheOthersToItFromTheirLastTraffic() throws Exception {
        try (ClockedLoop loop = new ClockedLoop(30_000, 10_000, new CommandService(ClockedLoop.maxFrameBytes()));
                TestClient idle = loop.connect("command");
                TestClient busy = loop.connect("command")) {
            assertEquals("Hello Client!", idle.readLine());
            assertEquals("Hello Client!", busy.readLine());
            loop.clock.advanceMillis(3_000);
            help(busy);
            loop.onLoop(() -> {
                loop.eventLoop().idleTimeoutNanos("command", TimeUnit.MILLISECONDS.toNanos(2_000));
                return null;
            });
            loop.clock.advanceMillis(1);
            idle.expectClosed();
            busy.expectSilence(50);
            // busy's last traffic was at +3 s: the new 2 s timeout ends it at +5 s.
            loop.clock.advanceMillis(1_998);
            busy.expectSilence(50);
            loop.clock.advanceMillis(1);
            busy.expectClosed();
        }
    }

    @Test
    void aLowerConnectionLimitKeepsEveryOpenConnectionAndRefusesTheNextOne() throws Exception {
        try (ClockedLoop loop = new ClockedLoop(30_000, 0, new CommandService(ClockedLoop.maxFrameBytes()));
                TestClient first = loop.connect("command");
                TestClient second = loop.connect("command")) {
            assertEquals("Hello Client!", first.readLine());
            assertEquals("Hello Client!", second.readLine());
            Limits before = loop.onLoop(() -> loop.eventLoop().limits());
            loop.onLoop(() -> {
                loop.eventLoop().limits(withMaxConnections(before, 1));
                return null;
            });
            try (TestClient third = loop.connect("command")) {
                third.expectClosed();
            }
            help(first);
            help(second);
            loop.onLoop(() -> {
                loop.eventLoop().limits(withMaxConnections(before, 3));
                return null;
            });
            try (TestClient third = loop.connect("command")) {
                assertEquals("Hello Client!", third.readLine());
            }
        }
    }

    private static Limits withMaxConnections(Limits l, int max) {
        return new Limits(
                l.maxInputBytes(), l.maxPendingOutputBytes(), max, l.frameTimeoutNanos(), l.idleTimeoutNanos());
    }

    private static void help(TestClient client) throws Exception {
        client.send("HELP\n");
        assertEquals("200 OK DISCONNECT HELP", client.readLine());
    }
}
