package dev.switchboard.codec.ws;

import static dev.switchboard.codec.ws.WsDecoding.LIMIT;
import static dev.switchboard.codec.ws.WsDecoding.closeCode;
import static dev.switchboard.codec.ws.WsDecoding.decodeEveryWay;
import static dev.switchboard.codec.ws.WsFrames.utf8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.switchboard.codec.FrameException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** RFC 6455 frames: kinds, fragments, lengths and the protocol errors of the header. */
class WsFrameDecoderTest {
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
}
