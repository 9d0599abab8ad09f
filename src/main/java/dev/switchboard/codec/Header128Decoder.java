package dev.switchboard.codec;

import java.nio.ByteBuffer;

/**
 * Seed 002's framing, the same in both directions.
 *
 * <pre>
 * +--------------------------------------------+-----------------+
 * | header: 128 bytes, ASCII decimal length,   | payload (UTF-8) |
 * | space padded ("12" + 126 spaces)           | length bytes    |
 * +--------------------------------------------+-----------------+
 * </pre>
 *
 * On input, spaces and NULs at both ends of the header are ignored (the seed padded with
 * spaces; C clients pad with NULs); what is left must be ASCII digits only. The value is
 * checked against the limit as soon as the header is in. The message is the payload.
 */
public final class Header128Decoder implements FrameDecoder<ByteBuffer> {
    /** Digits quoted in an error message at most: enough to recognise, never a flood. */
    private static final int MAX_QUOTED_DIGITS = 20;

    private final int maxPayloadBytes;
    private final Views views;

    public Header128Decoder(int maxPayloadBytes) {
        this(maxPayloadBytes, new Views());
    }

    public Header128Decoder(int maxPayloadBytes, Views views) {
        this.maxPayloadBytes = maxPayloadBytes;
        this.views = views;
    }

    @Override
    public ByteBuffer decode(ByteBuffer in) throws FrameException {
        int start = in.position();
        if (in.remaining() < Header128.HEADER_BYTES) {
            return null;
        }
        long length = parseLength(in, start);
        int total = Header128.HEADER_BYTES + (int) length;
        if (in.remaining() < total) {
            return null;
        }
        in.position(start + total);
        return views.of(in, start + Header128.HEADER_BYTES, start + total);
    }

    private long parseLength(ByteBuffer in, int start) throws FrameException {
        int from = start;
        int to = start + Header128.HEADER_BYTES;
        while (from < to && isPadding(in.get(from))) {
            from++;
        }
        while (to > from && isPadding(in.get(to - 1))) {
            to--;
        }
        if (from == to) {
            throw new FrameException("header holds no length");
        }
        boolean negative = in.get(from) == '-';
        int digitsFrom = negative ? from + 1 : from;
        if (digitsFrom == to) {
            throw new FrameException("header is not a decimal number");
        }
        long value = 0;
        boolean overflow = false;
        for (int i = digitsFrom; i < to; i++) {
            byte b = in.get(i);
            if (b < '0' || b > '9') {
                throw new FrameException("header is not a decimal number");
            }
            if (!overflow) {
                value = value * 10 + (b - '0');
                overflow = value > maxPayloadBytes;
            }
        }
        if (negative) {
            throw new FrameException("negative length in header");
        }
        if (overflow) {
            throw new FrameException("length " + quoteDigits(in, digitsFrom, to) + " exceeds the limit of "
                    + maxPayloadBytes + " bytes");
        }
        return value;
    }

    private static String quoteDigits(ByteBuffer in, int from, int to) {
        StringBuilder digits = new StringBuilder();
        for (int i = from; i < to && digits.length() < MAX_QUOTED_DIGITS; i++) {
            digits.append((char) in.get(i));
        }
        if (to - from > MAX_QUOTED_DIGITS) {
            digits.append("...");
        }
        return digits.toString();
    }

    private static boolean isPadding(byte b) {
        return b == ' ' || b == 0;
    }
}
