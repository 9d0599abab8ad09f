package dev.switchboard.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What a reload takes live and what it keeps for a restart, from two option sets alone. */
class ReloadPlanTest {

    private static ServeOptions parse(String... args) throws UsageException {
        return ServeOptionsParser.parse(Map.of(), args);
    }

    private static List<String> keys(List<ReloadPlan.Change> changes) {
        return changes.stream().map(ReloadPlan.Change::key).toList();
    }

    @Test
    void theSameOptionsChangeNothing() throws Exception {
        ServeOptions o = parse("--chat-port", "0", "--max-frame", "4096");
        ReloadPlan plan = ReloadPlan.between(o, parse("--chat-port", "0", "--max-frame", "4096"));
        assertTrue(plan.live().isEmpty());
        assertTrue(plan.restart().isEmpty());
        assertEquals(o, plan.applied());
    }

    @Test
    void limitsTimeoutsLogLevelTlsFilesAndChatLimitsAreLive() throws Exception {
        ServeOptions running = parse();
        ServeOptions wanted = parse(
                "--max-frame", "64",
                "--max-connections", "5",
                "--max-pending-output", "1000",
                "--frame-timeout", "2",
                "--idle-timeout", "9",
                "--echo-idle-timeout", "3",
                "--drain-timeout", "1",
                "--log-level", "debug",
                "--tls-cert", "c.pem",
                "--tls-key", "k.pem",
                "--chat-history", "5",
                "--chat-rate", "4",
                "--chat-max-rooms", "3");
        ReloadPlan plan = ReloadPlan.between(running, wanted);
        assertTrue(plan.restart().isEmpty(), plan.restart().toString());
        assertTrue(
                keys(plan.live())
                        .containsAll(List.of(
                                "max-frame",
                                "max-connections",
                                "frame-timeout",
                                "idle-timeout",
                                "echo-idle-timeout",
                                "command-idle-timeout",
                                "log-level",
                                "tls-cert",
                                "chat-history",
                                "chat-rate",
                                "chat-max-rooms")),
                plan.live().toString());
        assertEquals(wanted, plan.applied());
    }

    @Test
    void portsAddressesListenersProxyOriginsDataAndBackplaneNeedARestartAndKeepTheirValue() throws Exception {
        ServeOptions running = parse("--admin-port", "9100");
        ServeOptions wanted = parse(
                "--chat-port", "9000",
                "--echo-port", "off",
                "--bind", "0.0.0.0",
                "--admin-port", "9200",
                "--command-tls-port", "9443",
                "--proxy-protocol", "chat",
                "--web-origin", "https://example.org",
                "--data-dir", "/tmp/elsewhere",
                "--chat-redis", "redis://127.0.0.1:6379",
                "--max-frame", "64");
        ReloadPlan plan = ReloadPlan.between(running, wanted);
        assertEquals(List.of("max-frame"), keys(plan.live()));
        assertTrue(
                keys(plan.restart())
                        .containsAll(List.of(
                                "bind",
                                "chat-port",
                                "echo-port",
                                "command-tls-port",
                                "admin-port",
                                "proxy-protocol",
                                "web-origin",
                                "data-dir",
                                "chat-redis")),
                plan.restart().toString());
        ServeOptions applied = plan.applied();
        assertEquals(running.ports(), applied.ports());
        assertEquals("127.0.0.1", applied.bindAddress());
        assertEquals(9100, applied.adminPort());
        assertNull(applied.chat().redisUrl());
        assertEquals(64, applied.maxFrameBytes());
    }

    @Test
    void aChangeIsShownAsThePrintedConfigurationShowsIt() throws Exception {
        ReloadPlan plan = ReloadPlan.between(parse(), parse("--chat-port", "off", "--frame-timeout", "0.5"));
        assertEquals("[frame-timeout 30 -> 0.5]", plan.live().toString());
        assertEquals("[chat-port 8080 -> off]", plan.restart().toString());
    }

    @Test
    void withABackplaneTheHistoryLengthWaitsForARestartButTheFloodLimitDoesNot() throws Exception {
        String redis = "redis://127.0.0.1:6379";
        ServeOptions running = parse("--chat-redis", redis);
        ReloadPlan plan =
                ReloadPlan.between(running, parse("--chat-redis", redis, "--chat-history", "9", "--chat-rate", "2"));
        assertEquals(List.of("chat-history"), keys(plan.restart()));
        assertEquals(List.of("chat-rate"), keys(plan.live()));
        assertEquals(50, plan.applied().chat().historyLines());
        assertEquals(2, plan.applied().chat().linesPerSecond());
        assertFalse(ReloadPlan.isLive("chat-history", running));
        assertTrue(ReloadPlan.isLive("chat-history", parse()));
    }

    @Test
    void theConfigFileIsTheLastConfigFlagInEitherSpelling() {
        assertEquals(
                "b", Reload.lastFlagValue(new String[] {"--config", "a", "--chat-port", "0", "--config=b"}, "config"));
        assertEquals("a", Reload.lastFlagValue(new String[] {"--config", "a"}, "config"));
        assertNull(Reload.lastFlagValue(new String[] {"--chat-port", "0"}, "config"));
    }
}
