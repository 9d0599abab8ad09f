package dev.switchboard.codec;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Finds the next LF eight bytes at a time. Line and echo traffic is scanned for LF on every
 * byte that arrives; a byte-at-a-time loop made 64 KiB echo bulk spend most of its time here.
 */
final class Lf {
    private static final long LOW7 = 0x7F7F7F7F7F7F7F7FL;
    private static final long LFS = 0x0A0A0A0A0A0A0A0AL;

    private Lf() {}

    /** The index of the first LF in {@code in} between {@code from} and {@code to}, or -1. */
    static int indexOf(ByteBuffer in, int from, int to) {
        int i = from;
        boolean bigEndian = in.order() == ByteOrder.BIG_ENDIAN;
        for (; i + Long.BYTES <= to; i += Long.BYTES) {
            long x = in.getLong(i) ^ LFS;
            // Exact zero-byte test: a byte's top bit ends up set only if that byte of x is 0
            // (no borrow between bytes, so no false match before a true one).
            long zero = ~(((x & LOW7) + LOW7) | x | LOW7);
            if (zero != 0) {
                // The first byte in memory is the most significant one in big-endian order.
                int bit = bigEndian ? Long.numberOfLeadingZeros(zero) : Long.numberOfTrailingZeros(zero);
                return i + (bit >>> 3);
            }
        }
        for (; i < to; i++) {
            if (in.get(i) == '\n') {
                return i;
            }
        }
        return -1;
    }
}
