package dev.switchboard.protocol.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.codec.FrameException;
import dev.switchboard.codec.http.HttpRequest;
import dev.switchboard.codec.http.HttpRequestDecoder;
import dev.switchboard.kit.Curl;
import dev.switchboard.protocol.Session;
import dev.switchboard.reactor.Counters;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** The admin service against a fake session: the seams other services plug into. */
class AdminServiceTest {
    private final Counters counters = new Counters();
    private final AtomicBoolean draining = new AtomicBoolean();
    private final List<Supplier<String>> checks = new ArrayList<>();
    private final AdminService service = new AdminService(
            new MetricsRenderer(counters, Set.of("admin"), new BuildInfo("1.2.3", "abc\"def")), draining::get, checks);

    @Test
    void aFailingHealthCheckDegradesButStillAnswersOk200() throws Exception {
        checks.add(() -> null);
        assertTrue(get("/health").startsWith("HTTP/1.1 200 OK\r\n"));
        assertTrue(get("/health").endsWith("\r\n\r\nok"));
        checks.add(() -> "degraded: backplane down");
        String r = get("/health");
        assertTrue(r.startsWith("HTTP/1.1 200 OK\r\n"), r);
        assertTrue(r.endsWith("\r\n\r\ndegraded: backplane down"), r);
    }

    @Test
    void drainingWinsOverEveryHealthCheck() throws Exception {
        checks.add(() -> "degraded: backplane down");
        draining.set(true);
        String r = get("/health");
        assertTrue(r.startsWith("HTTP/1.1 503 Service Unavailable\r\n"), r);
        assertTrue(r.endsWith("\r\n\r\ndraining"), r);
    }

    @Test
    void registeredGaugesAreRenderedAndChatRoomsReadsTheChatGauge() throws Exception {
        counters.protocol("chat");
        counters.protocol("admin").accepted = 7;
        long[] rooms = {3};
        counters.register(new Counters.Gauge(MetricsRenderer.CHAT_ROOMS, "Chat rooms.", () -> rooms[0]));
        counters.register(new Counters.Gauge("switchboard_backplane_up", "1 while Redis is connected.", () -> 1));
        counters.register(new Counters.Gauge("switchboard_broken", "Throws.", () -> {
            throw new IllegalStateException("broken on purpose");
        }));
        String body = body(get("/metrics"));
        var samples = Curl.samples(body);
        assertEquals(3.0, samples.get("switchboard_chat_rooms"));
        assertEquals(1, body.split("# TYPE switchboard_chat_rooms ", -1).length - 1, "rendered once");
        assertEquals(1.0, samples.get("switchboard_backplane_up"));
        assertFalse(samples.containsKey("switchboard_broken"), "a failing gauge is left out");
        assertFalse(body.contains("admin"), "a hidden protocol has no series");
        assertTrue(body.contains("switchboard_build_info{version=\"1.2.3\",commit=\"abc\\\"def\"} 1\n"), body);
        rooms[0] = 1;
        assertEquals(1.0, Curl.samples(body(get("/metrics"))).get("switchboard_chat_rooms"), "read at each scrape");
        Curl.Run check = Curl.promtool(body.replace("switchboard_broken", "x"));
        assertEquals(0, check.status(), check.output());
    }

    @Test
    void loopBusyTimeIsSecondsWithNanosecondPrecision() throws Exception {
        counters.loopBusyNanos = 1_500_000_001L;
        assertEquals(1.500000001, Curl.samples(body(get("/metrics"))).get("switchboard_loop_busy_seconds_total"));
    }

    @Test
    void absoluteFormTargetsAndQueriesNameTheirPath() {
        assertEquals("/metrics", AdminService.path("/metrics?x=1"));
        assertEquals("/metrics", AdminService.path("http://127.0.0.1:9/metrics"));
        assertEquals("/", AdminService.path("HTTP://host"));
        assertEquals("*", AdminService.path("*"));
    }

    @Test
    void aRequestWithABodyIsAnsweredThenClosed() throws Exception {
        FakeSession session = new FakeSession();
        service.received(session, request("POST /metrics HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\n\r\n"));
        assertTrue(session.text().startsWith("HTTP/1.1 405 "));
        assertTrue(session.text().contains("Connection: close\r\n"));
        assertTrue(session.closing);
    }

    @Test
    void aRejectedHeadIsBadRequestSayingWhy() {
        FakeSession session = new FakeSession();
        service.rejected(session, new FrameException("request head over 8192 bytes"));
        assertTrue(session.text().startsWith("HTTP/1.1 400 Bad Request\r\n"));
        assertTrue(session.text().endsWith("bad request: request head over 8192 bytes"));
    }

    private String get(String path) throws Exception {
        FakeSession session = new FakeSession();
        service.received(session, request("GET " + path + " HTTP/1.1\r\nHost: x\r\n\r\n"));
        assertFalse(session.closing, "kept alive");
        return session.text();
    }

    private static String body(String response) {
        return response.substring(response.indexOf("\r\n\r\n") + 4);
    }

    private static HttpRequest request(String head) throws FrameException {
        return new HttpRequestDecoder().decode(ByteBuffer.wrap(head.getBytes(StandardCharsets.US_ASCII)));
    }

    /** Collects what the service sends. */
    static final class FakeSession implements Session {
        final ByteArrayOutputStream sent = new ByteArrayOutputStream();
        boolean closing;
        private Object attachment;

        String text() {
            return sent.toString(StandardCharsets.UTF_8);
        }

        @Override
        public void send(ByteBuffer bytes) {
            byte[] b = new byte[bytes.remaining()];
            bytes.get(b);
            sent.writeBytes(b);
        }

        @Override
        public void closeAfterFlush() {
            closing = true;
        }

        @Override
        public void close() {
            closing = true;
        }

        @Override
        public boolean isOpen() {
            return !closing;
        }

        @Override
        public String remote() {
            return "127.0.0.1:1";
        }

        @Override
        public Object attachment() {
            return attachment;
        }

        @Override
        public void attach(Object state) {
            attachment = state;
        }
    }
}
