package dev.switchboard.codec.ws;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.switchboard.codec.Utf8;
import java.nio.ByteBuffer;
import java.util.Random;
import org.junit.jupiter.api.Test;

class Utf8StreamTest {

    private static boolean valid(byte[] bytes) {
        int state = Utf8Stream.ACCEPT;
        for (byte b : bytes) {
            state = Utf8Stream.step(state, b & 0xFF);
        }
        return state == Utf8Stream.ACCEPT;
    }

    @Test
    void agreesWithTheWholeBufferCheckOnRandomBytes() {
        Random random = new Random(6455);
        for (int n = 0; n < 200_000; n++) {
            byte[] bytes = new byte[1 + random.nextInt(6)];
            random.nextBytes(bytes);
            if (random.nextBoolean()) {
                // Bias towards lead bytes and continuations, where the edge cases are.
                for (int i = 0; i < bytes.length; i++) {
                    bytes[i] = (byte) (0x80 | (bytes[i] & 0x7F));
                }
                bytes[0] = (byte) (0xC0 + random.nextInt(0x40));
            }
            assertEquals(Utf8.isValid(ByteBuffer.wrap(bytes)), valid(bytes), java.util.Arrays.toString(bytes));
        }
    }

    @Test
    void everyCodePointEncodedByTheJdkIsValid() {
        for (int cp = 0; cp <= 0x10FFFF; cp++) {
            if (cp >= 0xD800 && cp <= 0xDFFF) {
                continue;
            }
            byte[] bytes = new String(Character.toChars(cp)).getBytes(java.nio.charset.StandardCharsets.UTF_8);
            assertEquals(true, valid(bytes), Integer.toHexString(cp));
        }
    }

    @Test
    void surrogatesOverlongsAndTooLargeAreInvalid() {
        assertEquals(false, valid(new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80}));
        assertEquals(false, valid(new byte[] {(byte) 0xC0, (byte) 0xAF}));
        assertEquals(false, valid(new byte[] {(byte) 0xE0, (byte) 0x80, (byte) 0xAF}));
        assertEquals(false, valid(new byte[] {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80}));
        assertEquals(false, valid(new byte[] {(byte) 0xF5, (byte) 0x80, (byte) 0x80, (byte) 0x80}));
        assertEquals(false, valid(new byte[] {(byte) 0xE2, (byte) 0x82}));
    }
}
