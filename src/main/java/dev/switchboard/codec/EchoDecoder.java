package dev.switchboard.codec;

import java.nio.ByteBuffer;

/**
 * Seed 004's echo stream: bytes go back as they arrive, except a whole message {@code exit}
 * (any case, spaces and tabs around it) which ends the session.
 *
 * <pre>
 * any bytes ... LF | [ \t]* exit [ \t]* CR? LF | any bytes ...
 *   echoed         |   Exit, never echoed      |   echoed
 * </pre>
 *
 * To recognise {@code exit} without delaying other traffic, only the start of a line that
 * could still become {@code exit} is held back; everything else is echoed at once. Before the
 * client's first LF, a pause also ends a message (seed 004's client sent no newline).
 */
public final class EchoDecoder implements FrameDecoder<EchoMessage> {
    private static final byte[] WORD = {'e', 'x', 'i', 't'};
    private static final int NO = -1;
    private static final int PREFIX = -2;

    private final int maxHeldBytes;
    private final EchoMessage.Echo echo;
    private final Views views;
    private boolean atLineStart = true;
    private boolean sawNewline;

    /** @param maxHeldBytes a line start longer than this cannot be {@code exit}; it is echoed */
    public EchoDecoder(int maxHeldBytes) {
        this(maxHeldBytes, new EchoMessage.Echo(null), new Views());
    }

    /** With a message and views shared by every decoder of one service (nothing allocated per read). */
    public EchoDecoder(int maxHeldBytes, EchoMessage.Echo reused, Views views) {
        this.maxHeldBytes = maxHeldBytes;
        this.echo = reused;
        this.views = views;
    }

    @Override
    public EchoMessage decode(ByteBuffer in) {
        if (!in.hasRemaining()) {
            return null;
        }
        int start = in.position();
        int limit = in.limit();
        if (atLineStart) {
            int end = matchExit(in, start, limit, true);
            if (end == PREFIX && limit - start <= maxHeldBytes) {
                return null;
            }
            if (end >= 0) {
                sawNewline = true;
                in.position(end);
                boolean crlf = end - start >= 2 && in.get(end - 2) == '\r';
                return new EchoMessage.Exit(crlf ? "\r\n" : "\n");
            }
            atLineStart = false;
        }
        int end = limit;
        int lf = Lf.indexOf(in, start, limit);
        if (lf >= 0) {
            end = lf + 1;
            atLineStart = true;
            sawNewline = true;
        }
        in.position(end);
        return echo.set(views.of(in, start, end));
    }

    @Override
    public EchoMessage drained(ByteBuffer in, boolean endOfStream) {
        if (sawNewline && !endOfStream) {
            return null;
        }
        // Before the first LF a pause ends the message, so the next byte starts a new one.
        atLineStart = true;
        if (!in.hasRemaining()) {
            return null;
        }
        // Only a held-back line start can be left here; as a whole message it is exit or not.
        int start = in.position();
        int limit = in.limit();
        in.position(limit);
        if (matchExit(in, start, limit, false) >= 0) {
            return new EchoMessage.Exit("");
        }
        return echo.set(views.of(in, start, limit));
    }

    /**
     * Matches {@code [ \t]* exit [ \t]* (\r? \n)} from {@code from}. Returns the index after the
     * match, {@link #NO}, or {@link #PREFIX} when the bytes so far could still become a match.
     * Without {@code needNewline}, the whole range must match and the LF is not required.
     */
    private static int matchExit(ByteBuffer in, int from, int limit, boolean needNewline) {
        int i = from;
        while (i < limit && isBlank(in.get(i))) {
            i++;
        }
        for (byte letter : WORD) {
            if (i == limit) {
                return PREFIX;
            }
            if ((in.get(i) | 0x20) != letter) {
                return NO;
            }
            i++;
        }
        while (i < limit && isBlank(in.get(i))) {
            i++;
        }
        if (i < limit && in.get(i) == '\r') {
            i++;
        }
        if (!needNewline) {
            return i == limit ? i : NO;
        }
        if (i == limit) {
            return PREFIX;
        }
        return in.get(i) == '\n' ? i + 1 : NO;
    }

    private static boolean isBlank(byte b) {
        return b == ' ' || b == '\t';
    }
}
