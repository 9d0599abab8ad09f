package dev.switchboard.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.kit.Chunker;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class Frame5DecoderTest {

    private static byte[] frame(int command, String payload) {
        byte[] p = payload.getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(5 + p.length)
                .put((byte) command)
                .putInt(p.length)
                .put(p)
                .array();
    }

    private static byte[] stream() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(frame(1, "hello"));
        out.writeBytes(frame(2, "héllo wörld"));
        out.writeBytes(frame(3, ""));
        out.writeBytes(frame(200, "x"));
        return out.toByteArray();
    }

    private static final List<String> FRAMES = List.of("1:hello", "2:héllo wörld", "3:", "200:x");

    private static List<String> decode(byte[] s, int[] slices) throws FrameException {
        return Chunker.decode(
                new Frame5Decoder(1024), s, slices, true, f -> f.command() + ":" + Chunker.text(f.payload()));
    }

    @Test
    void decodesCommandAndPayload() throws FrameException {
        byte[] s = stream();
        assertEquals(FRAMES, decode(s, Chunker.whole(s.length)));
    }

    @Test
    void sameFramesInEveryChunking() throws FrameException {
        byte[] s = stream();
        assertEquals(FRAMES, decode(s, Chunker.byteByByte(s.length)));
        for (int at = 0; at <= s.length; at++) {
            assertEquals(FRAMES, decode(s, Chunker.splitAt(s.length, at)), "split at " + at);
        }
        for (long seed = 0; seed < 200; seed++) {
            assertEquals(FRAMES, decode(s, Chunker.random(s.length, seed)), "seed " + seed);
        }
    }

    @Test
    void partialFrameConsumesNothing() throws FrameException {
        Frame5Decoder d = new Frame5Decoder(1024);
        ByteBuffer in = ByteBuffer.wrap(frame(1, "hello"), 0, 7);
        assertNull(d.decode(in));
        assertEquals(0, in.position());
    }

    @Test
    void lengthAtTheLimitIsAccepted() throws FrameException {
        byte[] payload = new byte[1024];
        ByteBuffer in = ByteBuffer.allocate(5 + 1024)
                .put((byte) 1)
                .putInt(1024)
                .put(payload)
                .flip();
        assertEquals(1024, new Frame5Decoder(1024).decode(in).payload().remaining());
    }

    @Test
    void lengthsOf2To31AndMoreAreRejectedFromTheHeaderAlone() {
        for (long length : new long[] {1025, 1L << 31, (1L << 32) - 1}) {
            // Only the 5 header bytes are there: the decoder must not wait for (or allocate) more.
            ByteBuffer in =
                    ByteBuffer.allocate(5).put((byte) 1).putInt((int) length).flip();
            FrameException e = assertThrows(FrameException.class, () -> new Frame5Decoder(1024).decode(in));
            assertEquals("payload length " + length + " exceeds the limit of 1024 bytes", e.getMessage());
            assertTrue(length > 0);
        }
    }
}
