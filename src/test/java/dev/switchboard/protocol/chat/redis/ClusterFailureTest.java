package dev.switchboard.protocol.chat.redis;

import static dev.switchboard.protocol.chat.redis.ClusterAsserts.awaitLine;
import static dev.switchboard.protocol.chat.redis.ClusterAsserts.awaitWho;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.kit.DaemonProcess;
import dev.switchboard.kit.RedisServer;
import dev.switchboard.kit.TestClient;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What a cluster chat lives through: a node killed outright, Redis gone and back, missed events. */
class ClusterFailureTest {
    private static final Duration SOON = Duration.ofSeconds(10);

    @Test
    void aKilledNodesMembersLeaveWhoWithinFifteenSecondsAndTheirRoomSeesThemLeave() throws Exception {
        try (RedisServer redis = RedisServer.start();
                ClusterNode survivor = new ClusterNode(redis.url())) {
            // Chat only: the other listeners (web's default port included) stay off.
            DaemonProcess doomed =
                    DaemonProcess.serve(1, DaemonProcess.only(List.of("chat"), "--chat-redis", redis.url()));
            survivor.awaitUp(SOON);
            TestClient stays = survivor.named("stays");
            TestClient victim = new TestClient(doomed.port("chat"));
            try (victim) {
                victim.readLine();
                // The process listens before it reaches Redis; until then a new name is refused.
                ClusterAsserts.awaitReply(victim, "/nick victim", "", "* you are now victim", SOON);
                awaitWho(stays, SOON, "stays", "victim");
                doomed.close(); // SIGKILL: kill -9
                long killedAt = System.nanoTime();
                ClusterAsserts.awaitLineWithin(stays, "* victim left", Duration.ofSeconds(16));
                long seconds = (System.nanoTime() - killedAt) / 1_000_000_000L;
                assertTrue(seconds < 15, "the leave came after " + seconds + " s");
                awaitWho(stays, Duration.ofSeconds(1), "stays");
                stays.send("/nick victim\n");
                awaitLine(stays, "* you are now victim");
            } finally {
                doomed.close();
            }
        }
    }

    @Test
    void aNodeThatStopsGracefullyAnnouncesItsMembersLeavingAtOnceAndLeavesRedis() throws Exception {
        try (RedisServer redis = RedisServer.start();
                ClusterNode stays = new ClusterNode(redis.url());
                ClusterNode goes = new ClusterNode(redis.url())) {
            stays.awaitUp(SOON);
            goes.awaitUp(SOON);
            TestClient watcher = stays.named("watcher");
            goes.named("leaver");
            awaitLine(watcher, l -> l.endsWith(" is now leaver"), "leaver's rename");
            long stoppedAt = System.nanoTime();
            goes.stop();
            awaitLine(watcher, "* leaver left");
            long millis = (System.nanoTime() - stoppedAt) / 1_000_000;
            assertTrue(millis < 5000, "the leave came after " + millis + " ms");
            assertEquals(":1", redis.command("SCARD switchboard:chat:nodes"));
            assertEquals(":0", redis.command("EXISTS switchboard:chat:name:leaver"));
            awaitWho(watcher, SOON, "watcher");
        }
    }

    @Test
    void redisStoppedAndRestartedHealsWithoutRestartingAnyNode() throws Exception {
        try (RedisServer redis = RedisServer.start();
                ClusterNode a = new ClusterNode(redis.url());
                ClusterNode b = new ClusterNode(redis.url())) {
            a.awaitUp(SOON);
            b.awaitUp(SOON);
            TestClient alice = a.named("alice");
            TestClient amy = a.named("amy");
            TestClient bob = b.named("bob");
            awaitWho(bob, SOON, "alice", "amy", "bob");
            alice.send("/register alice-pass\n");
            awaitLine(alice, "* alice is now registered");

            redis.stop();
            a.awaitGauge("switchboard_backplane_up", 0, SOON);
            b.awaitGauge("switchboard_backplane_up", 0, SOON);
            alice.send("still here\n");
            awaitLine(amy, "<alice> still here");
            amy.send("/nick amelia\n");
            List<String> refusal = awaitLine(amy, l -> l.startsWith("! "), "a refusal");
            assertTrue(refusal.get(refusal.size() - 1).contains("cut off"), refusal.toString());

            redis.begin();
            a.awaitUp(Duration.ofSeconds(15));
            b.awaitUp(Duration.ofSeconds(15));
            assertTrue(a.gauge("switchboard_backplane_reconnects_total") >= 1);
            awaitWho(bob, SOON, "alice", "amy", "bob");
            alice.send("back again\n");
            awaitLine(bob, "<alice> back again");
            bob.send("/msg amy hello\n");
            awaitLine(amy, "*bob* hello");
            amy.send("/nick amelia\n");
            awaitLine(amy, "* you are now amelia");
            awaitLine(bob, "* amy is now amelia");
            // Redis came back empty; the nodes gave it the registered name again.
            String account = redis.command("HGET switchboard:chat:accounts alice");
            assertTrue(
                    account != null && account.startsWith("alice pbkdf2-sha256$"),
                    "alice's account is not back: " + account);
        }
    }

    @Test
    void anEventMissedOverPubSubIsNoticedByItsOffsetAndReplayedFromTheStream() throws Exception {
        try (RedisServer redis = RedisServer.start();
                ClusterNode a = new ClusterNode(redis.url());
                ClusterNode b = new ClusterNode(redis.url())) {
            a.awaitUp(SOON);
            b.awaitUp(SOON);
            TestClient alice = a.named("alice");
            TestClient bob = b.named("bob");
            awaitLine(alice, l -> l.endsWith(" is now bob"), "bob's rename");
            // An event stored in #lobby's stream under the next offset but never published: as if lost on the way.
            String next = redis.command("HINCRBY switchboard:chat:room:#lobby seq 1");
            assertTrue(next.startsWith(":"), next);
            String added = redis.command("XADD switchboard:chat:log:#lobby " + next.substring(1)
                    + "-0 p \"zzzzz 0 1 S #lobby zed lost on the way\"");
            assertEquals(next.substring(1) + "-0", added);
            alice.send("after the gap\n");
            List<String> seen = awaitLine(bob, "<alice> after the gap");
            List<String> more = seen.contains("<zed> lost on the way") ? seen : awaitLine(bob, "<zed> lost on the way");
            assertTrue(more.contains("<zed> lost on the way"), more.toString());
            assertEquals(1, b.gauge("switchboard_backplane_gaps_total"));
        }
    }

    @Test
    void aSubscriptionRedisDroppedCatchesUpFromTheStreamsWhatItMissed() throws Exception {
        try (RedisServer redis = RedisServer.start();
                ClusterNode a = new ClusterNode(redis.url());
                ClusterNode b = new ClusterNode(redis.url())) {
            a.awaitUp(SOON);
            b.awaitUp(SOON);
            TestClient alice = a.named("alice");
            TestClient bob = b.connect();
            String guest = bob.readLine().substring("* welcome ".length());
            String nodeB = guest.substring(guest.lastIndexOf('-') + 1);
            awaitLine(alice, "* " + guest + " joined");
            // What Redis does to a subscriber past its pub/sub output limit: it closes the connection.
            String clients = redis.command("CLIENT LIST TYPE pubsub");
            String id = null;
            for (String line : clients.split("\n")) {
                if (line.contains("name=switchboard-events-" + nodeB)) {
                    id = line.substring(3, line.indexOf(' '));
                }
            }
            assertTrue(id != null, clients);
            assertEquals(":1", redis.command("CLIENT KILL ID " + id));
            StringBuilder burst = new StringBuilder();
            for (int i = 0; i < 50; i++) {
                burst.append("line ").append(i).append(" while bob's node was not listening\n");
            }
            alice.send(burst.toString());
            java.util.Set<Integer> seen = new java.util.TreeSet<>();
            long deadline = System.nanoTime() + SOON.toNanos();
            while (seen.size() < 50) {
                assertTrue(System.nanoTime() - deadline < 0, "bob saw only " + seen + " of 50 lines");
                String line = bob.readLine();
                if (line.startsWith("<alice> line ")) {
                    seen.add(Integer.parseInt(line.split(" ")[2]));
                }
            }
            b.awaitUp(SOON);
            assertEquals(1, b.gauge("switchboard_backplane_reconnects_total"));
            assertTrue(b.gauge("switchboard_backplane_gaps_total") >= 1, "nothing was replayed");
        }
    }

    @Test
    void healthSaysDegradedWhileRedisIsAwayAndNothingOnceConnected() throws Exception {
        try (RedisServer redis = RedisServer.start();
                ClusterNode node = new ClusterNode(redis.url())) {
            node.awaitUp(SOON);
            assertEquals(null, node.healthDetail());
            redis.stop();
            node.awaitGauge("switchboard_backplane_up", 0, SOON);
            assertEquals("degraded: backplane down", node.healthDetail());
            redis.begin();
            node.awaitUp(Duration.ofSeconds(15));
            assertEquals(null, node.healthDetail());
        }
    }
}
