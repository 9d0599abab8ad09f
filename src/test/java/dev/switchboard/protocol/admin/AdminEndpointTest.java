package dev.switchboard.protocol.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.kit.Curl;
import dev.switchboard.kit.TestClient;
import dev.switchboard.kit.TestDaemon;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** SPEC.md "The admin endpoint" /metrics, read with the real curl and checked by promtool. */
class AdminEndpointTest {
    static final List<String> PROTOCOLS = List.of("command", "frame5", "header128", "chat", "echo");
    static final List<String> PER_PROTOCOL = List.of(
            "switchboard_connections",
            "switchboard_connections_accepted_total",
            "switchboard_messages_received_total",
            "switchboard_messages_sent_total",
            "switchboard_bytes_received_total",
            "switchboard_bytes_sent_total",
            "switchboard_protocol_errors_total",
            "switchboard_slow_consumer_disconnects_total");
    private TestDaemon daemon;
    private int admin;

    @BeforeEach
    void start() throws Exception {
        daemon = TestDaemon.start(o -> o.with(b -> b.adminPort = 0));
        admin = daemon.port("admin");
    }

    @AfterEach
    void stop() throws Exception {
        daemon.close();
    }

    @Test
    void metricsAreTextFormatZeroZeroFourThatPromtoolAccepts() throws Exception {
        Curl.Response r = Curl.get(admin, "/metrics");
        assertEquals(200, r.status());
        assertEquals("text/plain; version=0.0.4; charset=utf-8", r.header("Content-Type"));
        Curl.Run check = Curl.promtool(r.body());
        assertEquals(0, check.status(), "promtool check metrics:\n" + check.output() + "\n" + r.body());
        assertEquals("", check.output().strip(), "promtool has no lint complaint");
    }

    @Test
    void everyListedMetricExistsFromStartUpAtZeroWithHelpAndType() throws Exception {
        String body = Curl.get(admin, "/metrics").body();
        Map<String, Double> samples = Curl.samples(body);
        for (String name : PER_PROTOCOL) {
            assertTrue(body.contains("# HELP " + name + " "), name + " HELP");
            assertTrue(
                    body.contains("# TYPE " + name + " " + (name.endsWith("_total") ? "counter" : "gauge") + "\n"),
                    name + " TYPE");
            for (String p : PROTOCOLS) {
                assertEquals(0.0, samples.get(name + "{protocol=\"" + p + "\"}"), name + " " + p + "\n" + body);
            }
        }
        assertEquals(0.0, samples.get("switchboard_connections_refused_total{reason=\"max_connections\"}"));
        assertEquals(0.0, samples.get("switchboard_connections_refused_total{reason=\"accept_error\"}"));
        assertEquals(0.0, samples.get("switchboard_pending_output_bytes"));
        assertEquals(0.0, samples.get("switchboard_chat_rooms"), "no room has anyone in it yet");
        assertTrue(samples.get("switchboard_loop_iterations_total") > 0);
        assertTrue(samples.get("switchboard_loop_busy_seconds_total") >= 0);
        assertEquals(0.0, samples.get("switchboard_log_lines_suppressed_total"));
        for (String name : List.of(
                "switchboard_connections_refused_total",
                "switchboard_pending_output_bytes",
                "switchboard_loop_iterations_total",
                "switchboard_loop_busy_seconds_total",
                "switchboard_log_lines_suppressed_total",
                "switchboard_chat_rooms",
                "switchboard_build_info")) {
            assertTrue(body.contains("# HELP " + name + " ") && body.contains("# TYPE " + name + " "), name);
        }
        assertTrue(
                body.matches(
                        "(?s).*\nswitchboard_build_info\\{version=\"0\\.1\\.0[^\"]*\",commit=\"[0-9a-f]{7,}\"} 1\n.*"),
                "build_info names the version and the commit:\n" + body);
        assertTrue(!body.contains("protocol=\"admin\""), "admin connections are not a protocol's series");
        assertTrue(!body.contains("switchboard_backplane_up"), "no backplane gauge unless one registers");
    }

    @Test
    void countersMoveByExactlyTheTrafficSent() throws Exception {
        Map<String, Double> before = Curl.metrics(admin);
        try (TestClient c = daemon.connect("command")) {
            assertEquals("Hello Client!", c.readLine());
            c.send("HELP\n");
            assertEquals("200 OK DISCONNECT HELP", c.readLine());
            c.send("nonsense\n");
            assertEquals("400 BAD REQUEST", c.readLine());
            Map<String, Double> open = Curl.metrics(admin);
            assertEquals(1.0, open.get("switchboard_connections{protocol=\"command\"}"));
            c.send("DISCONNECT\n");
            assertEquals("200 OK", c.readLine());
            c.expectClosed();
        }
        daemon.awaitConnections(0, java.time.Duration.ofSeconds(5));
        Map<String, Double> after = Curl.metrics(admin);
        String cmd = "{protocol=\"command\"}";
        assertEquals(0.0, after.get("switchboard_connections" + cmd));
        assertEquals(1.0, delta(before, after, "switchboard_connections_accepted_total" + cmd));
        assertEquals(3.0, delta(before, after, "switchboard_messages_received_total" + cmd));
        assertEquals(4.0, delta(before, after, "switchboard_messages_sent_total" + cmd));
        assertEquals(
                (double) "HELP\nnonsense\nDISCONNECT\n".length(),
                delta(before, after, "switchboard_bytes_received_total" + cmd));
        assertEquals(
                (double) "Hello Client!\n200 OK DISCONNECT HELP\n400 BAD REQUEST\n200 OK\n".length(),
                delta(before, after, "switchboard_bytes_sent_total" + cmd));
        for (String name : PER_PROTOCOL) {
            for (String p : PROTOCOLS) {
                if (!p.equals("command")) {
                    assertEquals(0.0, after.get(name + "{protocol=\"" + p + "\"}"), name + " " + p);
                }
            }
        }
        assertTrue(after.get("switchboard_loop_iterations_total") > before.get("switchboard_loop_iterations_total"));
    }

    @Test
    void frameErrorsAndRefusalsAreCounted() throws Exception {
        try (TestClient c = daemon.connect("header128")) {
            c.send(TestClient.header128("x12", new byte[0]));
            assertTrue(c.readHeader128().startsWith("ERROR "));
            c.expectClosed();
        }
        Map<String, Double> after = Curl.metrics(admin);
        assertEquals(1.0, after.get("switchboard_protocol_errors_total{protocol=\"header128\"}"));
        assertEquals(1.0, after.get("switchboard_messages_sent_total{protocol=\"header128\"}"));
    }

    static double delta(Map<String, Double> before, Map<String, Double> after, String series) {
        return after.get(series) - before.get(series);
    }
}
