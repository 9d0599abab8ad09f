package dev.switchboard.codec.ws;

import static dev.switchboard.codec.ws.WsDecoding.LIMIT;
import static dev.switchboard.codec.ws.WsDecoding.closeCode;
import static dev.switchboard.codec.ws.WsDecoding.decodeEveryWay;
import static dev.switchboard.codec.ws.WsFrames.utf8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.switchboard.codec.FrameException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** RFC 6455 frames: UTF-8 in text messages, the size limit, and close codes and payloads. */
class WsFrameTextAndCloseTest {
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
