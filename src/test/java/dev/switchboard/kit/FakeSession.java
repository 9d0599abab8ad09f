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
    private boolean closingAfterFlush;
    private boolean closed;
    private Object attachment;

    public FakeSession() {
        this("127.0.0.1:5000");
    }

    public FakeSession(String remote) {
        this.remote = remote;
    }

    @Override
    public void send(ByteBuffer bytes) {
        byte[] copy = new byte[bytes.remaining()];
        bytes.get(copy);
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
