package dev.switchboard.codec;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * The outbound twin of {@link FrameDecoder} (Netty's {@code MessageToByteEncoder}): frames one
 * message for the wire. A protocol's descriptor names its encoder; the client's dialect, the
 * service's replies and the test kit all frame through it, so each framing is written once.
 */
public interface Encoder {

    /** Lines (command, chat): the payload, then LF. */
    Encoder LINES = new Encoder() {
        @Override
        public int overheadBytes() {
            return 1;
        }

        @Override
        public void encode(int type, ByteBuffer payload, ByteBuffer out) {
            out.put(payload).put((byte) '\n');
        }
    };

    /** A byte stream (echo): the payload as it is. */
    Encoder BYTES = new Encoder() {
        @Override
        public int overheadBytes() {
            return 0;
        }

        @Override
        public void encode(int type, ByteBuffer payload, ByteBuffer out) {
            out.put(payload);
        }
    };

    /** Writes the header for a payload of {@code length} bytes of kind {@code type}. */
    @FunctionalInterface
    interface Header {
        void write(int type, int length, ByteBuffer out);
    }

    /** A length-prefixed framing: a header of at most {@code maxHeaderBytes}, then the payload. */
    static Encoder headerThenPayload(int maxHeaderBytes, Header header) {
        return new Encoder() {
            @Override
            public int overheadBytes() {
                return maxHeaderBytes;
            }

            @Override
            public void encode(int type, ByteBuffer payload, ByteBuffer out) {
                header.write(type, payload.remaining(), out);
                out.put(payload);
            }
        };
    }

    /** The most bytes the framing adds to a payload (header and trailer together). */
    int overheadBytes();

    /**
     * Writes {@code payload}'s remaining bytes (consuming them) framed as one message.
     * {@code type} is the message's kind where the framing has one (frame5's command byte, a
     * WebSocket opcode); framings without one ignore it.
     */
    void encode(int type, ByteBuffer payload, ByteBuffer out);

    /** One framed message as a new array (for clients and tests; services reuse buffers). */
    default byte[] encode(int type, byte[] payload) {
        ByteBuffer out = ByteBuffer.allocate(overheadBytes() + payload.length);
        encode(type, ByteBuffer.wrap(payload), out);
        return Arrays.copyOf(out.array(), out.position());
    }
}
