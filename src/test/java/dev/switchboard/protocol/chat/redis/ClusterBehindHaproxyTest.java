package dev.switchboard.protocol.chat.redis;

import static dev.switchboard.protocol.chat.redis.ClusterAsserts.awaitLine;
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
            Files.writeString(cfg, String.join("\n",
                    "defaults", "    mode tcp", "    timeout connect 5s", "    timeout client 1h", "    timeout server 1h",
                    "frontend chat", "    bind 127.0.0.1:" + front, "    default_backend nodes",
                    "backend nodes", "    balance roundrobin",
                    "    server one 127.0.0.1:" + one.port() + " send-proxy-v2",
                    "    server two 127.0.0.1:" + two.port() + " send-proxy-v2", ""));
            Process haproxy = new ProcessBuilder("haproxy", "-f", cfg.toString(), "-db")
                    .redirectErrorStream(true).redirectOutput(dir.resolve("haproxy.log").toFile()).start();
            try {
                awaitListening(front, haproxy, dir);
                TestClient first = new TestClient(front);
                TestClient second = new TestClient(front);
                try (first; second) {
                    String a = first.readLine().substring("* welcome ".length());
                    String b = second.readLine().substring("* welcome ".length());
                    // The guest name's last part is the node's id: they are on different nodes.
                    assertNotEquals(a.substring(a.lastIndexOf('-')), b.substring(b.lastIndexOf('-')), a + " " + b);
                    awaitLine(first, "* " + b + " joined");
                    second.send("across the balancer\n");
                    awaitLine(first, "<" + b + "> across the balancer");
                    first.send("/msg " + b + " and back\n");
                    awaitLine(second, "*" + a + "* and back");
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

    private static void awaitListening(int port, Process haproxy, Path dir) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (true) {
            try (Socket s = new Socket("127.0.0.1", port)) {
                // HAProxy passes this one on too; the node sees a PROXY header, then a close.
                return;
            } catch (java.io.IOException e) {
                assertTrue(haproxy.isAlive() && System.nanoTime() - deadline < 0,
                        "haproxy did not listen: " + Files.readString(dir.resolve("haproxy.log")));
                Thread.sleep(50);
            }
        }
    }
}
