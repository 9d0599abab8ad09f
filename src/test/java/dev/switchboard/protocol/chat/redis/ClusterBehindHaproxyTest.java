package dev.switchboard.protocol.chat.redis;

import static dev.switchboard.protocol.chat.redis.ClusterAsserts.awaitLine;
import static dev.switchboard.protocol.chat.redis.ClusterAsserts.awaitWho;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.kit.RedisServer;
import dev.switchboard.kit.TestClient;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** What tools/cluster builds: nodes behind a real HAProxy (round robin, PROXY v2), one chat. */
class ClusterBehindHaproxyTest {

    @Test
    void clientsThatHaproxySpreadOverTwoNodesChatAsOne() throws Exception {
        try (RedisServer redis = RedisServer.start();
                ClusterNode one = new ClusterNode(redis.url(), true);
                ClusterNode two = new ClusterNode(redis.url(), true)) {
            one.awaitUp(Duration.ofSeconds(10));
            two.awaitUp(Duration.ofSeconds(10));
            int front;
            try (ServerSocket s = new ServerSocket(0)) {
                front = s.getLocalPort();
            }
            Path dir = Files.createTempDirectory("switchboard-haproxy");
            Path cfg = dir.resolve("haproxy.cfg");
            Files.writeString(
                    cfg,
                    String.join(
                            "\n",
                            "defaults",
                            "    mode tcp",
                            "    timeout connect 5s",
                            "    timeout client 1h",
                            "    timeout server 1h",
                            "frontend chat",
                            "    bind 127.0.0.1:" + front,
                            "    default_backend nodes",
                            "backend nodes",
                            "    balance roundrobin",
                            "    server one 127.0.0.1:" + one.port() + " send-proxy-v2",
                            "    server two 127.0.0.1:" + two.port() + " send-proxy-v2",
                            ""));
            Process haproxy = new ProcessBuilder("haproxy", "-f", cfg.toString(), "-db")
                    .redirectErrorStream(true)
                    .redirectOutput(dir.resolve("haproxy.log").toFile())
                    .start();
            try {
                awaitListening(front, haproxy, dir);
                // Round robin alternates; the probe above may or may not have counted, so three
                // connections hold two on different nodes (a guest name ends with its node's id).
                TestClient[] clients = {new TestClient(front), new TestClient(front), new TestClient(front)};
                try {
                    String[] names = new String[3];
                    for (int i = 0; i < 3; i++) {
                        names[i] = clients[i].readLine().substring("* welcome ".length());
                    }
                    int other = node(names[1]).equals(node(names[0])) ? 2 : 1;
                    assertNotEquals(node(names[0]), node(names[other]), String.join(" ", names));
                    TestClient first = clients[0];
                    TestClient second = clients[other];
                    String a = names[0];
                    String b = names[other];
                    // HAProxy opens its backend connections on its own schedule, so the second may
                    // start before the first and its join come before the first was there.
                    awaitWho(first, java.time.Duration.ofSeconds(15), names);
                    second.send("across the balancer\n");
                    awaitLine(first, "<" + b + "> across the balancer");
                    first.send("/msg " + b + " and back\n");
                    awaitLine(second, "*" + a + "* and back");
                } finally {
                    for (TestClient c : clients) {
                        c.close();
                    }
                }
            } finally {
                haproxy.destroy();
                haproxy.waitFor(5, TimeUnit.SECONDS);
                try (var files = Files.list(dir)) {
                    for (Path p : files.toList()) {
                        Files.delete(p);
                    }
                }
                Files.delete(dir);
            }
        }
    }

    private static String node(String guest) {
        return guest.substring(guest.lastIndexOf('-') + 1);
    }

    private static void awaitListening(int port, Process haproxy, Path dir) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (true) {
            try {
                // HAProxy passes this one on too; the node sees a PROXY header, then a close.
                new Socket("127.0.0.1", port).close();
                return;
            } catch (java.io.IOException e) {
                assertTrue(
                        haproxy.isAlive() && System.nanoTime() - deadline < 0,
                        "haproxy did not listen: " + Files.readString(dir.resolve("haproxy.log")));
                Thread.sleep(50);
            }
        }
    }
}
