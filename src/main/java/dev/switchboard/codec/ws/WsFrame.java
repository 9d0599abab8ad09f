package dev.switchboard.codec.ws;

import java.nio.ByteBuffer;

/**
 * One WebSocket frame as {@link WsFrameDecoder} passed it: checked, unmasked, its payload a
 * view of the input that is valid only until the input next changes. Reused by the decoder of
 * a service, as the loop handles one frame at a time.
 */
public final class WsFrame {
    public static final int CONTINUATION = 0x0;
    public static final int TEXT = 0x1;
    public static final int BINARY = 0x2;
    public static final int CLOSE = 0x8;
    public static final int PING = 0x9;
    public static final int PONG = 0xA;

    private boolean fin;
    private int opcode;
    private int messageType;
    private ByteBuffer payload;

    WsFrame set(boolean fin, int opcode, int messageType, ByteBuffer payload) {
        this.fin = fin;
        this.opcode = opcode;
        this.messageType = messageType;
        this.payload = payload;
        return this;
    }

    /** True on the last frame of a message (always, for control frames). */
    public boolean fin() {
        return fin;
    }

    public int opcode() {
        return opcode;
    }

    /** {@link #TEXT} or {@link #BINARY} for data frames, continuations included; else the opcode. */
    public int messageType() {
        return messageType;
    }

    public ByteBuffer payload() {
        return payload;
    }

    public boolean isControl() {
        return opcode >= CLOSE;
    }

    @Override
    public String toString() {
        return "opcode " + opcode + (fin ? " fin " : " ") + payload.remaining() + " bytes";
    }
}
