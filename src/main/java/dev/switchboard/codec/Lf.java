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
        // Four words, one branch: 64 KiB echo bulk spent most of its loop time in this scan.
        for (; i + 4 * Long.BYTES <= to; i += 4 * Long.BYTES) {
            long any = zeroBytes(in.getLong(i) ^ LFS)
                    | zeroBytes(in.getLong(i + Long.BYTES) ^ LFS)
                    | zeroBytes(in.getLong(i + 2 * Long.BYTES) ^ LFS)
                    | zeroBytes(in.getLong(i + 3 * Long.BYTES) ^ LFS);
            if (any != 0) {
                break;
            }
        }
        boolean bigEndian = in.order() == ByteOrder.BIG_ENDIAN;
        for (; i + Long.BYTES <= to; i += Long.BYTES) {
            long zero = zeroBytes(in.getLong(i) ^ LFS);
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

    /**
     * The top bit of each byte of {@code x} that is 0, and nothing else: exact, since no borrow
     * crosses bytes, so there is no false match before a true one.
     */
    private static long zeroBytes(long x) {
        return ~(((x & LOW7) + LOW7) | x | LOW7);
    }
}
