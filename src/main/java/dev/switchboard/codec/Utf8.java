package dev.switchboard.codec;

import java.nio.ByteBuffer;

/** Strict UTF-8 checks and frame5's REVERSE, on bytes, without decoding to a String. */
public final class Utf8 {
    private Utf8() {}

    /**
     * True if {@code bytes} (position to limit) is well-formed UTF-8: no overlong forms, no
     * encoded surrogates, nothing above U+10FFFF, no truncated sequence.
     */
    public static boolean isValid(ByteBuffer bytes) {
        int i = bytes.position();
        int limit = bytes.limit();
        while (i < limit) {
            int length = sequenceLength(bytes, i, limit);
            if (length == 0) {
                return false;
            }
            i += length;
        }
        return true;
    }

    /** Length (1 to 4) of the well-formed UTF-8 sequence at index {@code i}, or 0 if none. */
    public static int sequenceLength(ByteBuffer bytes, int i, int limit) {
        int b = bytes.get(i) & 0xFF;
        if (b < 0x80) {
            return 1;
        }
        int need;
        int min = 0x80;
        int max = 0xBF;
        if (b >= 0xC2 && b <= 0xDF) {
            need = 1;
        } else if (b >= 0xE0 && b <= 0xEF) {
            need = 2;
            // E0 needs A0.. (no overlong form); ED needs ..9F (no surrogates).
            min = b == 0xE0 ? 0xA0 : 0x80;
            max = b == 0xED ? 0x9F : 0xBF;
        } else if (b >= 0xF0 && b <= 0xF4) {
            need = 3;
            // F0 needs 90.. (no overlong form); F4 needs ..8F (nothing above U+10FFFF).
            min = b == 0xF0 ? 0x90 : 0x80;
            max = b == 0xF4 ? 0x8F : 0xBF;
        } else {
            return 0;
        }
        if (limit - i <= need) {
            return 0;
        }
        int second = bytes.get(i + 1) & 0xFF;
        if (second < min || second > max) {
            return 0;
        }
        for (int k = 2; k <= need; k++) {
            int c = bytes.get(i + k) & 0xFF;
            if (c < 0x80 || c > 0xBF) {
                return 0;
            }
        }
        return need + 1;
    }

    /**
     * Writes {@code src}'s code points to {@code dst} in reverse order; four-byte sequences
     * (surrogate pairs in UTF-16) stay whole. {@code src} must be valid UTF-8; its position is
     * not moved.
     */
    public static void reverseCodePoints(ByteBuffer src, ByteBuffer dst) {
        int start = src.position();
        int end = src.limit();
        while (end > start) {
            int cpStart = end - 1;
            while (cpStart > start && (src.get(cpStart) & 0xC0) == 0x80) {
                cpStart--;
            }
            for (int i = cpStart; i < end; i++) {
                dst.put(src.get(i));
            }
            end = cpStart;
        }
    }
}
