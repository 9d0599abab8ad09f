package dev.switchboard.codec;

import java.nio.ByteBuffer;

/** Seed 002's fixed header: its size and how a reply's header is written. */
public final class Header128 {
    public static final int HEADER_BYTES = 128;

    /** Frames one message: the header, then the payload (there is no type). */
    public static final Encoder ENCODER = new Encoder() {
        @Override
        public int overheadBytes() {
            return HEADER_BYTES;
        }

        @Override
        public void encode(int type, ByteBuffer payload, ByteBuffer out) {
            writeHeader(payload.remaining(), out);
            out.put(payload);
        }
    };

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
