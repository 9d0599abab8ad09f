package dev.switchboard.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.switchboard.kit.Chunker;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class Header128DecoderTest {

    private static byte[] message(String header, byte pad, String payload) {
        byte[] p = payload.getBytes(StandardCharsets.UTF_8);
        byte[] out = new byte[128 + p.length];
        Arrays.fill(out, 0, 128, pad);
        byte[] h = header.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(h, 0, out, 0, h.length);
        System.arraycopy(p, 0, out, 128, p.length);
        return out;
    }

    private static ByteBuffer decodeOne(byte[] bytes) throws FrameException {
        return new Header128Decoder(1024).decode(ByteBuffer.wrap(bytes));
    }

    @Test
    void spacePaddedLengthThenPayload() throws FrameException {
        assertEquals("hello", Chunker.text(decodeOne(message("5", (byte) ' ', "hello"))));
    }

    @Test
    void leadingSpacesAndNulPaddingAreAccepted() throws FrameException {
        assertEquals("hello", Chunker.text(decodeOne(message("   5", (byte) ' ', "hello"))));
        assertEquals("hello", Chunker.text(decodeOne(message("5", (byte) 0, "hello"))));
        assertEquals("", Chunker.text(decodeOne(message("0", (byte) ' ', ""))));
    }

    @Test
    void onlyPlainDecimalDigitsAreANumber() {
        for (String header : new String[] {"+5", "5 5", "0x10", "five", "5.0", "-", ""}) {
            assertThrows(FrameException.class, () -> decodeOne(message(header, (byte) ' ', "hello")), header);
        }
    }

    @Test
    void negativeAndTooLargeLengthsSayWhy() {
        FrameException negative = assertThrows(FrameException.class, () -> decodeOne(message("-5", (byte) ' ', "")));
        assertEquals("negative length in header", negative.getMessage());
        FrameException large = assertThrows(FrameException.class, () -> decodeOne(message("1025", (byte) ' ', "")));
        assertEquals("length 1025 exceeds the limit of 1024 bytes", large.getMessage());
        FrameException huge =
                assertThrows(FrameException.class, () -> decodeOne(message("9".repeat(100), (byte) ' ', "")));
        assertEquals("length " + "9".repeat(20) + "... exceeds the limit of 1024 bytes", huge.getMessage());
    }

    @Test
    void partialMessageConsumesNothing() throws FrameException {
        ByteBuffer in = ByteBuffer.wrap(message("5", (byte) ' ', "hello"), 0, 130);
        assertNull(new Header128Decoder(1024).decode(in));
        assertEquals(0, in.position());
    }

    @Test
    void sameMessagesInEveryChunking() throws FrameException {
        ByteArrayOutputStream s = new ByteArrayOutputStream();
        s.writeBytes(message("5", (byte) ' ', "hello"));
        s.writeBytes(message("12", (byte) 0, "!DISCONNECT!"));
        s.writeBytes(message("0", (byte) ' ', ""));
        byte[] stream = s.toByteArray();
        List<String> expected = List.of("hello", "!DISCONNECT!", "");
        for (int at = 0; at <= stream.length; at++) {
            assertEquals(
                    expected,
                    Chunker.decode(
                            new Header128Decoder(1024),
                            stream,
                            Chunker.splitAt(stream.length, at),
                            true,
                            Chunker::text),
                    "split at " + at);
        }
        assertEquals(
                expected,
                Chunker.decode(
                        new Header128Decoder(1024), stream, Chunker.byteByByte(stream.length), true, Chunker::text));
        for (long seed = 0; seed < 100; seed++) {
            assertEquals(
                    expected,
                    Chunker.decode(
                            new Header128Decoder(1024),
                            stream,
                            Chunker.random(stream.length, seed),
                            true,
                            Chunker::text),
                    "seed " + seed);
        }
    }

    @Test
    void writtenHeaderIsDecimalPaddedWithSpaces() {
        ByteBuffer out = ByteBuffer.allocate(128);
        Header128.writeHeader(12, out);
        String header = new String(out.array(), StandardCharsets.US_ASCII);
        assertEquals("12" + " ".repeat(126), header);
    }
}
