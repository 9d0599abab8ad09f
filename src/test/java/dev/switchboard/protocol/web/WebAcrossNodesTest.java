package dev.switchboard.protocol.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.kit.RedisServer;
import dev.switchboard.kit.TestClient;
import dev.switchboard.kit.TestDaemon;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** SPEC.md "Chat across nodes": a browser on one node and an nc user on another are one chat. */
class WebAcrossNodesTest {

    private static TestDaemon node(String redisUrl) throws Exception {
        return TestDaemon.start(o -> o.withPorts(Map.of("chat", 0, "web", 0))
                .with(b -> b.chat =
                        b.chat.withRedisUrl(redisUrl).withHistoryLines(0).withHashIterations(1000)));
    }

    /** The next text message that is not a notice about someone else's arrival. */
    private static String nextLine(WsTestClient ws, String startingWith) throws Exception {
        for (int i = 0; i < 20; i++) {
            String line = ws.readText();
            if (line.startsWith(startingWith)) {
                return line;
            }
        }
        throw new AssertionError("no line starting " + startingWith);
    }

    private static String nextLine(TestClient c, String startingWith) throws Exception {
        for (int i = 0; i < 20; i++) {
            String line = c.readLine();
            if (line.startsWith(startingWith)) {
                return line;
            }
        }
        throw new AssertionError("no line starting " + startingWith);
    }

    @Test
    void aBrowserOnOneNodeAndAnNcUserOnAnotherTalk() throws Exception {
        try (RedisServer redis = RedisServer.start();
                TestDaemon a = node(redis.url());
                TestDaemon b = node(redis.url());
                WsTestClient browser = WsTestClient.connect(a.port("web"));
                TestClient nc = b.connect("chat")) {
            assertTrue(browser.readText().startsWith("* welcome guest-"));
            assertTrue(nc.readLine().startsWith("* welcome guest-"));
            browser.sendText("/nick webby");
            assertEquals("* you are now webby", nextLine(browser, "* you are now"));
            nc.send("/nick ncuser\n");
            assertEquals("* you are now ncuser", nextLine(nc, "* you are now"));
            browser.sendText("hello from the browser");
            assertEquals("<webby> hello from the browser", nextLine(nc, "<webby>"));
            nc.send("hello from nc\n");
            assertEquals("<ncuser> hello from nc", nextLine(browser, "<ncuser>"));
        }
    }
}
