package dev.switchboard.codec;

import java.nio.ByteBuffer;

/**
 * Turns a byte stream into messages, one at a time. One instance per connection; it may keep
 * state between calls (such as whether the client has sent its first newline).
 *
 * <p>The contract, after Netty's {@code ByteToMessageDecoder}: if a whole message is in
 * {@code in}, return it and advance {@code in}'s position exactly past it; otherwise return
 * null and leave the position where it was. A returned message may be a view of {@code in}:
 * it is valid only until {@code in} is next changed.
 *
 * @param <F> the message type
 */
public interface FrameDecoder<F> {

    F decode(ByteBuffer in) throws FrameException;

    /**
     * The socket had nothing more to read (or, with {@code endOfStream}, will never have).
     * Seed clients send one message without a terminator and wait for the answer; this hook
     * lets a decoder take the bytes left in {@code in} as that message. Default: nothing.
     */
    default F drained(ByteBuffer in, boolean endOfStream) throws FrameException {
        return null;
    }
}
