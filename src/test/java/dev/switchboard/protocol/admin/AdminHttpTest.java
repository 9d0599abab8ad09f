package dev.switchboard.protocol.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.kit.Curl;
import dev.switchboard.kit.TestClient;
import dev.switchboard.kit.TestDaemon;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** SPEC.md "The admin endpoint": /health, 404, 405, 400-and-close, keep-alive, the drain. */
class AdminHttpTest {

    private static TestDaemon daemon(java.util.function.UnaryOperator<dev.switchboard.app.ServeOptions> more)
            throws Exception {
        return TestDaemon.start(o -> more.apply(o.with(b -> b.adminPort = 0)));
    }

    @Test
    void healthSaysOkWhileServing() throws Exception {
        try (TestDaemon d = daemon(o -> o)) {
            Curl.Response r = Curl.get(d.port("admin"), "/health");
            assertEquals(200, r.status());
            assertEquals("ok", r.body());
        }
    }

    @Test
    void unknownPathIsNotFoundAndOtherMethodsAreNotAllowed() throws Exception {
        try (TestDaemon d = daemon(o -> o)) {
            int port = d.port("admin");
            assertEquals(404, Curl.get(port, "/nothing").status());
            assertEquals(404, Curl.get(port, "/metrics/more").status());
            for (String path : new String[] {"/metrics", "/health"}) {
                Curl.Response post = Curl.fetch("http://127.0.0.1:" + port + path, "-X", "POST", "-d", "x=1");
                assertEquals(405, post.status());
                assertEquals("GET", post.header("Allow"));
                Curl.Response head = Curl.fetch("http://127.0.0.1:" + port + path, "-I");
                assertEquals(405, head.status());
            }
            assertEquals(200, Curl.get(port, "/health?verbose=1").status(), "a query string is not the path");
        }
    }

    @Test
    void keepAliveServesSeveralRequestsOnOneConnection() throws Exception {
        try (TestDaemon d = daemon(o -> o);
                TestClient c = new TestClient(d.port("admin"))) {
            String request = "GET /health HTTP/1.1\r\nHost: x\r\n\r\n";
            c.send(request + request);
            for (int i = 0; i < 2; i++) {
                assertEquals("HTTP/1.1 200 OK\r", c.readLine());
                assertEquals("ok", body(c));
            }
            c.send("GET /nope HTTP/1.1\r\nHost: x\r\n\r\n");
            assertEquals("HTTP/1.1 404 Not Found\r", c.readLine());
            body(c);
            c.send("GET /metrics HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
            assertEquals("HTTP/1.1 200 OK\r", c.readLine());
            assertTrue(body(c).contains("switchboard_build_info"));
            c.expectClosed();
        }
    }

    @Test
    void headIsNotAllowedAndItsReplyHasNoBodySoKeepAliveStaysInStep() throws Exception {
        try (TestDaemon d = daemon(o -> o);
                TestClient c = new TestClient(d.port("admin"))) {
            c.send("HEAD /metrics HTTP/1.1\r\nHost: x\r\n\r\nGET /health HTTP/1.1\r\nHost: x\r\n\r\n");
            assertEquals("HTTP/1.1 405 Method Not Allowed\r", c.readLine());
            String line;
            while (!(line = c.readLine()).equals("\r")) {
                assertTrue(!line.isEmpty());
            }
            assertEquals("HTTP/1.1 200 OK\r", c.readLine(), "the next reply follows the head at once");
            assertEquals("ok", body(c));
        }
    }

    @Test
    void httpOneZeroClosesUnlessAskedToKeepAlive() throws Exception {
        try (TestDaemon d = daemon(o -> o);
                TestClient c = new TestClient(d.port("admin"))) {
            c.send("GET /health HTTP/1.0\r\n\r\n");
            assertEquals("HTTP/1.1 200 OK\r", c.readLine());
            assertEquals("ok", body(c));
            c.expectClosed();
        }
    }

    @Test
    void malformedRequestIsBadRequestThenClose() throws Exception {
        String[] bad = {
            "GET /health\r\n\r\n",
            "GET /health HTTP/1.1\r\n\r\n",
            "GET /a b HTTP/1.1\r\nHost: x\r\n\r\n",
            "\u0016\u0003\u0001\u0000\u00a5\u0001\r\n\r\n",
            "GET /health HTTP/2.0\r\nHost: x\r\n\r\n"
        };
        try (TestDaemon d = daemon(o -> o)) {
            for (String request : bad) {
                try (TestClient c = new TestClient(d.port("admin"))) {
                    c.send(request.getBytes(StandardCharsets.ISO_8859_1));
                    assertEquals("HTTP/1.1 400 Bad Request\r", c.readLine(), request);
                    assertTrue(body(c).startsWith("bad request"));
                    c.expectClosed();
                }
            }
            assertEquals(200, Curl.get(d.port("admin"), "/health").status(), "nobody else noticed");
        }
    }

    @Test
    void headOverEightKibIsBadRequestThenClose() throws Exception {
        try (TestDaemon d = daemon(o -> o);
                TestClient c = new TestClient(d.port("admin"))) {
            c.send("GET /health HTTP/1.1\r\nHost: x\r\nX-Pad: " + "a".repeat(8192) + "\r\n\r\n");
            assertEquals("HTTP/1.1 400 Bad Request\r", c.readLine());
            body(c);
            c.expectClosed();
        }
    }

    @Test
    void headJustUnderEightKibIsServed() throws Exception {
        try (TestDaemon d = daemon(o -> o);
                TestClient c = new TestClient(d.port("admin"))) {
            String start = "GET /health HTTP/1.1\r\nHost: x\r\nX-Pad: ";
            String end = "\r\n\r\n";
            c.send(start + "a".repeat(8192 - start.length() - end.length()) + end);
            assertEquals("HTTP/1.1 200 OK\r", c.readLine());
        }
    }

    @Test
    void adminConnectionsDoNotCountAgainstMaxConnectionsAndRefusalsAreCounted() throws Exception {
        try (TestDaemon d = daemon(o -> o.withMaxConnections(1));
                TestClient first = d.connect("command")) {
            assertEquals("Hello Client!", first.readLine());
            try (TestClient second = d.connect("echo")) {
                second.expectClosed();
            }
            try (TestClient held = new TestClient(d.port("admin"))) {
                held.send("GET /health HTTP/1.1\r\nHost: x\r\n\r\n");
                assertEquals("HTTP/1.1 200 OK\r", held.readLine());
                var samples = Curl.metrics(d.port("admin"));
                assertEquals(1.0, samples.get("switchboard_connections_refused_total{reason=\"max_connections\"}"));
                assertEquals(0.0, samples.get("switchboard_connections_accepted_total{protocol=\"echo\"}"));
                assertEquals(1.0, samples.get("switchboard_connections{protocol=\"command\"}"));
            }
        }
    }

    @Test
    void healthTurnsUnavailableDuringTheDrainAndTheAdminListenerStaysOpenUntilItEnds() throws Exception {
        TestDaemon d = daemon(o -> o.withMaxPendingOutputBytes(64 * 1024).withTimeoutsMillis(30_000, 300_000, 4_000));
        int admin = d.port("admin");
        try (TestClient kept = new TestClient(admin);
                Socket slow = new Socket("127.0.0.1", d.port("echo"))) {
            kept.send("GET /health HTTP/1.1\r\nHost: x\r\n\r\n");
            assertEquals("HTTP/1.1 200 OK\r", kept.readLine());
            body(kept);
            // An echo client that never reads: its replies fill the pending output, so the drain waits.
            AtomicReference<IOException> writeFailure = new AtomicReference<>();
            Thread writer = new Thread(() -> {
                try {
                    OutputStream out = slow.getOutputStream();
                    byte[] chunk = new byte[64 * 1024];
                    for (int i = 0; i < 64; i++) {
                        out.write(chunk);
                    }
                } catch (IOException e) {
                    writeFailure.set(e);
                }
            });
            writer.setDaemon(true);
            writer.start();
            awaitPendingOutput(admin);
            d.shutdown();
            long deadline = System.nanoTime() + Duration.ofSeconds(3).toNanos();
            Curl.Response r;
            do {
                r = Curl.get(admin, "/health");
            } while (r.status() == 200 && System.nanoTime() < deadline);
            assertEquals(503, r.status());
            assertEquals("draining", r.body());
            kept.send("GET /health HTTP/1.1\r\nHost: x\r\n\r\n");
            assertEquals("HTTP/1.1 503 Service Unavailable\r", kept.readLine(), "a kept-alive scraper is told too");
            assertEquals("draining", body(kept));
            assertTrue(d.isRunning(), "the slow client holds the drain open");
            assertEquals(200, Curl.get(admin, "/metrics").status(), "metrics still answer while draining");
            d.awaitStopped(Duration.ofSeconds(15));
            kept.expectClosed();
        }
    }

    private static void awaitPendingOutput(int admin) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (Curl.metrics(admin).get("switchboard_pending_output_bytes") == 0) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no output ever waited for the slow echo client");
            }
            Thread.sleep(20);
        }
    }

    /** Reads the rest of a response head, then its body by Content-Length. */
    static String body(TestClient c) throws IOException {
        int length = -1;
        String line;
        while (!(line = c.readLine()).equals("\r")) {
            if (line.toLowerCase(java.util.Locale.ROOT).startsWith("content-length:")) {
                length = Integer.parseInt(line.substring(15).strip());
            }
        }
        if (length < 0) {
            throw new AssertionError("no Content-Length");
        }
        return c.readText(length);
    }
}
