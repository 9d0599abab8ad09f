package dev.switchboard.protocol.web;

import dev.switchboard.codec.ws.WsClose;
import dev.switchboard.codec.ws.WsEncoder;
import dev.switchboard.codec.ws.WsFrame;
import dev.switchboard.protocol.Session;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * A browser as the chat sees it: a {@link Session} whose framing is WebSocket. The chat sends
 * lines ({@code text\n}, one per send); each goes out as one text frame without its newline.
 * The chat says what, this says how, and the chat never knows which kind of member it has.
 * Loop thread only.
 */
final class WsMember implements Session {
    private final Session transport;
    private final WebService web;
    private Object attachment;
    /** The fragments of a text message so far; null between messages (most are one frame). */
    private byte[] fragments;

    private int fragmentBytes;
    private boolean closeSent;
    /** Heard from since the last ping, and whether a ping is out: for {@link WebService}'s sweep. */
    boolean heard = true;

    boolean pingOut;
    /** Neighbours in the service's list of members, which the ping sweep walks. */
    WsMember previous;

    WsMember next;

    WsMember(Session transport, WebService web) {
        this.transport = transport;
        this.web = web;
    }

    /**
     * Lines from the chat ({@code text\n}, one per send by its contract): each goes out as one
     * text frame without its newline. Should a send ever hold several lines, each still gets
     * its own frame, so a browser never sees a newline inside a message.
     */
    @Override
    public void send(ByteBuffer lines) {
        if (closeSent) {
            lines.position(lines.limit());
            return;
        }
        int from = lines.position();
        int end = lines.limit();
        for (int i = from; i < end; i++) {
            if (lines.get(i) == '\n') {
                web.sendFrame(transport, WsFrame.TEXT, lines, from, i);
                from = i + 1;
            }
        }
        if (from < end) {
            web.sendFrame(transport, WsFrame.TEXT, lines, from, end);
        }
        lines.position(end);
    }

    /** The chat ends the session (/quit): a normal close, then a gentle TCP close. */
    @Override
    public void closeAfterFlush() {
        closeWith(WsClose.NORMAL, "");
    }

    @Override
    public void close() {
        transport.close();
    }

    @Override
    public boolean isOpen() {
        return !closeSent && transport.isOpen();
    }

    @Override
    public String remote() {
        return transport.remote();
    }

    @Override
    public String logName() {
        return transport.logName();
    }

    @Override
    public boolean mayLogInfo() {
        return transport.mayLogInfo();
    }

    @Override
    public void closeTimedOut(String why) {
        transport.closeTimedOut(why);
    }

    @Override
    public Object attachment() {
        return attachment;
    }

    @Override
    public void attach(Object state) {
        attachment = state;
    }

    /** Sends a close frame (once) with {@code code} and {@code reason}, then closes gently. */
    void closeWith(int code, String reason) {
        if (!closeSent) {
            closeSent = true;
            byte[] payload = WsEncoder.closePayload(code, reason);
            web.sendFrame(transport, WsFrame.CLOSE, ByteBuffer.wrap(payload), 0, payload.length);
        }
        transport.closeAfterFlush();
    }

    /** Answers a close frame from the client: the same code back (none for none), then close. */
    void closeReceived(ByteBuffer payload) {
        if (!closeSent) {
            closeSent = true;
            int to = Math.min(payload.limit(), payload.position() + 2);
            web.sendFrame(transport, WsFrame.CLOSE, payload, payload.position(), to);
        }
        transport.closeAfterFlush();
    }

    void pong(ByteBuffer payload) {
        if (!closeSent) {
            web.sendFrame(transport, WsFrame.PONG, payload, payload.position(), payload.limit());
        }
    }

    void ping() {
        if (!closeSent) {
            web.sendFrame(transport, WsFrame.PING, ByteBuffer.allocate(0), 0, 0);
        }
    }

    /** Keeps a fragment of a text message; the decoder has held the total to the limit already. */
    void addFragment(ByteBuffer payload) {
        int n = payload.remaining();
        if (fragments == null) {
            fragments = new byte[Math.max(256, n)];
        } else if (fragmentBytes + n > fragments.length) {
            fragments = Arrays.copyOf(fragments, Math.max(fragmentBytes + n, 2 * fragments.length));
        }
        payload.duplicate().get(fragments, fragmentBytes, n);
        fragmentBytes += n;
    }

    /** The whole fragmented message, and the buffer let go (an idle member holds none). */
    ByteBuffer takeFragments() {
        ByteBuffer whole = fragments == null ? ByteBuffer.allocate(0) : ByteBuffer.wrap(fragments, 0, fragmentBytes);
        fragments = null;
        fragmentBytes = 0;
        return whole;
    }
}
