package dev.switchboard.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.kit.Chunker;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;

/**
 * Issue 4's property tests: any valid message sequence decodes to the same messages in any
 * chunking; any byte sequence decodes or fails with a FrameException, never anything else,
 * and no message is ever larger than the limit.
 */
class CodecPropertiesTest {
    private static final int LIMIT = 512;

    record F5(int command, byte[] payload) {}

    @Provide
    Arbitrary<List<F5>> frames() {
        Arbitrary<F5> one = Arbitraries.integers()
                .between(0, 255)
                .flatMap(c ->
                        Arbitraries.bytes().array(byte[].class).ofMaxSize(LIMIT).map(p -> new F5(c, p)));
        return one.list().ofMaxSize(12);
    }

    @Provide
    Arbitrary<List<Integer>> cuts() {
        return Arbitraries.integers().between(0, 10_000).list().ofMaxSize(20);
    }

    @Property(tries = 300)
    void frame5DecodesTheSameFramesInAnyChunking(@ForAll("frames") List<F5> frames, @ForAll("cuts") List<Integer> cuts)
            throws FrameException {
        ByteArrayOutputStream stream = new ByteArrayOutputStream();
        List<String> expected = new ArrayList<>();
        for (F5 f : frames) {
            stream.writeBytes(ByteBuffer.allocate(5)
                    .put((byte) f.command())
                    .putInt(f.payload().length)
                    .array());
            stream.writeBytes(f.payload());
            expected.add(f.command() + ":" + Arrays.toString(f.payload()));
        }
        byte[] bytes = stream.toByteArray();
        assertEquals(
                expected,
                Chunker.decode(
                        new Frame5Decoder(LIMIT),
                        bytes,
                        slices(bytes.length, cuts),
                        true,
                        f -> f.command() + ":" + Arrays.toString(bytes(f.payload()))));
    }

    @Property(tries = 300)
    void header128DecodesTheSamePayloadsInAnyChunking(
            @ForAll @Size(max = 10) List<@Size(max = LIMIT) byte[]> payloads,
            @ForAll("cuts") List<Integer> cuts,
            @ForAll boolean nulPadding)
            throws FrameException {
        ByteArrayOutputStream stream = new ByteArrayOutputStream();
        List<String> expected = new ArrayList<>();
        for (byte[] p : payloads) {
            byte[] header = new byte[128];
            Arrays.fill(header, nulPadding ? (byte) 0 : (byte) ' ');
            byte[] digits = Integer.toString(p.length).getBytes(StandardCharsets.US_ASCII);
            System.arraycopy(digits, 0, header, 0, digits.length);
            stream.writeBytes(header);
            stream.writeBytes(p);
            expected.add(Arrays.toString(p));
        }
        byte[] bytes = stream.toByteArray();
        assertEquals(
                expected,
                Chunker.decode(
                        new Header128Decoder(LIMIT),
                        bytes,
                        slices(bytes.length, cuts),
                        true,
                        b -> Arrays.toString(bytes(b))));
    }

    @Property(tries = 300)
    void linesDecodeTheSameInAnyChunkingOnceTheFirstNewlineIsIn(
            @ForAll @Size(max = 10) List<@Size(max = 100) String> texts,
            @ForAll("cuts") List<Integer> cuts,
            @ForAll boolean crlf)
            throws FrameException {
        List<String> lines = new ArrayList<>();
        StringBuilder stream = new StringBuilder("\n");
        lines.add("");
        for (String t : texts) {
            String line = t.replace("\n", "").replace("\r", "");
            lines.add(line);
            stream.append(line).append(crlf ? "\r\n" : "\n");
        }
        byte[] bytes = stream.toString().getBytes(StandardCharsets.UTF_8);
        // The first LF arrives alone: from then on a pause must never cut a line.
        int[] rest = slices(bytes.length - 1, cuts);
        int[] all = new int[rest.length + 1];
        all[0] = 1;
        System.arraycopy(rest, 0, all, 1, rest.length);
        List<String> decoded = Chunker.decode(new LineDecoder(LIMIT * 4, true, true), bytes, all, true, Chunker::text);
        assertEquals(lines, decoded);
    }

    @Property(tries = 300)
    void echoOutputIsTheSameInAnyChunking(
            @ForAll @Size(max = 400) byte[] noise,
            @ForAll("cuts") List<Integer> cuts,
            @ForAll @Size(max = 4) List<Integer> exitsAt)
            throws FrameException {
        ByteArrayOutputStream s = new ByteArrayOutputStream();
        s.writeBytes(noise);
        for (int at : exitsAt) {
            s.writeBytes(((at % 2 == 0) ? "\nexit\n" : "\n  EXIT \r\n").getBytes(StandardCharsets.US_ASCII));
        }
        byte[] bytes = s.toByteArray();
        // Without pauses (drained is not offered) the output cannot depend on the chunking.
        String whole = echo(bytes, Chunker.whole(bytes.length));
        assertEquals(whole, echo(bytes, slices(bytes.length, cuts)));
        assertEquals(whole, echo(bytes, Chunker.byteByByte(bytes.length)));
    }

    @Property(tries = 1000)
    void anyBytesDecodeOrFailCleanlyAndNothingExceedsTheLimit(
            @ForAll @Size(max = 2000) byte[] bytes, @ForAll("cuts") List<Integer> cuts) {
        int[] slices = slices(bytes.length, cuts);
        assertCleanly(new Frame5Decoder(LIMIT), bytes, slices, f -> f.payload().remaining());
        assertCleanly(new Header128Decoder(LIMIT), bytes, slices, ByteBuffer::remaining);
        assertCleanly(new LineDecoder(LIMIT, true, true), bytes, slices, ByteBuffer::remaining);
        assertCleanly(new EchoDecoder(LIMIT), bytes, slices, m -> m instanceof EchoMessage.Echo e ? 0 : 0);
    }

    private static <F> void assertCleanly(
            FrameDecoder<F> decoder, byte[] bytes, int[] slices, java.util.function.ToIntFunction<F> size) {
        try {
            List<Integer> sizes = Chunker.decode(decoder, bytes, slices, true, size::applyAsInt);
            for (int n : sizes) {
                assertTrue(n <= LIMIT, "a message of " + n + " bytes passed a limit of " + LIMIT);
            }
        } catch (FrameException expected) {
            // A clean protocol error: exactly what bad input may produce.
        }
    }

    private static String echo(byte[] bytes, int[] slices) throws FrameException {
        return String.join(
                "",
                Chunker.decode(
                        new EchoDecoder(LIMIT),
                        bytes,
                        slices,
                        false,
                        m -> m instanceof EchoMessage.Echo e
                                ? new String(bytes(e.bytes()), StandardCharsets.ISO_8859_1)
                                : "[EXIT" + ((EchoMessage.Exit) m).lineEnding() + "]"));
    }

    /** Turns arbitrary cut points into slice sizes covering exactly {@code length} bytes. */
    private static int[] slices(int length, List<Integer> cuts) {
        int[] points = cuts.stream()
                .mapToInt(c -> length == 0 ? 0 : c % (length + 1))
                .sorted()
                .toArray();
        int[] sizes = new int[points.length + 1];
        int previous = 0;
        for (int i = 0; i < points.length; i++) {
            sizes[i] = points[i] - previous;
            previous = points[i];
        }
        sizes[points.length] = length - previous;
        return sizes;
    }

    private static byte[] bytes(ByteBuffer b) {
        byte[] out = new byte[b.remaining()];
        b.duplicate().get(out);
        return out;
    }
}
