package dev.switchboard.codec;

import java.nio.ByteBuffer;

/** Seed 002's fixed header: its size and how a reply's header is written. */
public final class Header128 {
    public static final int HEADER_BYTES = 128;

    /** Frames one message: the header, then the payload (there is no type). */
    public static final Encoder ENCODER =
            Encoder.headerThenPayload(HEADER_BYTES, (type, length, out) -> writeHeader(length, out));

    private Header128() {}

    /** Writes {@code length} as ASCII decimal, padded with trailing spaces to 128 bytes. */
    public static void writeHeader(int length, ByteBuffer out) {
        if (length < 0) {
            throw new IllegalArgumentException("negative length " + length);
        }
        String digits = Integer.toString(length);
        for (int i = 0; i < digits.length(); i++) {
            out.put((byte) digits.charAt(i));
        }
        for (int i = digits.length(); i < HEADER_BYTES; i++) {
            out.put((byte) ' ');
        }
    }
}
