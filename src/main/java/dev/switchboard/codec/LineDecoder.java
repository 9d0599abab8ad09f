package dev.switchboard.codec;

import java.nio.ByteBuffer;

/**
 * Text lines (seed 000's command protocol, seed 003's chat).
 *
 * <pre>
 * +---------------------------+--------+------+
 * | line (UTF-8, no LF)       | CR opt | LF   |
 * +---------------------------+--------+------+
 * </pre>
 *
 * The message is the line without its CR LF. The limit counts the line only. Seed 000's
 * client sends a command with no newline and waits, so with {@code pauseEndsMessage} the
 * bytes present when the socket runs dry are a message too, but only until the first LF:
 * after that a line split across reads must never be cut in two.
 */
public final class LineDecoder implements FrameDecoder<ByteBuffer> {
    private final int maxLineBytes;
    private final Views views;
    private final boolean pauseEndsMessage;
    private final boolean endOfStreamEndsMessage;
    private boolean sawNewline;
    /** Bytes after the position already searched for LF, so a long line is scanned once. */
    private int scanned;

    public LineDecoder(int maxLineBytes, boolean pauseEndsMessage, boolean endOfStreamEndsMessage) {
        this(maxLineBytes, pauseEndsMessage, endOfStreamEndsMessage, new Views());
    }

    public LineDecoder(int maxLineBytes, boolean pauseEndsMessage, boolean endOfStreamEndsMessage, Views views) {
        this.views = views;
        this.maxLineBytes = maxLineBytes;
        this.pauseEndsMessage = pauseEndsMessage;
        this.endOfStreamEndsMessage = endOfStreamEndsMessage;
    }

    @Override
    public ByteBuffer decode(ByteBuffer in) throws FrameException {
        int start = in.position();
        int limit = in.limit();
        int i = Lf.indexOf(in, start + scanned, limit);
        if (i >= 0) {
            sawNewline = true;
            scanned = 0;
            in.position(i + 1);
            return line(in, start, i);
        }
        scanned = limit - start;
        // One more byte is allowed for the CR that may precede the LF.
        if (scanned > maxLineBytes + 1) {
            throw tooLong();
        }
        return null;
    }

    @Override
    public ByteBuffer drained(ByteBuffer in, boolean endOfStream) throws FrameException {
        boolean ends = (pauseEndsMessage && !sawNewline) || (endOfStream && endOfStreamEndsMessage);
        if (!ends || !in.hasRemaining()) {
            return null;
        }
        int start = in.position();
        int end = in.limit();
        scanned = 0;
        in.position(end);
        return line(in, start, end);
    }

    /** True once the client has sent a LF: from then on only a LF ends a message. */
    public boolean sawNewline() {
        return sawNewline;
    }

    private ByteBuffer line(ByteBuffer in, int start, int end) throws FrameException {
        if (end > start && in.get(end - 1) == '\r') {
            end--;
        }
        if (end - start > maxLineBytes) {
            throw tooLong();
        }
        return views.of(in, start, end);
    }

    private FrameException tooLong() {
        return new FrameException("line longer than " + maxLineBytes + " bytes");
    }
}
