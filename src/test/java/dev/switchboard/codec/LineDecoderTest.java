package dev.switchboard.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.switchboard.kit.Chunker;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class LineDecoderTest {
    private static final byte[] STREAM = "HELP\r\nhello world\n\nlast one\r\n".getBytes(StandardCharsets.UTF_8);
    private static final List<String> LINES = List.of("HELP", "hello world", "", "last one");

    private static List<String> decode(LineDecoder d, byte[] stream, int[] slices, boolean drain)
            throws FrameException {
        return Chunker.decode(d, stream, slices, drain, Chunker::text);
    }

    @Test
    void linesEndAtLfAndLoseTheirCr() throws FrameException {
        assertEquals(LINES, decode(new LineDecoder(100, false, false), STREAM, Chunker.whole(STREAM.length), false));
    }

    @Test
    void sameLinesInEveryChunking() throws FrameException {
        assertEquals(
                LINES, decode(new LineDecoder(100, false, false), STREAM, Chunker.byteByByte(STREAM.length), false));
        for (int at = 0; at <= STREAM.length; at++) {
            assertEquals(
                    LINES,
                    decode(new LineDecoder(100, false, false), STREAM, Chunker.splitAt(STREAM.length, at), false),
                    "split at " + at);
        }
        for (long seed = 0; seed < 200; seed++) {
            assertEquals(
                    LINES,
                    decode(new LineDecoder(100, false, false), STREAM, Chunker.random(STREAM.length, seed), false),
                    "seed " + seed);
        }
    }

    @Test
    void onceANewlineWasSeenAPauseNeverCutsALine() throws FrameException {
        // "HELP\r\n" arrives first; after that every split of the rest must give whole lines,
        // even with drained() offered after each slice.
        byte[] rest = "hello world\nlast\n".getBytes(StandardCharsets.UTF_8);
        for (int at = 0; at <= rest.length; at++) {
            LineDecoder d = new LineDecoder(100, true, true);
            assertEquals(List.of("HELP"), decode(d, "HELP\r\n".getBytes(StandardCharsets.UTF_8), new int[] {6}, true));
            assertEquals(
                    List.of("hello world", "last"),
                    decode(d, rest, Chunker.splitAt(rest.length, at), true),
                    "split at " + at);
        }
    }

    @Test
    void beforeTheFirstNewlineAPauseEndsTheMessage() throws FrameException {
        LineDecoder d = new LineDecoder(100, true, true);
        byte[] seed = "DISCONNECT".getBytes(StandardCharsets.UTF_8);
        assertEquals(List.of("DISCONNECT"), decode(d, seed, Chunker.whole(seed.length), true));
    }

    @Test
    void withoutThePauseRuleAPauseEndsNothing() throws FrameException {
        LineDecoder d = new LineDecoder(100, false, false);
        ByteBuffer in = ByteBuffer.wrap("no newline".getBytes(StandardCharsets.UTF_8));
        assertNull(d.decode(in));
        assertNull(d.drained(in, false));
        assertNull(d.drained(in, true));
        assertEquals(0, in.position());
    }

    @Test
    void endOfStreamEndsTheLastLineWhenAsked() throws FrameException {
        LineDecoder d = new LineDecoder(100, false, true);
        ByteBuffer in = ByteBuffer.wrap("a\nlast".getBytes(StandardCharsets.UTF_8));
        assertEquals("a", Chunker.text(d.decode(in)));
        assertNull(d.decode(in));
        assertNull(d.drained(in, false));
        assertEquals("last", Chunker.text(d.drained(in, true)));
    }

    @Test
    void theLimitCountsTheLineNotItsCrLf() throws FrameException {
        LineDecoder d = new LineDecoder(4, false, false);
        assertEquals("abcd", Chunker.text(d.decode(ByteBuffer.wrap("abcd\r\n".getBytes(StandardCharsets.UTF_8)))));
        assertThrows(FrameException.class, () -> new LineDecoder(4, false, false)
                .decode(ByteBuffer.wrap("abcde\n".getBytes(StandardCharsets.UTF_8))));
    }

    @Test
    void aLineWithoutEndFailsOnceItPassesTheLimit() throws FrameException {
        LineDecoder d = new LineDecoder(8, false, false);
        ByteBuffer in = ByteBuffer.wrap(new byte[9]);
        assertNull(d.decode(in), "8 bytes and a possible CR still fit");
        FrameException e = assertThrows(FrameException.class, () -> d.decode(ByteBuffer.wrap(new byte[10])));
        assertEquals("line longer than 8 bytes", e.getMessage());
    }
}
