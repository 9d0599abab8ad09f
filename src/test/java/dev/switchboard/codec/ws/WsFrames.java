package dev.switchboard.codec.ws;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/** Client frames for tests, built by hand (not by the encoder under test) and always masked unless asked. */
final class WsFrames {
    static final int MASK = 0x37FA213D;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    WsFrames frame(boolean fin, int opcode, byte[] payload) {
        return raw((fin ? 0x80 : 0) | opcode, true, payload.length, payload);
    }

    WsFrames text(String s) {
        return frame(true, WsFrame.TEXT, utf8(s));
    }

    WsFrames close(int code, String reason) {
        byte[] r = utf8(reason);
        return frame(
                true,
                WsFrame.CLOSE,
                ByteBuffer.allocate(2 + r.length).putShort((short) code).put(r).array());
    }

    /** Any first byte, mask bit and length field; {@code length} decides the length encoding. */
    WsFrames raw(int firstByte, boolean masked, long length, byte[] payload) {
        out.write(firstByte);
        int maskBit = masked ? 0x80 : 0;
        if (length < 126) {
            out.write(maskBit | (int) length);
        } else if (length <= 0xFFFF) {
            out.write(maskBit | 126);
            out.write((int) (length >> 8));
            out.write((int) length);
        } else {
            out.write(maskBit | 127);
            for (int shift = 56; shift >= 0; shift -= 8) {
                out.write((int) (length >>> shift));
            }
        }
        if (masked) {
            for (int shift = 24; shift >= 0; shift -= 8) {
                out.write(MASK >>> shift);
            }
        }
        for (int i = 0; i < payload.length; i++) {
            int key = masked ? (MASK >>> (8 * (3 - (i & 3)))) & 0xFF : 0;
            out.write((payload[i] ^ key) & 0xFF);
        }
        return this;
    }

    byte[] bytes() {
        return out.toByteArray();
    }
}
