package dev.switchboard.kit;

import dev.switchboard.protocol.Session;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A {@link Session} for service tests: records each message sent (copied at once, since
 * services reuse their reply buffers) and whether the service asked to close. Like a real
 * connection it still takes replies after {@link #closeAfterFlush} and drops them after
 * {@link #close}.
 */
public final class FakeSession implements Session {
    private final String remote;
    private final List<byte[]> messages = new ArrayList<>();
    private boolean oneLinePerSend;
    private boolean closingAfterFlush;
    private boolean closed;
    private Object attachment;

    public FakeSession() {
        this("127.0.0.1:5000");
    }

    public FakeSession(String remote) {
        this.remote = remote;
    }

    /** A session for line services (chat): each send must carry exactly one whole line, or the test fails there. */
    public static FakeSession oneLinePerSend() {
        FakeSession s = new FakeSession("127.0.0.1:40000");
        s.oneLinePerSend = true;
        return s;
    }

    @Override
    public void send(ByteBuffer bytes) {
        byte[] copy = new byte[bytes.remaining()];
        bytes.get(copy);
        if (oneLinePerSend) {
            String text = new String(copy, StandardCharsets.UTF_8);
            if (!text.endsWith("\n") || text.indexOf('\n') != text.length() - 1) {
                throw new AssertionError("a send must carry exactly one line: " + text);
            }
        }
        if (!closed) {
            messages.add(copy);
        }
    }

    /** One message, as the real session counts it, though it comes in two parts. */
    @Override
    public void send(ByteBuffer header, ByteBuffer payload) {
        byte[] copy = new byte[header.remaining() + payload.remaining()];
        int headerBytes = header.remaining();
        header.get(copy, 0, headerBytes);
        payload.get(copy, headerBytes, copy.length - headerBytes);
        if (!closed) {
            messages.add(copy);
        }
    }

    @Override
    public void closeAfterFlush() {
        closingAfterFlush = true;
    }

    @Override
    public void close() {
        closed = true;
    }

    @Override
    public boolean isOpen() {
        return !closed;
    }

    @Override
    public String remote() {
        return remote;
    }

    @Override
    public Object attachment() {
        return attachment;
    }

    @Override
    public void attach(Object state) {
        attachment = state;
    }

    /** True once the service asked to close after its replies. */
    public boolean closingAfterFlush() {
        return closingAfterFlush;
    }

    /** True once the service closed hard. */
    public boolean closed() {
        return closed;
    }

    /** Each message sent so far, in order. */
    public List<byte[]> messages() {
        return List.copyOf(messages);
    }

    /** Every byte sent so far, as the client would read it. */
    public byte[] bytes() {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        for (byte[] m : messages) {
            all.writeBytes(m);
        }
        return all.toByteArray();
    }

    /** Every byte sent so far as UTF-8 text. */
    public String text() {
        return new String(bytes(), StandardCharsets.UTF_8);
    }

    /** Each message sent so far as a line of text, its LF dropped (for {@link #oneLinePerSend} sessions). */
    public List<String> lines() {
        List<String> lines = new ArrayList<>();
        for (byte[] m : messages) {
            String text = new String(m, StandardCharsets.UTF_8);
            lines.add(text.endsWith("\n") ? text.substring(0, text.length() - 1) : text);
        }
        return lines;
    }

    /** The last line sent. */
    public String lastLine() {
        List<String> lines = lines();
        return lines.get(lines.size() - 1);
    }

    /** The messages sent since the last call, and forgets them. */
    public List<byte[]> take() {
        List<byte[]> taken = List.copyOf(messages);
        messages.clear();
        return taken;
    }

    /** The text sent since the last take, and forgets it. */
    public String takeText() {
        String sent = text();
        messages.clear();
        return sent;
    }
}
