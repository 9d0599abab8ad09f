package dev.switchboard.codec;

import java.nio.ByteBuffer;

/** What the echo decoder found: bytes to send back as they are, or the {@code exit} command. */
public sealed interface EchoMessage {

    /** Bytes to echo unchanged; a view of the decoder's input. */
    record Echo(ByteBuffer bytes) implements EchoMessage {
    }

    /** A whole {@code exit} message; {@code lineEnding} is "\n", "\r\n" or "" as the client sent. */
    record Exit(String lineEnding) implements EchoMessage {
    }
}
