package dev.switchboard.codec;

import java.nio.ByteBuffer;

/** What the echo decoder found: bytes to send back as they are, or the {@code exit} command. */
public sealed interface EchoMessage {

    /** Bytes to echo unchanged: a view of the decoder's input, reused by the decoder. */
    final class Echo implements EchoMessage {
        private ByteBuffer bytes;

        public Echo(ByteBuffer bytes) {
            this.bytes = bytes;
        }

        Echo set(ByteBuffer bytes) {
            this.bytes = bytes;
            return this;
        }

        public ByteBuffer bytes() {
            return bytes;
        }
    }

    /** A whole {@code exit} message; {@code lineEnding} is "\n", "\r\n" or "" as the client sent. */
    record Exit(String lineEnding) implements EchoMessage {}
}
