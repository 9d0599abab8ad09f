package dev.switchboard.codec;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.ByteBuffer;

/**
 * Jazzer fuzz targets, one per codec: fuzzer-chosen bytes in fuzzer-chosen slices, fed as the
 * reactor feeds them. A FrameException is a clean answer; any other exception, a message past
 * the limit, or a decoder that moves the position backwards or past the limit is a finding.
 *
 * <p>The test command runs these in regression mode over the inputs kept in
 * src/test/resources/dev/switchboard/codec/CodecFuzzTestInputs/; {@code tools/fuzz} fuzzes.
 */
class CodecFuzzTest {
    private static final int LIMIT = 1024;

    @FuzzTest(maxDuration = "30s")
    void frame5(FuzzedDataProvider data) {
        run(new Frame5Decoder(LIMIT), data, f -> f.payload().remaining());
    }

    @FuzzTest(maxDuration = "30s")
    void header128(FuzzedDataProvider data) {
        run(new Header128Decoder(LIMIT), data, ByteBuffer::remaining);
    }

    @FuzzTest(maxDuration = "30s")
    void lines(FuzzedDataProvider data) {
        run(new LineDecoder(LIMIT, data.consumeBoolean(), data.consumeBoolean()), data, ByteBuffer::remaining);
    }

    @FuzzTest(maxDuration = "30s")
    void echo(FuzzedDataProvider data) {
        run(
                new EchoDecoder(LIMIT),
                data,
                m -> m instanceof EchoMessage.Echo e ? e.bytes().remaining() : 0);
    }

    @FuzzTest(maxDuration = "30s")
    void reverse(FuzzedDataProvider data) {
        ByteBuffer src = ByteBuffer.wrap(data.consumeRemainingAsBytes());
        if (Utf8.isValid(src)) {
            ByteBuffer once = ByteBuffer.allocate(src.remaining());
            Utf8.reverseCodePoints(src, once);
            once.flip();
            if (!Utf8.isValid(once)) {
                throw new AssertionError("reversing valid UTF-8 made it invalid");
            }
            ByteBuffer twice = ByteBuffer.allocate(once.remaining());
            Utf8.reverseCodePoints(once, twice);
            if (!twice.flip().equals(src)) {
                throw new AssertionError("reversing twice is not the identity");
            }
        }
    }

    private static <F> void run(
            FrameDecoder<F> decoder, FuzzedDataProvider data, java.util.function.ToIntFunction<F> size) {
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
                boolean pause = data.consumeBoolean();
                while (true) {
                    int before = buffer.position();
                    F message = decoder.decode(buffer);
                    if (message == null) {
                        if (buffer.position() != before) {
                            throw new AssertionError("returned null but moved the position");
                        }
                        break;
                    }
                    check(size.applyAsInt(message), buffer, before);
                }
                if (pause) {
                    int before = buffer.position();
                    F last = decoder.drained(buffer, false);
                    if (last != null) {
                        check(size.applyAsInt(last), buffer, before);
                    }
                }
            }
        } catch (FrameException clean) {
            // Bad input answered with a protocol error: as it should be.
        }
    }

    private static void check(int messageBytes, ByteBuffer buffer, int before) {
        if (messageBytes > LIMIT) {
            throw new AssertionError("a message of " + messageBytes + " bytes passed the limit of " + LIMIT);
        }
        if (buffer.position() <= before || buffer.position() > buffer.limit()) {
            throw new AssertionError("a message was returned without consuming bytes, or past the end");
        }
    }
}
