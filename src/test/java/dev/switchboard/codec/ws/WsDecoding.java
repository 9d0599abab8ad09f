package dev.switchboard.codec.ws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import dev.switchboard.codec.FrameException;
import dev.switchboard.kit.Chunker;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Decoding helpers of the WebSocket frame tests: every way of splitting the same bytes. */
final class WsDecoding {
    static final int LIMIT = 100_000;

    static String show(WsFrame f) {
        String payload = f.messageType() == WsFrame.BINARY || f.opcode() == WsFrame.CLOSE
                ? Arrays.toString(bytes(f.payload()))
                : Chunker.text(f.payload());
        return f.opcode() + "/" + f.messageType() + (f.fin() ? " fin " : " ") + payload;
    }

    static byte[] bytes(ByteBuffer b) {
        byte[] out = new byte[b.remaining()];
        b.duplicate().get(out);
        return out;
    }

    static List<String> decode(byte[] s, int[] slices) throws FrameException {
        return Chunker.decode(new WsFrameDecoder(LIMIT), s, slices, false, WsDecoding::show);
    }

    /** Every frame of {@code s} fed whole, byte by byte, split at each position and in random slices. */
    static List<String> decodeEveryWay(byte[] s) throws FrameException {
        List<String> whole = decode(s, Chunker.whole(s.length));
        assertEquals(whole, decode(s, Chunker.byteByByte(s.length)));
        for (int at = 0; at <= s.length; at++) {
            assertEquals(whole, decode(s, Chunker.splitAt(s.length, at)), "split at " + at);
        }
        for (long seed = 0; seed < 100; seed++) {
            assertEquals(whole, decode(s, Chunker.random(s.length, seed)), "seed " + seed);
        }
        return whole;
    }

    /** The close code for {@code s}, the same whichever way it is split; fails if it decodes cleanly. */
    static int closeCode(byte[] s) {
        int code = -1;
        List<int[]> chunkings = new ArrayList<>();
        chunkings.add(Chunker.whole(s.length));
        chunkings.add(Chunker.byteByByte(s.length));
        for (int at = 0; at <= s.length; at++) {
            chunkings.add(Chunker.splitAt(s.length, at));
        }
        for (int[] slices : chunkings) {
            WsFrameDecoder d = new WsFrameDecoder(LIMIT);
            try {
                Chunker.decode(d, s, slices, false, WsDecoding::show);
                fail("decoded without an error: " + Arrays.toString(slices));
            } catch (FrameException e) {
                if (code != -1 && code != d.closeCode()) {
                    fail("close code " + d.closeCode() + " for " + Arrays.toString(slices) + ", " + code + " before");
                }
                code = d.closeCode();
            }
        }
        return code;
    }

    private WsDecoding() {}
}
