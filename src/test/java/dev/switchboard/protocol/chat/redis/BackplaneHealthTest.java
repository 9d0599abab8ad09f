package dev.switchboard.protocol.chat.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.kit.Curl;
import dev.switchboard.kit.TestClient;
import dev.switchboard.kit.TestDaemon;
import java.net.ServerSocket;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** SPEC.md "Chat across nodes": while Redis is away, /health says so with 200 and the gauge is 0. */
class BackplaneHealthTest {

    @Test
    void withRedisAwayHealthIsDegradedWith200TheGaugeIsZeroAndLocalChatWorks() throws Exception {
        int nothingThere;
        try (ServerSocket s = new ServerSocket(0)) {
            nothingThere = s.getLocalPort();
        }
        String url = "redis://127.0.0.1:" + nothingThere;
        try (TestDaemon daemon = TestDaemon.start(o -> o.with(b -> {
            b.adminPort = 0;
            b.chat = b.chat.withRedisUrl(url).withHistoryLines(0);
        }))) {
            int admin = daemon.port("admin");
            Curl.Response health = Curl.get(admin, "/health");
            assertEquals(200, health.status());
            assertEquals("degraded: backplane down", health.body().strip());
            Map<String, Double> samples = Curl.metrics(admin);
            assertEquals(0.0, samples.get("switchboard_backplane_up"), samples.toString());
            assertEquals(0, Curl.promtool(Curl.get(admin, "/metrics").body()).status());
            try (TestClient a = daemon.connect("chat");
                    TestClient b = daemon.connect("chat")) {
                assertTrue(a.readLine().startsWith("* welcome guest-"));
                assertTrue(b.readLine().startsWith("* welcome guest-"));
                a.readLine(); // b joined
                b.send("still here\n");
                assertEquals("still here", b.readLine());
                assertTrue(a.readLine().endsWith("> still here"));
            }
        }
    }
}
