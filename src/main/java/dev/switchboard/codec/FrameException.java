package dev.switchboard.codec;

/**
 * The bytes on the wire break the protocol's framing: a length above the limit, a header
 * that is not a number, a line without end. The message is safe to show to the client and
 * to log: it never quotes raw client bytes.
 */
public final class FrameException extends Exception {
    public FrameException(String message) {
        // No stack trace: these are expected events on a public port, not bugs.
        super(message, null, false, false);
    }
}
