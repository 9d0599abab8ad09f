package dev.switchboard.protocol;

import dev.switchboard.codec.FrameDecoder;
import dev.switchboard.codec.FrameException;

/**
 * One protocol: how its bytes become messages and what each message gets in reply. All calls
 * come on the loop thread, so a service needs no locks; it must never block.
 *
 * @param <F> the decoded message type
 */
public interface Service<F> {

    /** The protocol's name, as on the command line and in logs. */
    String name();

    FrameDecoder<F> newDecoder();

    default void opened(Session session) {}

    /** A whole message; views of the input inside it are valid only during this call. */
    void received(Session session, F message);

    /**
     * The framing broke (or a partial message timed out). The session is already closing
     * after flush; send the protocol's error reply here.
     */
    void rejected(Session session, FrameException error);

    default void closed(Session session) {}

    /**
     * A reload's frame limit, loop thread only: it applies to decoders made from now on (a
     * connection makes its decoder with its first bytes). Protocols without one ignore it.
     */
    default void maxFrameBytes(int bytes) {}

    /** The server is shutting down and the session is about to close: a last word sent now still arrives. */
    default void shuttingDown(Session session) {}

    /** What the disconnect line adds about this session ({@code name=ada}), or null. */
    default String logDetail(Session session) {
        return null;
    }

    /** True for protocols (chat) that disconnect a client that does not read, instead of pausing it. */
    default boolean disconnectsSlowReaders() {
        return false;
    }
}
