package dev.switchboard.protocol;

import java.nio.ByteBuffer;
import org.tinylog.Logger;

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

    /** The client's address. */
    String remote();

    /**
     * How log lines name this client: {@code chat#17 127.0.0.1:40312}, the same in every line
     * about its connection. Built on each call: call it only for a line really written.
     */
    default String logName() {
        return remote();
    }

    /**
     * True when a line about this client may be logged at INFO now: the level is on and the
     * loop's budget for client-triggered lines allows it (so no client can flood the log).
     * Spends from that budget: ask right before logging, once per line.
     */
    default boolean mayLogInfo() {
        return Logger.isInfoEnabled();
    }

    /** Closes at once because a deadline of the protocol's own passed; {@code why} says which and after how long. */
    default void closeTimedOut(String why) {
        close();
    }

    /** Per-session state a service keeps (the chat member, say). */
    Object attachment();

    void attach(Object state);
}
