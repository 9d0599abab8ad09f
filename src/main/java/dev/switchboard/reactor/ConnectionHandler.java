package dev.switchboard.reactor;

import java.nio.ByteBuffer;

/**
 * What the loop calls on one connection's behalf. The reactor knows bytes and deadlines; the
 * handler knows the protocol. All calls come on the loop thread.
 */
public interface ConnectionHandler {

    void opened(Connection connection);

    /**
     * Bytes have arrived: consume every whole message in {@code in} (advancing its position),
     * stopping early once {@link Connection#inputPaused()} is true. What is left is kept and
     * offered again, with more bytes, next time.
     */
    void received(Connection connection, ByteBuffer in);

    /** The socket had nothing more to read, or reached end of stream; see FrameDecoder. */
    void drained(Connection connection, ByteBuffer in, boolean endOfStream);

    /** A partial message has waited longer than the frame timeout; the connection then closes. */
    void frameTimedOut(Connection connection);

    /**
     * The session is over: our side is shut (a gentle close, the socket lingers a moment more)
     * or the socket is closed. Called once.
     */
    void closed(Connection connection, CloseReason reason);

    /**
     * The server is shutting down: what the connection had sent is answered, and it is about
     * to be closed gently; a last word sent now is written before the close.
     */
    default void shuttingDown(Connection connection) {}

    /**
     * What the disconnect line should add about this session (chat: {@code name=ada}), or null.
     * Called only when that line is written, after {@link #closed}.
     */
    default String logDetail(Connection connection) {
        return null;
    }
}
