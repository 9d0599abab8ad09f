package dev.switchboard.codec.ws;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.codec.FrameException;
import dev.switchboard.kit.Chunker;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class WsEncoderTest {

    @Test
    void serverFramesAreFinalUnmaskedAndUseTheShortestLength() {
        assertArrayEquals(new byte[] {(byte) 0x81, 2, 'h', 'i'}, array(WsEncoder.frame(WsFrame.TEXT, "hi".getBytes())));
        for (int length : new int[] {0, 125, 126, 65535, 65536}) {
            ByteBuffer f = WsEncoder.frame(WsFrame.BINARY, new byte[length]);
            assertEquals(WsEncoder.headerBytes(length) + length, f.remaining());
            int expected = length < 126 ? 2 : length <= 65535 ? 4 : 10;
            assertEquals(expected, WsEncoder.headerBytes(length), "length " + length);
            assertEquals(0, f.get(1) & 0x80, "unmasked");
        }
        assertArrayEquals(
                new byte[] {(byte) 0x82, 126, 0, (byte) 200},
                Arrays.copyOf(array(WsEncoder.frame(WsFrame.BINARY, new byte[200])), 4));
    }

    @Test
    void aMaskedFrameFromTheEncoderDecodesToTheSamePayload() throws FrameException {
        byte[] payload = "fragmented £ message".getBytes(StandardCharsets.UTF_8);
        byte[] masked = payload.clone();
        WsEncoder.mask(masked, 0x01020304);
        ByteBuffer out = ByteBuffer.allocate(64);
        WsEncoder.writeHeader(out, true, WsFrame.TEXT, masked.length, 0x01020304);
        out.put(masked).flip();
        WsFrame f = new WsFrameDecoder(1000).decode(out);
        assertEquals("fragmented £ message", Chunker.text(f.payload()));
    }

    @Test
    void closeReasonIsCutToFitWithoutBreakingACodePoint() {
        byte[] p = WsEncoder.closePayload(1009, "é".repeat(100));
        assertTrue(p.length <= 125);
        assertEquals(1009, ByteBuffer.wrap(p).getShort() & 0xFFFF);
        String reason = new String(p, 2, p.length - 2, StandardCharsets.UTF_8);
        assertEquals("é".repeat((p.length - 2) / 2), reason);
    }

    private static byte[] array(ByteBuffer b) {
        byte[] out = new byte[b.remaining()];
        b.get(out);
        return out;
    }
}
