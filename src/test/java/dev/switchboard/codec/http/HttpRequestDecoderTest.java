package dev.switchboard.codec.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.codec.FrameException;
import dev.switchboard.kit.Chunker;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HttpRequestDecoderTest {
    private static final String BROWSER = "GET /chat?room=dev HTTP/1.1\r\n"
            + "Host: localhost:8081\r\n"
            + "Connection: keep-alive, Upgrade\r\n"
            + "Upgrade: websocket\r\n"
            + "X-Empty:\r\n"
            + "X-Spaced: \t a b \t\r\n"
            + "\r\n";
    private static final String CURL = "GET / HTTP/1.0\n\n";
    private static final String STREAM = BROWSER + "\r\n" + CURL + "HEAD /app.js HTTP/1.1\r\nhost: x\r\n\r\n";
    private static final List<String> REQUESTS = List.of(
            "GET /chat?room=dev 1 [Host=localhost:8081, Connection=keep-alive, Upgrade, Upgrade=websocket, "
                    + "X-Empty=, X-Spaced=a b]",
            "GET / 0 []",
            "HEAD /app.js 1 [host=x]");

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static String show(HttpRequest r) {
        return r.method() + " " + r.target() + " " + r.minorVersion() + " "
                + r.headers().stream().map(h -> h.name() + "=" + h.value()).toList();
    }

    private static List<String> decode(byte[] s, int[] slices) throws FrameException {
        return Chunker.decode(new HttpRequestDecoder(), s, slices, false, HttpRequestDecoderTest::show);
    }

    private static HttpRequest one(String head) throws FrameException {
        ByteBuffer in = ByteBuffer.wrap(bytes(head));
        HttpRequest r = new HttpRequestDecoder().decode(in);
        assertEquals(in.limit(), in.position(), "consumed exactly the head");
        return r;
    }

    @Test
    void readsRequestLineAndHeadersInOrder() throws FrameException {
        byte[] s = bytes(STREAM);
        assertEquals(REQUESTS, decode(s, Chunker.whole(s.length)));
    }

    @Test
    void sameRequestsInEveryChunking() throws FrameException {
        byte[] s = bytes(STREAM);
        assertEquals(REQUESTS, decode(s, Chunker.byteByByte(s.length)));
        for (int at = 0; at <= s.length; at++) {
            assertEquals(REQUESTS, decode(s, Chunker.splitAt(s.length, at)), "split at " + at);
        }
        for (long seed = 0; seed < 200; seed++) {
            assertEquals(REQUESTS, decode(s, Chunker.random(s.length, seed)), "seed " + seed);
        }
    }

    @Test
    void partialHeadConsumesNothing() throws FrameException {
        HttpRequestDecoder d = new HttpRequestDecoder();
        ByteBuffer in = ByteBuffer.wrap(bytes(BROWSER), 0, BROWSER.length() - 1);
        assertNull(d.decode(in));
        assertEquals(0, in.position());
        in.limit(BROWSER.length());
        assertEquals("/chat", d.decode(in).path());
        assertEquals(BROWSER.length(), in.position());
    }

    @Test
    void lookupsIgnoreCaseAndSplitTokenLists() throws FrameException {
        HttpRequest r = one(BROWSER);
        assertEquals("websocket", r.header("UPGRADE"));
        assertTrue(r.hasToken("connection", "upgrade"));
        assertFalse(r.hasToken("connection", "close"));
        assertNull(r.header("Origin"));
        assertEquals("/chat", r.path());
        assertTrue(r.keepAlive());
        assertFalse(r.hasBody());
        assertFalse(one(CURL).keepAlive());
        assertTrue(
                one("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 3\r\n\r\n").hasBody());
        assertTrue(one("POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n")
                .hasBody());
    }

    @Test
    void obsTextInValuesIsKeptAsLatin1() throws FrameException {
        assertEquals(
                "caf\u00e9",
                one("GET / HTTP/1.1\r\nHost: a\r\nX: caf\u00e9\r\n\r\n").header("x"));
    }

    @Test
    void headOfExactlyTheLimitIsAccepted() throws FrameException {
        String start = "GET / HTTP/1.1\r\nHost: a\r\nX: ";
        String head = start + "y".repeat(8192 - start.length() - 4) + "\r\n\r\n";
        assertEquals(8192, head.length());
        assertEquals(8192 - start.length() - 4, one(head).header("X").length());
    }

    @Test
    void headOverTheLimitFailsAsSoonAsTheLimitIsReachedWithoutAnEnd() throws FrameException {
        HttpRequestDecoder d = new HttpRequestDecoder();
        String start = "GET / HTTP/1.1\r\nHost: a\r\nX: ";
        ByteBuffer in = ByteBuffer.wrap(bytes(start + "y".repeat(9000)));
        in.limit(8191);
        assertNull(d.decode(in));
        in.limit(8192);
        FrameException e = assertThrows(FrameException.class, () -> d.decode(in));
        assertEquals("request head over 8192 bytes", e.getMessage());
    }

    @Test
    void endlessEmptyLinesCountAgainstTheLimit() {
        ByteBuffer in = ByteBuffer.wrap(bytes("\r\n".repeat(5000)));
        assertThrows(FrameException.class, () -> new HttpRequestDecoder().decode(in));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "GET /\r\nHost: a\r\n\r\n",
                "GET  / HTTP/1.1\r\nHost: a\r\n\r\n",
                "GET / HTTP/1.1 \r\nHost: a\r\n\r\n",
                "G(T / HTTP/1.1\r\nHost: a\r\n\r\n",
                "GET /a\u00e9 HTTP/1.1\r\nHost: a\r\n\r\n",
                "GET / HTTP/2.0\r\nHost: a\r\n\r\n",
                "GET / http/1.1\r\nHost: a\r\n\r\n",
                "GET / HTTP/1.1\r\n\r\n",
                "GET / HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n",
                "GET / HTTP/1.1\r\nHost: a\r\nNo colon\r\n\r\n",
                "GET / HTTP/1.1\r\nHost : a\r\n\r\n",
                "GET / HTTP/1.1\r\n: a\r\nHost: a\r\n\r\n",
                "GET / HTTP/1.1\r\nHost: a\r\nX: b\r\n folded\r\n\r\n",
                "GET / HTTP/1.1\r\nHost: a\rX: b\r\n\r\n",
                "GET / HTTP/1.1\r\nHost: a\u0000\r\n\r\n",
                "GET / HTTP/1.1\r\nHost: a\u007f\r\n\r\n",
            })
    void malformedHeadsAreRejected(String head) {
        assertThrows(FrameException.class, () -> new HttpRequestDecoder().decode(ByteBuffer.wrap(bytes(head))));
    }

    @Test
    void decoderIsReadyForTheNextRequestAfterOne() throws FrameException {
        HttpRequestDecoder d = new HttpRequestDecoder();
        ByteBuffer in = ByteBuffer.wrap(bytes(CURL + CURL));
        assertEquals("/", d.decode(in).target());
        assertEquals("/", d.decode(in).target());
        assertNull(d.decode(in));
    }
}
