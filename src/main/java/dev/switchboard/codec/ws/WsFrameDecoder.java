package dev.switchboard.codec.ws;

import dev.switchboard.codec.FrameDecoder;
import dev.switchboard.codec.FrameException;
import dev.switchboard.codec.Views;
import java.nio.ByteBuffer;

/**
 * RFC 6455 frames from a client, checked against every rule a server must enforce, and
 * unmasked in place. permessage-deflate is never offered, so no extension exists here.
 *
 * <pre>
 *  0               1               2               3
 * +-+-+-+-+-------+-+-------------+-------------------------------+
 * |F|R|R|R| opcode|M| length      | extended length (16 or 64)    |
 * |I|S|S|S|  (4)  |A|    (7)      | when length is 126 or 127     |
 * |N|V|V|V|       |S|             |                               |
 * | |1|2|3|       |K|             |                               |
 * +-+-+-+-+-------+-+-------------+-------------------------------+
 * | masking key (4 bytes, always from a client)  | payload ...    |
 * +----------------------------------------------+----------------+
 * </pre>
 *
 * Every frame is returned, fragments one by one (control frames may come between them); the
 * decoder keeps the state of the message they belong to, so what it returns is always legal:
 * a continuation only inside a message, a new message only after the last one ended, a
 * message's fragments together within the limit (checked at each header, before any payload
 * is buffered), a text message's bytes valid UTF-8 as far as they have arrived (checked while
 * a frame is still arriving, so bad bytes fail fast), close frames with a code that may be on
 * the wire and a UTF-8 reason.
 *
 * <p>A {@link FrameException} ends the connection; {@link #closeCode()} then says which
 * close code answers it: 1002 for a protocol violation, 1007 for invalid UTF-8, 1009 for a
 * message over the limit.
 */
public final class WsFrameDecoder implements FrameDecoder<WsFrame> {
    private final long maxMessageBytes;
    private final WsFrame frame;
    private final Views views;

    /** The data message in progress: its type (0 when none), bytes so far, UTF-8 state. */
    private int messageType;

    private long messageBytes;
    private int messageUtf8;
    /** For the frame at the position, still arriving: payload bytes already checked, and the state after them. */
    private int checkedBytes;

    private int checkedUtf8;
    private int closeCode = WsClose.PROTOCOL_ERROR;

    public WsFrameDecoder(int maxMessageBytes) {
        this(maxMessageBytes, new WsFrame(), new Views());
    }

    /** With a frame and views shared by every decoder of one service (nothing allocated per frame). */
    public WsFrameDecoder(int maxMessageBytes, WsFrame reused, Views views) {
        this.maxMessageBytes = maxMessageBytes;
        this.frame = reused;
        this.views = views;
    }

    /** The close code that answers the last {@link FrameException}. */
    public int closeCode() {
        return closeCode;
    }

    @Override
    public WsFrame decode(ByteBuffer in) throws FrameException {
        int start = in.position();
        int available = in.remaining();
        if (available < 2) {
            return null;
        }
        int b0 = in.get(start) & 0xFF;
        int b1 = in.get(start + 1) & 0xFF;
        boolean fin = (b0 & 0x80) != 0;
        int opcode = b0 & 0x0F;
        if ((b0 & 0x70) != 0) {
            throw fail(WsClose.PROTOCOL_ERROR, "reserved bits set, but no extension was agreed");
        }
        if ((opcode > WsFrame.BINARY && opcode < WsFrame.CLOSE) || opcode > WsFrame.PONG) {
            throw fail(WsClose.PROTOCOL_ERROR, "reserved opcode " + opcode);
        }
        if ((b1 & 0x80) == 0) {
            throw fail(WsClose.PROTOCOL_ERROR, "client frame not masked");
        }
        int length7 = b1 & 0x7F;
        boolean control = opcode >= WsFrame.CLOSE;
        if (control && !fin) {
            throw fail(WsClose.PROTOCOL_ERROR, "fragmented control frame");
        }
        if (control && length7 > 125) {
            throw fail(WsClose.PROTOCOL_ERROR, "control frame over 125 bytes");
        }
        if (opcode == WsFrame.CONTINUATION && messageType == 0) {
            throw fail(WsClose.PROTOCOL_ERROR, "continuation frame without a message to continue");
        }
        if ((opcode == WsFrame.TEXT || opcode == WsFrame.BINARY) && messageType != 0) {
            throw fail(WsClose.PROTOCOL_ERROR, "new message before the fragmented one ended");
        }
        int lengthBytes = length7 == 126 ? 2 : length7 == 127 ? 8 : 0;
        if (available < 2 + lengthBytes) {
            return null;
        }
        long length =
                lengthBytes == 0 ? length7 : lengthBytes == 2 ? in.getShort(start + 2) & 0xFFFF : in.getLong(start + 2);
        if (length < 0) {
            throw fail(WsClose.PROTOCOL_ERROR, "64-bit payload length with the top bit set");
        }
        long soFar = opcode == WsFrame.CONTINUATION ? messageBytes : 0;
        if (!control && soFar + length > maxMessageBytes) {
            throw fail(
                    WsClose.MESSAGE_TOO_BIG,
                    "message of " + (soFar + length) + " bytes or more, over the limit of " + maxMessageBytes);
        }
        int payloadStart = start + 2 + lengthBytes + 4;
        if (available < payloadStart - start) {
            return null;
        }
        int type = opcode == WsFrame.CONTINUATION ? messageType : opcode;
        int end = payloadStart + (int) length;
        int here = Math.min(end, in.limit());
        if (type == WsFrame.TEXT) {
            checkText(in, payloadStart, here, opcode == WsFrame.CONTINUATION ? messageUtf8 : Utf8Stream.ACCEPT);
        }
        if (here < end) {
            return null;
        }
        unmask(in, payloadStart - 4, payloadStart, end);
        if (type == WsFrame.TEXT && fin && checkedUtf8 != Utf8Stream.ACCEPT) {
            throw fail(WsClose.INVALID_DATA, "text message ends inside a UTF-8 sequence");
        }
        if (opcode == WsFrame.CLOSE) {
            checkClose(in, payloadStart, end);
        }
        if (!control) {
            if (fin) {
                messageType = 0;
                messageBytes = 0;
                messageUtf8 = Utf8Stream.ACCEPT;
            } else {
                messageType = type;
                messageBytes = soFar + length;
                messageUtf8 = checkedUtf8;
            }
        }
        checkedBytes = 0;
        checkedUtf8 = Utf8Stream.ACCEPT;
        in.position(end);
        return frame.set(fin, opcode, type, views.of(in, payloadStart, end));
    }

    /** Checks the (still masked) text bytes in [payloadStart, here) not checked before. */
    private void checkText(ByteBuffer in, int payloadStart, int here, int initial) throws FrameException {
        int state = checkedBytes == 0 ? initial : checkedUtf8;
        int maskAt = payloadStart - 4;
        for (int i = payloadStart + checkedBytes; i < here; i++) {
            int b = (in.get(i) ^ in.get(maskAt + ((i - payloadStart) & 3))) & 0xFF;
            state = Utf8Stream.step(state, b);
            if (state == Utf8Stream.REJECT) {
                throw fail(WsClose.INVALID_DATA, "invalid UTF-8 in a text message");
            }
        }
        checkedBytes = here - payloadStart;
        checkedUtf8 = state;
    }

    private void checkClose(ByteBuffer in, int from, int to) throws FrameException {
        int length = to - from;
        if (length == 1) {
            throw fail(WsClose.PROTOCOL_ERROR, "close frame with a one-byte payload");
        }
        if (length >= 2) {
            int code = in.getShort(from) & 0xFFFF;
            if (!WsClose.isValidOnWire(code)) {
                throw fail(WsClose.PROTOCOL_ERROR, "close code " + code + " is not allowed on the wire");
            }
            int state = Utf8Stream.ACCEPT;
            for (int i = from + 2; i < to && state != Utf8Stream.REJECT; i++) {
                state = Utf8Stream.step(state, in.get(i) & 0xFF);
            }
            if (state != Utf8Stream.ACCEPT) {
                throw fail(WsClose.INVALID_DATA, "close reason is not valid UTF-8");
            }
        }
    }

    private static void unmask(ByteBuffer in, int maskAt, int from, int to) {
        int mask = in.getInt(maskAt);
        if (mask == 0) {
            return;
        }
        int i = from;
        // Four bytes at a time: the payload of a chat line is short, but a limit-sized one is not.
        for (; i + 4 <= to; i += 4) {
            in.putInt(i, in.getInt(i) ^ mask);
        }
        for (; i < to; i++) {
            in.put(i, (byte) (in.get(i) ^ in.get(maskAt + ((i - from) & 3))));
        }
    }

    private FrameException fail(int code, String message) {
        closeCode = code;
        checkedBytes = 0;
        return new FrameException(message);
    }
}
