package dev.switchboard.codec;

import java.nio.ByteBuffer;

/**
 * One frame5 message (seed 001): a command byte and its payload. The payload may be a view of
 * the decoder's input, valid only while the message is being handled.
 */
public record Frame5(int command, ByteBuffer payload) {
    public static final int HEADER_BYTES = 5;
    public static final int ECHO = 1;
    public static final int REVERSE = 2;
    public static final int QUIT = 3;
    public static final int ERROR = 0xFF;

    /** Writes the 5-byte header for a payload of {@code length} bytes. */
    public static void writeHeader(int command, int length, ByteBuffer out) {
        out.put((byte) command).putInt(length);
    }
}
