package dev.switchboard.codec.ws;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.switchboard.codec.FrameDecoder;
import dev.switchboard.codec.FrameException;
import dev.switchboard.codec.Utf8;
import dev.switchboard.codec.http.HttpRequestDecoder;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;

/**
 * Jazzer targets for the web codecs, fed as the reactor feeds them (fuzzer-chosen slices). A
 * FrameException is a clean answer. A finding: any other exception, a decoder that moves the
 * position when it returns null, or (WebSocket) a message over the limit, a text message that
 * is not valid UTF-8 although the decoder passed all of it, a control frame over 125 bytes.
 * Regression inputs: src/test/resources/dev/switchboard/codec/ws/WsFuzzTestInputs/.
 */
class WsFuzzTest {
    private static final int LIMIT = 1024;

    @FuzzTest(maxDuration = "30s")
    void websocket(FuzzedDataProvider data) {
        WsFrameDecoder decoder = new WsFrameDecoder(LIMIT);
        ByteArrayOutputStream message = new ByteArrayOutputStream();
        feed(decoder, data, f -> {
            if (f.isControl()) {
                if (f.payload().remaining() > 125 || !f.fin()) {
                    throw new AssertionError("control frame of " + f.payload().remaining() + " bytes, fin " + f.fin());
                }
                return;
            }
            byte[] payload = new byte[f.payload().remaining()];
            f.payload().duplicate().get(payload);
            message.writeBytes(payload);
            if (message.size() > LIMIT) {
                throw new AssertionError("message of " + message.size() + " bytes passed the limit");
            }
            if (f.fin()) {
                if (f.messageType() == WsFrame.TEXT && !Utf8.isValid(ByteBuffer.wrap(message.toByteArray()))) {
                    throw new AssertionError("invalid UTF-8 passed as a text message");
                }
                message.reset();
            }
        });
    }

    @FuzzTest(maxDuration = "30s")
    void httpHead(FuzzedDataProvider data) {
        feed(new HttpRequestDecoder(LIMIT), data, r -> {
            if (r.method().isEmpty() || r.target().isEmpty()) {
                throw new AssertionError("empty method or target");
            }
        });
    }

    private interface Check<F> {
        void accept(F message);
    }

    private static <F> void feed(FrameDecoder<F> decoder, FuzzedDataProvider data, Check<F> check) {
        ByteBuffer buffer = ByteBuffer.allocate(64 * 1024);
        buffer.flip();
        try {
            while (data.remainingBytes() > 0) {
                byte[] slice = data.consumeBytes(data.consumeInt(1, 600));
                buffer.compact();
                if (buffer.remaining() < slice.length) {
                    return;
                }
                buffer.put(slice).flip();
                while (true) {
                    int before = buffer.position();
                    F message = decoder.decode(buffer);
                    if (message == null) {
                        if (buffer.position() != before) {
                            throw new AssertionError("returned null but moved the position");
                        }
                        break;
                    }
                    if (buffer.position() <= before) {
                        throw new AssertionError("a message was returned without consuming bytes");
                    }
                    check.accept(message);
                }
            }
        } catch (FrameException clean) {
            // Bad input answered with a protocol error: as it should be.
        }
    }
}
