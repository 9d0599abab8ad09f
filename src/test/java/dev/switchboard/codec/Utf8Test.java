package dev.switchboard.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class Utf8Test {

    private static ByteBuffer bytes(int... values) {
        byte[] b = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            b[i] = (byte) values[i];
        }
        return ByteBuffer.wrap(b);
    }

    @Test
    void wellFormedTextIsValid() {
        assertTrue(Utf8.isValid(ByteBuffer.wrap("héllo wörld 日本 😀".getBytes(StandardCharsets.UTF_8))));
        assertTrue(Utf8.isValid(ByteBuffer.allocate(0)));
    }

    @Test
    void malformedSequencesAreInvalid() {
        assertFalse(Utf8.isValid(bytes(0xC3)), "truncated");
        assertFalse(Utf8.isValid(bytes(0xC0, 0xAF)), "overlong /");
        assertFalse(Utf8.isValid(bytes(0xE0, 0x80, 0xAF)), "overlong 3-byte");
        assertFalse(Utf8.isValid(bytes(0xED, 0xA0, 0x80)), "encoded surrogate");
        assertFalse(Utf8.isValid(bytes(0xF4, 0x90, 0x80, 0x80)), "above U+10FFFF");
        assertFalse(Utf8.isValid(bytes(0xFF)), "never in UTF-8");
        assertFalse(Utf8.isValid(bytes(0x80)), "lone continuation");
        assertFalse(Utf8.isValid(bytes('a', 0xE2, 0x82)), "truncated at the end");
    }

    @Test
    void reverseKeepsEachCodePointWhole() {
        for (String s : new String[] {"custom protocols are fun", "héllo 😀 wörld", "", "a", "日本語"}) {
            ByteBuffer src = ByteBuffer.wrap(s.getBytes(StandardCharsets.UTF_8));
            ByteBuffer dst = ByteBuffer.allocate(src.remaining());
            Utf8.reverseCodePoints(src, dst);
            String expected = new StringBuilder(s).reverse().toString();
            assertEquals(expected, new String(dst.array(), StandardCharsets.UTF_8));
        }
    }
}
