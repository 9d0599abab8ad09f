package dev.switchboard.protocol.web;

import dev.switchboard.codec.FrameDecoder;
import dev.switchboard.codec.FrameException;
import dev.switchboard.codec.Views;
import dev.switchboard.codec.http.HttpRequest;
import dev.switchboard.codec.ws.WsClose;
import dev.switchboard.codec.ws.WsEncoder;
import dev.switchboard.codec.ws.WsFrame;
import dev.switchboard.protocol.Service;
import dev.switchboard.protocol.Session;
import dev.switchboard.reactor.EventLoop;
import dev.switchboard.text.LogText;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.tinylog.Logger;

/**
 * Chat in the browser (SPEC.md Part 2): {@code GET /} serves the page from the jar, and
 * {@code GET /chat} with a WebSocket upgrade joins the same chat as {@code nc} users, one
 * text message being one line each way. The chat gets a {@link WsMember} as its session, so
 * it neither knows nor cares that the member is a browser.
 *
 * <p>A text message holding newlines is taken as that many lines, as if pasted into
 * {@code nc} (a CR before each LF dropped). Binary messages are refused with close 1003: the
 * chat is text. Every {@code pingIntervalNanos} each member is pinged; one that has sent
 * nothing at all (not even the pong) by the next round is taken for dead and closed ({@link Pings}).
 */
public final class WebService implements Service<Object> {
    public static final String NAME = "web";
    public static final long DEFAULT_PING_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(30);

    private final Service<ByteBuffer> chat;
    private final List<String> allowedOrigins;
    private int maxMessageBytes;
    private final PageFiles page = new PageFiles();
    private final WsFrame frame = new WsFrame();
    private final Views views = new Views();
    /** One frame at a time is built here and copied out by send: nothing allocated per line. */
    private ByteBuffer scratch = ByteBuffer.allocate(1024);

    private final Pings pings;

    public WebService(Service<ByteBuffer> chat, EventLoop loop, List<String> allowedOrigins, int maxMessageBytes) {
        this(chat, loop, allowedOrigins, maxMessageBytes, DEFAULT_PING_INTERVAL_NANOS);
    }

    public WebService(
            Service<ByteBuffer> chat,
            EventLoop loop,
            List<String> allowedOrigins,
            int maxMessageBytes,
            long pingIntervalNanos) {
        this.chat = chat;
        this.allowedOrigins = List.copyOf(allowedOrigins);
        this.maxMessageBytes = maxMessageBytes;
        this.pings = new Pings(loop, pingIntervalNanos);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void maxFrameBytes(int bytes) {
        maxMessageBytes = bytes;
    }

    @Override
    public FrameDecoder<Object> newDecoder() {
        return decoder();
    }

    /** A web connection's input (request heads, then frames), for the service and the protocol list. */
    public static FrameDecoder<Object> decoder() {
        return new WebDecoder();
    }

    /** Chat's rule: a browser that does not read its lines is dropped, never waited for. */
    @Override
    public boolean disconnectsSlowReaders() {
        return true;
    }

    /** The page's size in bytes (its files' bodies), for the log and the README. */
    public int pageBytes() {
        return page.totalBytes();
    }

    @Override
    public void received(Session session, Object message) {
        if (message instanceof WsFrame f) {
            frame((WsMember) session.attachment(), f);
        } else if (message instanceof WebDecoder.Request r) {
            request(session, r);
        } else if (message instanceof WebDecoder.Failure f) {
            if (session.mayLogInfo()) {
                Logger.info("{} protocol error: {}", session.logName(), f.reason());
            }
            if (session.attachment() instanceof WsMember m) {
                m.closeWith(f.closeCode(), f.reason());
            } else {
                reply(session, HttpResponses.text("400 Bad Request", "", "bad request: " + f.reason()));
            }
        }
    }

    @Override
    public void rejected(Session session, FrameException error) {
        // Only a partial message that timed out gets here: broken framing comes as a Failure.
        if (session.attachment() instanceof WsMember m) {
            m.closeWith(WsClose.POLICY_VIOLATION, error.getMessage());
        } else {
            session.send(HttpResponses.text("408 Request Timeout", "", error.getMessage()));
        }
    }

    @Override
    public void closed(Session session) {
        if (session.attachment() instanceof WsMember m) {
            pings.remove(m);
            chat.closed(m);
        }
    }

    /** A member gets the chat's goodbye as a text message, then a close frame saying why (1001). */
    @Override
    public void shuttingDown(Session session) {
        if (session.attachment() instanceof WsMember m && m.isOpen()) {
            chat.shuttingDown(m);
            m.closeWith(WsClose.GOING_AWAY, "server shutting down");
        }
    }

    @Override
    public String logDetail(Session session) {
        return session.attachment() instanceof WsMember m ? chat.logDetail(m) : null;
    }

    // ---- HTTP -----------------------------------------------------------------------------

    private void request(Session session, WebDecoder.Request r) {
        HttpRequest req = r.request();
        String path = req.path();
        if (Logger.isDebugEnabled()) {
            Logger.debug("{} {} {}", session.logName(), LogText.escape(req.method()), LogText.escape(req.target()));
        }
        if (path.equals("/chat")) {
            chatRequest(session, r);
            return;
        }
        PageFiles.File file = page.get(path);
        if (file == null) {
            reply(session, HttpResponses.text("404 Not Found", "", "not found"));
        } else if (req.method().equals("GET") || req.method().equals("HEAD")) {
            boolean fresh = file.etag().equals(req.header("If-None-Match"));
            ByteBuffer response = fresh ? file.notModified() : req.method().equals("GET") ? file.ok() : file.head();
            reply(session, response.duplicate());
        } else {
            reply(session, HttpResponses.text("405 Method Not Allowed", "Allow: GET, HEAD\r\n", "method not allowed"));
        }
    }

    private void chatRequest(Session session, WebDecoder.Request r) {
        HttpRequest req = r.request();
        String why;
        if (!req.method().equals("GET")) {
            reply(session, HttpResponses.text("405 Method Not Allowed", "Allow: GET\r\n", "method not allowed"));
        } else if (!Handshake.wantsUpgrade(req)) {
            reply(
                    session,
                    HttpResponses.text(
                            "426 Upgrade Required",
                            "Upgrade: websocket\r\nSec-WebSocket-Version: 13\r\n",
                            "this is the chat's WebSocket endpoint; the page is at /"));
        } else if ((why = Handshake.invalid(req)) != null) {
            reply(session, HttpResponses.text("400 Bad Request", "", "bad request: " + why));
        } else if (!Handshake.versionSupported(req)) {
            reply(
                    session,
                    HttpResponses.text(
                            "426 Upgrade Required",
                            "Sec-WebSocket-Version: 13\r\n",
                            "only WebSocket version 13 is spoken here"));
        } else if (!Handshake.originAllowed(req, allowedOrigins)) {
            if (session.mayLogInfo()) {
                Logger.info(
                        "{} refused origin {} (host {})",
                        session.logName(),
                        LogText.escape(req.header("Origin")),
                        LogText.escape(String.valueOf(req.header("Host"))));
            }
            reply(session, HttpResponses.text("403 Forbidden", "", "origin not allowed"));
        } else {
            session.send(HttpResponses.switching(Handshake.accept(req.header("Sec-WebSocket-Key"))));
            r.decoder().upgrade(maxMessageBytes, frame, views);
            WsMember member = new WsMember(session, this);
            session.attach(member);
            pings.add(member);
            chat.opened(member);
        }
    }

    private static void reply(Session session, ByteBuffer response) {
        session.send(response);
        session.closeAfterFlush();
    }

    // ---- WebSocket ------------------------------------------------------------------------

    private void frame(WsMember m, WsFrame f) {
        m.heard = true;
        switch (f.opcode()) {
            case WsFrame.PING -> m.pong(f.payload());
            case WsFrame.PONG -> m.pingOut = false;
            case WsFrame.CLOSE -> m.closeReceived(f.payload());
            default -> data(m, f);
        }
    }

    private void data(WsMember m, WsFrame f) {
        if (f.messageType() == WsFrame.BINARY) {
            m.closeWith(WsClose.UNSUPPORTED_DATA, "binary messages are not accepted: the chat is text");
            return;
        }
        if (f.fin() && f.opcode() == WsFrame.TEXT) {
            lines(m, f.payload());
            return;
        }
        m.addFragment(f.payload());
        if (f.fin()) {
            lines(m, m.takeFragments());
        }
    }

    /** Hands each line of a text message to the chat (usually the message is one line). */
    private void lines(WsMember m, ByteBuffer message) {
        int from = message.position();
        int end = message.limit();
        for (int i = from; i < end; i++) {
            if (message.get(i) == '\n') {
                line(m, message, from, i);
                from = i + 1;
                message.limit(end);
            }
        }
        line(m, message, from, end);
        message.limit(end);
    }

    private void line(WsMember m, ByteBuffer message, int from, int to) {
        if (to > from && message.get(to - 1) == '\r') {
            to--;
        }
        if (!m.isOpen()) {
            return;
        }
        message.limit(to).position(from);
        chat.received(m, message);
    }

    /** Writes one unmasked frame of {@code payload[from, to)} to {@code transport}. */
    void sendFrame(Session transport, int opcode, ByteBuffer payload, int from, int to) {
        int length = to - from;
        int need = WsEncoder.MAX_HEADER_BYTES + length;
        if (scratch.capacity() < need) {
            scratch = ByteBuffer.allocate(Math.max(need, 2 * scratch.capacity()));
        }
        scratch.clear();
        WsEncoder.writeHeader(scratch, opcode, length);
        scratch.put(scratch.position(), payload, from, length);
        scratch.position(scratch.position() + length).flip();
        transport.send(scratch);
        if (scratch.capacity() > 64 * 1024) {
            // A rare huge line: do not keep its buffer for ever.
            scratch = ByteBuffer.allocate(1024);
        }
    }
}
