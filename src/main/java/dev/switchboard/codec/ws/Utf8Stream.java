package dev.switchboard.codec.ws;

/**
 * UTF-8 checked one byte at a time, so a text message split across frames (a code point cut
 * in two included) is checked as it arrives, and a bad byte fails at once rather than at the
 * message's end. The state is a plain int so that nothing is allocated: {@link #ACCEPT}
 * between code points, {@link #REJECT} once broken, otherwise the continuation bytes still
 * needed and the range the next one must fall in. The same strictness as
 * {@code codec.Utf8}: no overlong forms, no surrogates, nothing above U+10FFFF.
 */
public final class Utf8Stream {
    public static final int ACCEPT = 0;
    public static final int REJECT = -1;
    private static final int ANY = state(1, 0x80, 0xBF);

    private Utf8Stream() {}

    private static int state(int need, int min, int max) {
        return need << 16 | min << 8 | max;
    }

    /** The state after byte {@code b} (0-255) in state {@code state}. */
    public static int step(int state, int b) {
        if (state == ACCEPT) {
            if (b < 0x80) {
                return ACCEPT;
            }
            if (b >= 0xC2 && b <= 0xDF) {
                return ANY;
            }
            if (b >= 0xE0 && b <= 0xEF) {
                return state(2, b == 0xE0 ? 0xA0 : 0x80, b == 0xED ? 0x9F : 0xBF);
            }
            if (b >= 0xF0 && b <= 0xF4) {
                return state(3, b == 0xF0 ? 0x90 : 0x80, b == 0xF4 ? 0x8F : 0xBF);
            }
            return REJECT;
        }
        if (state == REJECT || b < ((state >> 8) & 0xFF) || b > (state & 0xFF)) {
            return REJECT;
        }
        int need = state >> 16;
        return need == 1 ? ACCEPT : state(need - 1, 0x80, 0xBF);
    }
}
