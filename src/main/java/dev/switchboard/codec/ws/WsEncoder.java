package dev.switchboard.codec.ws;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Writes WebSocket frames: the outbound twin of {@link WsFrameDecoder}. A server sends its
 * frames whole and unmasked (RFC 6455 5.1); {@link #writeHeader(ByteBuffer, boolean, int, int, int)}
 * also masks, for clients (the tests') that must.
 *
 * <pre>
 * +------+--------------------+---------------------+----------+
 * | FIN, | length 0-125, or   | u16 or u64 length,  | payload  |
 * | op   | 126 / 127          | big-endian          |          |
 * +------+--------------------+---------------------+----------+
 * </pre>
 */
public final class WsEncoder {
    /** The largest header a server writes: 2 bytes, then a 64-bit length. */
    public static final int MAX_HEADER_BYTES = 10;

    /** The server's framing as an {@link dev.switchboard.codec.Encoder}: one final, unmasked frame; the type is the opcode. */
    public static final dev.switchboard.codec.Encoder SERVER = dev.switchboard.codec.Encoder.headerThenPayload(
            MAX_HEADER_BYTES, (type, length, out) -> writeHeader(out, type, length));

    private WsEncoder() {}

    /** The header's size for a payload of {@code length} bytes, unmasked. */
    public static int headerBytes(int length) {
        return length < 126 ? 2 : length <= 0xFFFF ? 4 : 10;
    }

    /** A final, unmasked header for {@code length} payload bytes. */
    public static void writeHeader(ByteBuffer dst, int opcode, int length) {
        dst.put((byte) (0x80 | opcode));
        if (length < 126) {
            dst.put((byte) length);
        } else if (length <= 0xFFFF) {
            dst.put((byte) 126).putShort((short) length);
        } else {
            dst.put((byte) 127).putLong(length);
        }
    }

    /**
     * A header with a chosen FIN bit and, when {@code mask} is not 0, that masking key (the
     * caller then masks the payload with {@link #mask}).
     */
    public static void writeHeader(ByteBuffer dst, boolean fin, int opcode, int length, int mask) {
        int start = dst.position();
        writeHeader(dst, opcode, length);
        if (!fin) {
            dst.put(start, (byte) (dst.get(start) & 0x7F));
        }
        if (mask != 0) {
            dst.put(start + 1, (byte) (dst.get(start + 1) | 0x80));
            dst.putInt(mask);
        }
    }

    /** XORs {@code payload} in place with {@code mask}, as a client must. */
    public static void mask(byte[] payload, int mask) {
        for (int i = 0; i < payload.length; i++) {
            payload[i] ^= (byte) (mask >>> (8 * (3 - (i & 3))));
        }
    }

    /** A whole unmasked frame. */
    public static ByteBuffer frame(int opcode, byte[] payload) {
        ByteBuffer out = ByteBuffer.allocate(headerBytes(payload.length) + payload.length);
        writeHeader(out, opcode, payload.length);
        return out.put(payload).flip();
    }

    /** A close frame's payload: the code, then a UTF-8 reason cut to fit in 125 bytes. */
    public static byte[] closePayload(int code, String reason) {
        byte[] text = reason.getBytes(StandardCharsets.UTF_8);
        int length = Math.min(text.length, 123);
        // Never cut a code point in two: back up to the start of one.
        while (length < text.length && length > 0 && (text[length] & 0xC0) == 0x80) {
            length--;
        }
        ByteBuffer out = ByteBuffer.allocate(2 + length).putShort((short) code).put(text, 0, length);
        return out.array();
    }
}
