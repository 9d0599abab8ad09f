package dev.switchboard.protocol.chat.redis;

import static dev.switchboard.protocol.chat.redis.ClusterAsserts.awaitLine;
import static dev.switchboard.protocol.chat.redis.ClusterAsserts.awaitWho;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.kit.RedisServer;
import dev.switchboard.kit.TestClient;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Three daemons and a real redis-server: one chat, whichever node a client is on. */
class ClusterChatTest {
    private static final Duration SOON = Duration.ofSeconds(10);
    private RedisServer redis;
    private ClusterNode a;
    private ClusterNode b;
    private ClusterNode c;

    @BeforeEach
    void cluster() throws Exception {
        redis = RedisServer.start();
        a = new ClusterNode(redis.url());
        b = new ClusterNode(redis.url());
        c = new ClusterNode(redis.url());
        for (ClusterNode n : List.of(a, b, c)) {
            n.awaitUp(SOON);
        }
    }

    @AfterEach
    void stop() throws Exception {
        for (ClusterNode n : new ClusterNode[] {a, b, c}) {
            if (n != null) {
                n.close();
            }
        }
        redis.close();
    }

    @Test
    void linesJoinsLeavesRenamesAndPrivateMessagesReachClientsOnOtherNodes() throws Exception {
        TestClient alice = a.named("alice");
        TestClient bob = b.connect();
        String bobGuest = bob.readLine().substring("* welcome ".length());
        awaitLine(alice, "* " + bobGuest + " joined");
        bob.send("/nick bob\n");
        awaitLine(bob, "* you are now bob");
        awaitLine(alice, "* " + bobGuest + " is now bob");

        alice.send("hello from a\n");
        assertEquals("hello from a", alice.readLine());
        awaitLine(bob, "<alice> hello from a");
        bob.send("hello from b\n");
        awaitLine(alice, "<bob> hello from b");

        bob.send("/msg alice psst\n");
        awaitLine(bob, "-> *alice* psst");
        awaitLine(alice, "*bob* psst");
        alice.send("/msg BOB and back\n");
        awaitLine(alice, "-> *bob* and back");
        awaitLine(bob, "*alice* and back");

        TestClient carol = c.named("carol");
        awaitLine(alice, l -> l.endsWith(" is now carol"), "carol's rename");
        bob.send("/join #dev\n");
        awaitLine(bob, "* you are in #dev");
        awaitLine(alice, "* bob left");
        carol.send("/join #dev\n");
        awaitLine(bob, "* carol joined");
        carol.send("only for dev\n");
        awaitLine(bob, "<carol> only for dev");
        alice.send("/quit\n");
        bob.send("/quit\n");
        awaitLine(carol, "* bob left");
    }

    @Test
    void whoAndRoomsCountEveryNodesMembers() throws Exception {
        TestClient a1 = a.named("a1");
        TestClient a2 = a.named("a2");
        TestClient b1 = b.named("b1");
        TestClient c1 = c.named("c1");
        TestClient c2 = c.named("c2");
        for (TestClient t : List.of(a1, b1, c2)) {
            awaitWho(t, SOON, "a1", "a2", "b1", "c1", "c2");
        }
        c2.send("/join #ops\n");
        awaitLine(c2, "* you are in #ops");
        awaitLine(b1, "* c2 left");
        ClusterAsserts.awaitReply(b1, "/rooms", "* rooms: ", "* rooms: #lobby (4), #ops (1)", SOON);
        a2.send("/msg c2 are you there\n");
        awaitLine(c2, "*a2* are you there");
    }

    @Test
    void aNameTakenOnOneNodeIsRefusedOnAnother() throws Exception {
        TestClient dave = a.named("dave");
        TestClient other = b.connect();
        other.readLine();
        awaitWhoContains(other, "dave");
        other.send("/nick DAVE\n");
        awaitLine(other, "! name DAVE is taken");
        other.send("/msg dave hi\n");
        awaitLine(dave, l -> l.endsWith("* hi"), "the private message");
        dave.send("/quit\n");
        long deadline = System.nanoTime() + SOON.toNanos();
        while (true) {
            other.send("/nick dave\n");
            List<String> reply = awaitLine(other, l -> l.startsWith("* you are now") || l.startsWith("! "), "a reply");
            if (reply.get(reply.size() - 1).equals("* you are now dave")) {
                break;
            }
            assertTrue(System.nanoTime() - deadline < 0, "dave never became free: " + reply);
            Thread.sleep(50);
        }
    }

    @Test
    void historyWrittenOnOneNodeIsReplayedOnAnotherEvenOneStartedLater() throws Exception {
        TestClient writer = a.named("writer");
        writer.send("/join #hist\n");
        awaitLine(writer, "* you are in #hist");
        writer.send("first line\n");
        writer.send("second line\n");
        awaitLine(writer, "second line");
        try (ClusterNode late = new ClusterNode(redis.url())) {
            late.awaitUp(SOON);
            TestClient reader = late.named("reader");
            long deadline = System.nanoTime() + SOON.toNanos();
            List<String> got;
            while (true) {
                reader.send("/join #hist\n");
                got = awaitLine(reader, l -> l.equals("* end of history") || l.startsWith("* you are in"), "join");
                if (got.get(got.size() - 1).startsWith("* you are in")) {
                    String next = reader.readLine();
                    if (next.equals("* last 2 lines of #hist")) {
                        assertEquals("<writer> first line", reader.readLine());
                        assertEquals("<writer> second line", reader.readLine());
                        assertEquals("* end of history", reader.readLine());
                        return;
                    }
                    reader.send("/part\n");
                    awaitLine(reader, "* you are in #lobby");
                }
                assertTrue(System.nanoTime() - deadline < 0, "no history on the late node: " + got);
                Thread.sleep(100);
            }
        }
    }

    @Test
    void aNameRegisteredOnOneNodeIsProtectedAndUsableOnAnother() throws Exception {
        TestClient erin = a.named("erin");
        erin.send("/register s3cret-pass\n");
        awaitLine(erin, "* erin is now registered");
        erin.send("/quit\n");
        // The registration reaches node b through Redis a moment later. Until it has, a probe
        // may still take the free name; it then leaves (freeing it) and a new probe tries again.
        long deadline = System.nanoTime() + SOON.toNanos();
        while (true) {
            TestClient probe = b.connect();
            probe.readLine();
            probe.send("/nick erin\n");
            List<String> reply = awaitLine(probe, l -> l.startsWith("! ") || l.startsWith("* you are now"), "reply");
            String last = reply.get(reply.size() - 1);
            if (last.equals("! erin is registered")) {
                break;
            }
            probe.send("/quit\n");
            assertTrue(System.nanoTime() - deadline < 0, "erin was never protected: " + reply);
            Thread.sleep(50);
        }
        TestClient other = b.connect();
        other.readLine();
        other.send("/login erin wrong-pass\n");
        awaitLine(other, "! wrong password for erin");
        other.send("/login erin s3cret-pass\n");
        awaitLine(other, "* you are now erin");
    }

    @Test
    void aRoomEmptiedEverywhereIsForgottenInRedisTooAndOpensAgainWithoutHistory() throws Exception {
        TestClient frank = a.named("frank");
        TestClient gina = b.named("gina");
        frank.send("/join #tmp\n");
        awaitLine(frank, "* you are in #tmp");
        gina.send("/join #tmp\n");
        awaitLine(frank, "* gina joined");
        frank.send("said once\n");
        awaitLine(gina, "<frank> said once");
        assertEquals(":1", redis.command("EXISTS switchboard:chat:log:#tmp"));
        frank.send("/part\n");
        awaitLine(gina, "* frank left");
        gina.send("/part\n");
        awaitLine(gina, "* you are in #lobby");
        long deadline = System.nanoTime() + SOON.toNanos();
        while (!":0".equals(redis.command("EXISTS switchboard:chat:log:#tmp switchboard:chat:room:#tmp"))) {
            assertTrue(System.nanoTime() - deadline < 0, "#tmp stayed in Redis");
            Thread.sleep(20);
        }
        gina.send("/join #tmp\n");
        awaitLine(gina, "* you are in #tmp");
        gina.send("/who\n");
        assertEquals("* online: gina", gina.readLine());
    }

    private static void awaitWhoContains(TestClient t, String name) throws Exception {
        long deadline = System.nanoTime() + SOON.toNanos();
        while (true) {
            t.send("/who\n");
            List<String> lines = awaitLine(t, l -> l.startsWith("* online: "), "who");
            String who = lines.get(lines.size() - 1);
            if (List.of(who.substring("* online: ".length()).split(", ")).contains(name)) {
                return;
            }
            assertTrue(System.nanoTime() - deadline < 0, "never listed " + name + ": " + who);
            Thread.sleep(50);
        }
    }
}
