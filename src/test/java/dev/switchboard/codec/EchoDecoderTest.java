package dev.switchboard.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.switchboard.kit.Chunker;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class EchoDecoderTest {

    /** Concatenates what is echoed and marks an exit as [EXIT:ending]. */
    private static String run(String stream, int[] slices, boolean drain) throws FrameException {
        byte[] bytes = stream.getBytes(StandardCharsets.UTF_8);
        List<String> parts = Chunker.decode(new EchoDecoder(1024), bytes, slices, drain, m -> {
            if (m instanceof EchoMessage.Echo e) {
                return Chunker.text(e.bytes());
            }
            return "[EXIT:"
                    + ((EchoMessage.Exit) m).lineEnding().replace("\r", "CR").replace("\n", "LF") + "]";
        });
        return String.join("", parts);
    }

    @Test
    void bytesPassThroughUntilExit() throws FrameException {
        String s = "hello\nexit\nafter\n";
        assertEquals("hello\n[EXIT:LF]after\n", run(s, Chunker.whole(s.length()), false));
    }

    @Test
    void exitIgnoresCaseAndBlanksAndKeepsTheClientsLineEnding() throws FrameException {
        String s = " \tExIt  \r\n";
        assertEquals("[EXIT:CRLF]", run(s, Chunker.whole(s.length()), false));
    }

    @Test
    void exitInsideALineIsJustText() throws FrameException {
        String s = "please exit\nexiting\nexit now\n";
        assertEquals(s, run(s, Chunker.whole(s.length()), false));
    }

    @Test
    void sameOutputInEveryChunking() throws FrameException {
        String s = "abc\r\nex\nexit now\n  EXIT\t\r\ntrailing";
        String expected = "abc\r\nex\nexit now\n[EXIT:CRLF]trailing";
        for (int at = 0; at <= s.length(); at++) {
            assertEquals(expected, run(s, Chunker.splitAt(s.length(), at), false), "split at " + at);
        }
        for (long seed = 0; seed < 200; seed++) {
            assertEquals(expected, run(s, Chunker.random(s.length(), seed), false), "seed " + seed);
        }
    }

    @Test
    void onlyALineStartThatCouldBeExitIsHeldBack() throws FrameException {
        EchoDecoder d = new EchoDecoder(1024);
        ByteBuffer in = ByteBuffer.wrap("  ex".getBytes(StandardCharsets.UTF_8));
        assertNull(d.decode(in), "could still become exit");
        ByteBuffer other = ByteBuffer.wrap("  eq".getBytes(StandardCharsets.UTF_8));
        assertEquals("  eq", Chunker.text(((EchoMessage.Echo) new EchoDecoder(1024).decode(other)).bytes()));
    }

    @Test
    void seedClientsExitWithoutNewlineIsAWholeMessage() throws FrameException {
        assertEquals("hello[EXIT:]", run("helloexit", new int[] {5, 4}, true));
    }

    @Test
    void afterTheFirstNewlineAPauseDoesNotEndAMessage() throws FrameException {
        assertEquals("x\n", run("x\nexit", new int[] {2, 4}, true));
    }

    @Test
    void aHeldLineStartLongerThanTheLimitIsEchoed() throws FrameException {
        EchoDecoder d = new EchoDecoder(4);
        ByteBuffer in = ByteBuffer.wrap("     ".getBytes(StandardCharsets.UTF_8));
        assertEquals("     ", Chunker.text(((EchoMessage.Echo) d.decode(in)).bytes()));
    }
}
