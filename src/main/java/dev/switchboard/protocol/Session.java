package dev.switchboard.protocol;

import java.nio.ByteBuffer;

/** Everything a service may do with its client, and nothing more. */
public interface Session {

    /** Queues {@code bytes}' remaining bytes (consuming them); dropped once the session is closed. */
    void send(ByteBuffer bytes);

    /** One message in two parts (a header, then a payload view), sent without copying them together. */
    default void send(ByteBuffer header, ByteBuffer payload) {
        ByteBuffer whole = ByteBuffer.allocate(header.remaining() + payload.remaining());
        whole.put(header).put(payload).flip();
        send(whole);
    }

    default void send(byte[] bytes) {
        send(ByteBuffer.wrap(bytes));
    }

    /** Stops reading, delivers what was sent, then closes. */
    void closeAfterFlush();

    /** Closes at once, dropping anything unsent. */
    void close();

    boolean isOpen();

    /** The client's address, for logs. */
    String remote();

    /** Per-session state a service keeps (the chat member, say). */
    Object attachment();

    void attach(Object state);
}
