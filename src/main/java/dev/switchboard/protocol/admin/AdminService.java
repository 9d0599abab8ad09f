package dev.switchboard.protocol.admin;

import dev.switchboard.codec.FrameDecoder;
import dev.switchboard.codec.FrameException;
import dev.switchboard.codec.http.HttpRequest;
import dev.switchboard.codec.http.HttpRequestDecoder;
import dev.switchboard.protocol.Service;
import dev.switchboard.protocol.Session;
import dev.switchboard.text.LogText;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.tinylog.Logger;

/**
 * The admin endpoint: {@code GET /metrics} (Prometheus text) and {@code GET /health}, over
 * HTTP/1.1 with keep-alive, on the same loop as every protocol. Any other method on those
 * paths is 405, any other path 404, a malformed head (or one over 8 KiB) 400 and close.
 * Bodies are never read: a request that announces one is answered, then the connection closes,
 * so its body is never taken for a request.
 */
public final class AdminService implements Service<HttpRequest> {
    public static final String NAME = "admin";
    private static final String TEXT = "text/plain; charset=utf-8";

    private final MetricsRenderer metrics;
    private final BooleanSupplier draining;
    private final List<Supplier<String>> healthChecks;

    /**
     * @param draining     true once SIGTERM has arrived
     * @param healthChecks each returns null while well, else what /health answers instead of
     *                     {@code ok} (with 200: the node still serves), e.g. {@code degraded:
     *                     backplane down}; read at each request, so checks added later count
     */
    public AdminService(MetricsRenderer metrics, BooleanSupplier draining, List<Supplier<String>> healthChecks) {
        this.metrics = metrics;
        this.draining = draining;
        this.healthChecks = healthChecks;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public FrameDecoder<HttpRequest> newDecoder() {
        return new HttpRequestDecoder(HttpRequestDecoder.DEFAULT_MAX_HEAD_BYTES);
    }

    @Override
    public void received(Session session, HttpRequest request) {
        boolean keepAlive = request.keepAlive() && !request.hasBody();
        String path = path(request.target());
        if (Logger.isDebugEnabled()) {
            Logger.debug(
                    "{} <- {} {}",
                    session.logName(),
                    LogText.escape(request.method()),
                    LogText.escape(request.target()));
        }
        boolean get = request.method().equals("GET");
        // A reply to HEAD has no body (only its length), or a kept-alive client would misread it.
        boolean body = !request.method().equals("HEAD");
        switch (path) {
            case "/metrics" -> {
                if (get) {
                    respond(session, 200, "OK", MetricsRenderer.CONTENT_TYPE, metrics.render(), null, keepAlive, true);
                } else {
                    notAllowed(session, keepAlive, body);
                }
            }
            case "/health" -> {
                if (get) {
                    health(session, keepAlive);
                } else {
                    notAllowed(session, keepAlive, body);
                }
            }
            default -> respond(session, 404, "Not Found", TEXT, "not found", null, keepAlive, body);
        }
        if (!keepAlive) {
            session.closeAfterFlush();
        }
    }

    @Override
    public void rejected(Session session, FrameException error) {
        // The session already closes after this flush.
        respond(session, 400, "Bad Request", TEXT, "bad request: " + error.getMessage(), null, false, true);
    }

    private void health(Session session, boolean keepAlive) {
        if (draining.getAsBoolean()) {
            respond(session, 503, "Service Unavailable", TEXT, "draining", null, keepAlive, true);
            return;
        }
        for (Supplier<String> check : healthChecks) {
            String problem = check.get();
            if (problem != null) {
                respond(session, 200, "OK", TEXT, problem, null, keepAlive, true);
                return;
            }
        }
        respond(session, 200, "OK", TEXT, "ok", null, keepAlive, true);
    }

    private static void notAllowed(Session session, boolean keepAlive, boolean body) {
        respond(session, 405, "Method Not Allowed", TEXT, "method not allowed", "Allow: GET\r\n", keepAlive, body);
    }

    /**
     * The path of an origin-form target ({@code /metrics?x}) or an absolute-form one
     * ({@code http://host/metrics}), which RFC 9112 says a server must accept too.
     */
    static String path(String target) {
        String t = target;
        String lower = t.toLowerCase(Locale.ROOT);
        if (lower.startsWith("http://") || lower.startsWith("https://")) {
            int slash = t.indexOf('/', t.indexOf("://") + 3);
            t = slash < 0 ? "/" : t.substring(slash);
        }
        int query = t.indexOf('?');
        return query < 0 ? t : t.substring(0, query);
    }

    private static void respond(
            Session session,
            int status,
            String reason,
            String contentType,
            String body,
            String extraHeaders,
            boolean keepAlive,
            boolean withBody) {
        byte[] payload = body.getBytes(StandardCharsets.UTF_8);
        StringBuilder head = new StringBuilder(160);
        head.append("HTTP/1.1 ")
                .append(status)
                .append(' ')
                .append(reason)
                .append("\r\n")
                .append("Content-Type: ")
                .append(contentType)
                .append("\r\n")
                .append("Content-Length: ")
                .append(payload.length)
                .append("\r\n")
                .append("Cache-Control: no-store\r\n");
        if (extraHeaders != null) {
            head.append(extraHeaders);
        }
        // Said either way: an HTTP/1.0 client kept alive must be told so, and close is final.
        head.append(keepAlive ? "Connection: keep-alive\r\n" : "Connection: close\r\n")
                .append("\r\n");
        byte[] headBytes = head.toString().getBytes(StandardCharsets.US_ASCII);
        int bodyBytes = withBody ? payload.length : 0;
        byte[] whole = new byte[headBytes.length + bodyBytes];
        System.arraycopy(headBytes, 0, whole, 0, headBytes.length);
        System.arraycopy(payload, 0, whole, headBytes.length, bodyBytes);
        session.send(whole);
    }
}
