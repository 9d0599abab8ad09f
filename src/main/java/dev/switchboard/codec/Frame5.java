package dev.switchboard.codec;

import java.nio.ByteBuffer;

/**
 * One frame5 message (seed 001): a command byte and its payload. The decoder reuses one
 * instance; like the payload view, it is valid only while the message is being handled.
 */
public final class Frame5 {
    public static final int HEADER_BYTES = 5;
    public static final int ECHO = 1;
    public static final int REVERSE = 2;
    public static final int QUIT = 3;
    public static final int ERROR = 0xFF;

    private int command;
    private ByteBuffer payload;

    public Frame5(int command, ByteBuffer payload) {
        this.command = command;
        this.payload = payload;
    }

    Frame5 set(int command, ByteBuffer payload) {
        this.command = command;
        this.payload = payload;
        return this;
    }

    public int command() {
        return command;
    }

    public ByteBuffer payload() {
        return payload;
    }

    /** Frames one message: the 5-byte header (the type is the command), then the payload. */
    public static final Encoder ENCODER = Encoder.headerThenPayload(HEADER_BYTES, Frame5::writeHeader);

    /** Writes the 5-byte header for a payload of {@code length} bytes. */
    public static void writeHeader(int command, int length, ByteBuffer out) {
        out.put((byte) command).putInt(length);
    }
}
