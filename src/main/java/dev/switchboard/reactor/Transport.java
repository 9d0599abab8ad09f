package dev.switchboard.reactor;

import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * What moves a connection's bytes: the plaintext socket, or TLS on top of it. The connection
 * keeps the buffers and the protocol state; the transport reads, writes, shuts down and closes,
 * and says what it waits for (after Kafka's {@code TransportLayer} and Redis's
 * {@code ConnectionType}). Loop thread only.
 */
public interface Transport {

    /** Reads application bytes into {@code dst}: the count, 0 when none are ready, -1 at end of stream. */
    int read(ByteBuffer dst) throws IOException;

    /** Writes application bytes from {@code src}; returns how many it took (0 while it cannot yet). */
    int write(ByteBuffer src) throws IOException;

    /** Gathering write of application bytes; returns how many it took. */
    long write(ByteBuffer[] srcs, int offset, int length) throws IOException;

    /** True while bytes of the transport's own (TLS records) wait for the socket. */
    default boolean hasPendingWrites() {
        return false;
    }

    /** Writes those bytes of its own; true when none are left. */
    default boolean flushPending() throws IOException {
        return true;
    }

    /** True once application bytes can flow (TLS: the handshake is done). */
    default boolean isReady() {
        return true;
    }

    /**
     * True while the transport waits for work of its own (TLS: a delegated task): the connection
     * then neither reads nor writes through it until the transport runs its resume action.
     */
    default boolean isWorking() {
        return false;
    }

    /**
     * For a transport with work of its own: the loop to run it on and what to run there once
     * the connection can go on. Given once, before the first read.
     */
    default void attach(EventLoop loop, Runnable resume) {}

    /**
     * True when bytes are already read and decoded inside the transport (TLS records that came
     * with the last ones): the connection must read again without waiting for the socket.
     */
    default boolean hasBufferedInput() {
        return false;
    }

    /** Ends our sending side gently (TLS: {@code close_notify} first, then FIN). */
    void shutdownOutput() throws IOException;

    /** Closes at once (TLS: a {@code close_notify} is still tried, without waiting). */
    void close() throws IOException;

    /** What went wrong at the transport's own level, for the disconnect line, or null. */
    default String failure() {
        return null;
    }
}
