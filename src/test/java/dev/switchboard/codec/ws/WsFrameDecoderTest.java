package dev.switchboard.codec.ws;

import static dev.switchboard.codec.ws.WsFrames.utf8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.fail;

import dev.switchboard.codec.FrameException;
import dev.switchboard.kit.Chunker;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class WsFrameDecoderTest {
    private static final int LIMIT = 100_000;

    private static String show(WsFrame f) {
        String payload = f.messageType() == WsFrame.BINARY || f.opcode() == WsFrame.CLOSE
                ? Arrays.toString(bytes(f.payload()))
                : Chunker.text(f.payload());
        return f.opcode() + "/" + f.messageType() + (f.fin() ? " fin " : " ") + payload;
    }

    private static byte[] bytes(ByteBuffer b) {
        byte[] out = new byte[b.remaining()];
        b.duplicate().get(out);
        return out;
    }

    private static List<String> decode(byte[] s, int[] slices) throws FrameException {
        return Chunker.decode(new WsFrameDecoder(LIMIT), s, slices, false, WsFrameDecoderTest::show);
    }

    /** Every frame of {@code s} fed whole, byte by byte, split at each position and in random slices. */
    private static List<String> decodeEveryWay(byte[] s) throws FrameException {
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
    private static int closeCode(byte[] s) {
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
                Chunker.decode(d, s, slices, false, WsFrameDecoderTest::show);
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

    @Test
    void decodesEveryKindOfFrameAndUnmasksIt() throws FrameException {
        byte[] s = new WsFrames()
                .text("hello")
                .frame(true, WsFrame.BINARY, new byte[] {0, 1, -1})
                .frame(true, WsFrame.PING, utf8("p"))
                .frame(true, WsFrame.PONG, new byte[0])
                .text("")
                .close(1000, "bye")
                .bytes();
        assertEquals(
                List.of(
                        "1/1 fin hello",
                        "2/2 fin [0, 1, -1]",
                        "9/9 fin p",
                        "10/10 fin ",
                        "1/1 fin ",
                        "8/8 fin [3, -24, 98, 121, 101]"),
                decodeEveryWay(s));
    }

    @Test
    void fragmentsComeOneByOneWithControlFramesBetween() throws FrameException {
        byte[] s = new WsFrames()
                .frame(false, WsFrame.TEXT, utf8("frag"))
                .frame(true, WsFrame.PING, utf8("in between"))
                .frame(false, WsFrame.CONTINUATION, utf8("men"))
                .frame(true, WsFrame.PONG, utf8("too"))
                .frame(true, WsFrame.CONTINUATION, utf8("ted"))
                .frame(false, WsFrame.BINARY, new byte[] {7})
                .frame(true, WsFrame.CONTINUATION, new byte[] {8})
                .text("after")
                .bytes();
        assertEquals(
                List.of(
                        "1/1 frag",
                        "9/9 fin in between",
                        "0/1 men",
                        "10/10 fin too",
                        "0/1 fin ted",
                        "2/2 [7]",
                        "0/2 fin [8]",
                        "1/1 fin after"),
                decodeEveryWay(s));
    }

    @Test
    void everyLengthEncodingIsRead() throws FrameException {
        for (int length : new int[] {0, 125, 126, 127, 65535, 65536, LIMIT}) {
            byte[] payload = new byte[length];
            Arrays.fill(payload, (byte) 'a');
            ByteBuffer in =
                    ByteBuffer.wrap(new WsFrames().text(new String(payload)).bytes());
            WsFrame f = new WsFrameDecoder(LIMIT).decode(in);
            assertEquals(length, f.payload().remaining(), "length " + length);
            assertEquals(in.limit(), in.position());
        }
    }

    @Test
    void aFrameStillArrivingConsumesNothing() throws FrameException {
        byte[] s = new WsFrames().text("hello").bytes();
        WsFrameDecoder d = new WsFrameDecoder(LIMIT);
        for (int n = 0; n < s.length; n++) {
            ByteBuffer in = ByteBuffer.wrap(Arrays.copyOf(s, n));
            assertNull(d.decode(in));
            assertEquals(0, in.position());
        }
    }

    @Test
    void unmaskedClientFrameIsAProtocolError() {
        assertEquals(
                1002, closeCode(new WsFrames().raw(0x81, false, 2, utf8("hi")).bytes()));
    }

    @ParameterizedTest
    @ValueSource(ints = {0x40, 0x20, 0x10, 0x70})
    void reservedBitsAreAProtocolError(int bits) {
        assertEquals(
                1002,
                closeCode(new WsFrames().raw(0x81 | bits, true, 2, utf8("hi")).bytes()));
    }

    @ParameterizedTest
    @ValueSource(ints = {3, 4, 5, 6, 7, 0xB, 0xC, 0xD, 0xE, 0xF})
    void reservedOpcodesAreAProtocolError(int opcode) {
        assertEquals(
                1002,
                closeCode(
                        new WsFrames().raw(0x80 | opcode, true, 0, new byte[0]).bytes()));
    }

    @ParameterizedTest
    @ValueSource(ints = {WsFrame.PING, WsFrame.PONG, WsFrame.CLOSE})
    void fragmentedOrLongControlFramesAreProtocolErrors(int opcode) {
        assertEquals(
                1002, closeCode(new WsFrames().frame(false, opcode, utf8("x")).bytes()));
        assertEquals(
                1002,
                closeCode(new WsFrames().frame(true, opcode, new byte[126]).bytes()));
    }

    @Test
    void aControlFrameOf125BytesIsFine() throws FrameException {
        byte[] s = new WsFrames().frame(true, WsFrame.PING, new byte[125]).bytes();
        assertEquals(
                125,
                new WsFrameDecoder(LIMIT).decode(ByteBuffer.wrap(s)).payload().remaining());
    }

    @Test
    void orphanContinuationIsAProtocolError() {
        assertEquals(
                1002,
                closeCode(new WsFrames()
                        .frame(true, WsFrame.CONTINUATION, utf8("x"))
                        .bytes()));
        assertEquals(
                1002,
                closeCode(new WsFrames()
                        .text("done")
                        .frame(true, WsFrame.CONTINUATION, utf8("x"))
                        .bytes()));
    }

    @Test
    void aNewMessageInsideAFragmentedOneIsAProtocolError() {
        assertEquals(
                1002,
                closeCode(new WsFrames()
                        .frame(false, WsFrame.TEXT, utf8("a"))
                        .text("b")
                        .bytes()));
        assertEquals(
                1002,
                closeCode(new WsFrames()
                        .frame(false, WsFrame.TEXT, utf8("a"))
                        .frame(true, WsFrame.BINARY, new byte[1])
                        .bytes()));
    }

    @Test
    void lengthWithTheTopBitSetIsAProtocolError() {
        byte[] s = {(byte) 0x82, (byte) 0xFF, (byte) 0x80, 0, 0, 0, 0, 0, 0, 0, 1, 2, 3, 4};
        assertEquals(1002, closeCode(s));
    }

    @Test
    void utf8SplitInsideACodePointAcrossFragmentsIsValid() throws FrameException {
        byte[] euro = utf8("\u20ac\ud83d\ude00");
        WsFrames frames = new WsFrames();
        for (int i = 0; i < euro.length; i++) {
            frames.frame(i == euro.length - 1, i == 0 ? WsFrame.TEXT : WsFrame.CONTINUATION, new byte[] {euro[i]});
        }
        assertEquals(euro.length, decodeEveryWay(frames.bytes()).size());
    }

    @Test
    void invalidUtf8FailsAtOnceEvenBeforeTheFrameIsComplete() throws FrameException {
        byte[] payload = new byte[1000];
        Arrays.fill(payload, (byte) 'a');
        payload[10] = (byte) 0xC0;
        byte[] s = new WsFrames().frame(true, WsFrame.TEXT, payload).bytes();
        WsFrameDecoder d = new WsFrameDecoder(LIMIT);
        ByteBuffer in = ByteBuffer.wrap(s, 0, 4 + 4 + 10);
        assertNull(d.decode(in), "ten good bytes");
        in.limit(4 + 4 + 11);
        assertThrows(FrameException.class, () -> d.decode(in));
        assertEquals(1007, d.closeCode());
    }

    @Test
    void invalidUtf8InTheFirstFragmentFailsBeforeTheMessageEnds() {
        byte[] s = new WsFrames()
                .frame(false, WsFrame.TEXT, new byte[] {'a', (byte) 0xED, (byte) 0xA0, (byte) 0x80})
                .bytes();
        assertEquals(1007, closeCode(s));
    }

    @Test
    void aTextMessageEndingInsideACodePointIsInvalid() {
        assertEquals(
                1007,
                closeCode(new WsFrames()
                        .frame(true, WsFrame.TEXT, new byte[] {'a', (byte) 0xE2})
                        .bytes()));
        assertEquals(
                1007,
                closeCode(new WsFrames()
                        .frame(false, WsFrame.TEXT, new byte[] {(byte) 0xE2})
                        .frame(true, WsFrame.CONTINUATION, new byte[0])
                        .bytes()));
    }

    @Test
    void binaryMessagesAreNotCheckedAsText() throws FrameException {
        assertEquals(
                1,
                decodeEveryWay(new WsFrames()
                                .frame(true, WsFrame.BINARY, new byte[] {(byte) 0xFF})
                                .bytes())
                        .size());
    }

    @Test
    void aFrameOverTheLimitFailsOnItsHeaderAlone() throws FrameException {
        WsFrameDecoder d = new WsFrameDecoder(LIMIT);
        assertNull(
                d.decode(ByteBuffer.wrap(new WsFrames().text("x".repeat(LIMIT)).bytes(), 0, 20)));
        byte[] header = Arrays.copyOf(
                new WsFrames().raw(0x81, true, LIMIT + 1, new byte[0]).bytes(), 10);
        assertThrows(FrameException.class, () -> d.decode(ByteBuffer.wrap(header)));
        assertEquals(1009, d.closeCode());
    }

    @Test
    void fragmentsTogetherOverTheLimitAreTooBig() throws FrameException {
        byte[] half = new byte[LIMIT / 2];
        byte[] s = new WsFrames()
                .frame(false, WsFrame.BINARY, half)
                .frame(true, WsFrame.PING, new byte[100])
                .frame(false, WsFrame.CONTINUATION, half)
                .frame(true, WsFrame.CONTINUATION, new byte[1])
                .bytes();
        WsFrameDecoder d = new WsFrameDecoder(LIMIT);
        ByteBuffer in = ByteBuffer.wrap(s);
        d.decode(in);
        d.decode(in);
        d.decode(in);
        assertThrows(FrameException.class, () -> d.decode(in));
        assertEquals(1009, d.closeCode());
    }

    @ParameterizedTest
    @ValueSource(
            ints = {1000, 1001, 1002, 1003, 1007, 1008, 1009, 1010, 1011, 1012, 1013, 1014, 3000, 3999, 4000, 4999})
    void closeCodesAllowedOnTheWireAreAccepted(int code) throws FrameException {
        assertEquals(1, decodeEveryWay(new WsFrames().close(code, "ok").bytes()).size());
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 999, 1004, 1005, 1006, 1015, 1016, 1100, 2000, 2999, 5000, 65535})
    void closeCodesNotAllowedOnTheWireAreAProtocolError(int code) {
        assertEquals(1002, closeCode(new WsFrames().close(code, "").bytes()));
    }

    @Test
    void closePayloadsOfOneByteOrWithBadUtf8AreRejected() throws FrameException {
        assertEquals(
                1002,
                closeCode(new WsFrames()
                        .frame(true, WsFrame.CLOSE, new byte[] {3})
                        .bytes()));
        assertEquals(
                1007,
                closeCode(new WsFrames()
                        .frame(true, WsFrame.CLOSE, new byte[] {3, -24, (byte) 0xFF})
                        .bytes()));
        assertEquals(
                1,
                decodeEveryWay(new WsFrames()
                                .frame(true, WsFrame.CLOSE, new byte[0])
                                .bytes())
                        .size());
    }

    @Test
    void framesAfterAnErrorAreNotLookedAt() {
        byte[] s = new WsFrames().raw(0x81, false, 1, utf8("x")).text("fine").bytes();
        assertEquals(1002, closeCode(s));
    }
}
