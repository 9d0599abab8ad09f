package dev.switchboard.codec.http;

import dev.switchboard.codec.FrameDecoder;
import dev.switchboard.codec.FrameException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * HTTP/1.x request heads (RFC 9112), for the web page and the admin endpoint. Only the head:
 * a body is never read (see {@link HttpRequest#hasBody}), so a server built on this answers
 * a request that has one and closes.
 *
 * <pre>
 * +----------------------------------+
 * | METHOD SP target SP HTTP/1.x CRLF |  request line
 * | Name: value CRLF                  |  zero or more header fields
 * | CRLF                              |  end of head
 * +----------------------------------+
 * </pre>
 *
 * Lines may end in LF alone. Empty lines before the request line are skipped (RFC 9112 2.2).
 * Rejected with a {@link FrameException} (a server answers 400 and closes): a head over the
 * limit (counted from the first byte, as soon as that many bytes are here without an end),
 * a request line that is not exactly three parts, a method that is not a token, a target
 * with spaces, controls or non-ASCII bytes, a version other than 1.0 or 1.1, a header line
 * without a colon or with space before it, obsolete line folding, control characters or a
 * bare CR anywhere, and an HTTP/1.1 request without exactly one Host.
 *
 * <p>Pure: no sockets, no logging. One instance per connection; it keeps only how far it has
 * already looked, so a head arriving byte by byte is scanned once.
 */
public final class HttpRequestDecoder implements FrameDecoder<HttpRequest> {
    /** The admin endpoint's limit from SPEC.md, and what browsers' own heads stay well under. */
    public static final int DEFAULT_MAX_HEAD_BYTES = 8 * 1024;

    private final int maxHeadBytes;
    /** Offsets from the position: bytes already searched, and where the current line starts. */
    private int scanned;

    private int lineStart = -1;

    public HttpRequestDecoder() {
        this(DEFAULT_MAX_HEAD_BYTES);
    }

    public HttpRequestDecoder(int maxHeadBytes) {
        this.maxHeadBytes = maxHeadBytes;
    }

    @Override
    public HttpRequest decode(ByteBuffer in) throws FrameException {
        int base = in.position();
        int available = Math.min(in.remaining(), maxHeadBytes);
        int end = -1;
        for (int i = scanned; i < available; i++) {
            byte b = in.get(base + i);
            if (lineStart < 0) {
                // Still in the empty lines before the request line.
                if (b != '\r' && b != '\n') {
                    lineStart = i;
                }
                continue;
            }
            if (b == '\n') {
                int length = i - lineStart;
                if (length == 0 || (length == 1 && in.get(base + i - 1) == '\r')) {
                    end = i + 1;
                    break;
                }
                lineStart = i + 1;
            }
        }
        if (end < 0) {
            scanned = available;
            if (in.remaining() >= maxHeadBytes) {
                reset();
                throw new FrameException("request head over " + maxHeadBytes + " bytes");
            }
            return null;
        }
        int headStart = firstLineStart(in, base, end);
        reset();
        HttpRequest request = parse(in, base + headStart, base + end);
        in.position(base + end);
        return request;
    }

    private void reset() {
        scanned = 0;
        lineStart = -1;
    }

    private static int firstLineStart(ByteBuffer in, int base, int end) {
        int i = 0;
        while (i < end && (in.get(base + i) == '\r' || in.get(base + i) == '\n')) {
            i++;
        }
        return i;
    }

    private static HttpRequest parse(ByteBuffer in, int from, int to) throws FrameException {
        List<String> lines = lines(in, from, to);
        String[] parts = lines.get(0).split(" ", -1);
        if (parts.length != 3 || !isToken(parts[0]) || !isTarget(parts[1])) {
            throw new FrameException("malformed request line");
        }
        int minor;
        if (parts[2].equals("HTTP/1.1")) {
            minor = 1;
        } else if (parts[2].equals("HTTP/1.0")) {
            minor = 0;
        } else {
            throw new FrameException("unsupported HTTP version");
        }
        List<HttpRequest.Header> headers = new ArrayList<>(lines.size() - 1);
        for (int k = 1; k < lines.size(); k++) {
            headers.add(header(lines.get(k)));
        }
        HttpRequest request = new HttpRequest(parts[0], parts[1], minor, headers);
        if (minor == 1 && request.count("Host") != 1) {
            throw new FrameException(request.count("Host") == 0 ? "missing Host header" : "more than one Host header");
        }
        return request;
    }

    /** The head's lines without their line ends (the final empty line left out). */
    private static List<String> lines(ByteBuffer in, int from, int to) throws FrameException {
        List<String> lines = new ArrayList<>();
        int start = from;
        for (int i = from; i < to; i++) {
            byte b = in.get(i);
            if (b == '\n') {
                int end = i > start && in.get(i - 1) == '\r' ? i - 1 : i;
                if (end > start) {
                    lines.add(text(in, start, end));
                }
                start = i + 1;
            } else if (b == '\r' && (i + 1 >= to || in.get(i + 1) != '\n')) {
                throw new FrameException("bare CR in request head");
            } else if (b != '\r' && b != '\t' && ((b >= 0 && b < 0x20) || b == 0x7F)) {
                throw new FrameException("control character in request head");
            }
        }
        return lines;
    }

    private static HttpRequest.Header header(String line) throws FrameException {
        if (line.charAt(0) == ' ' || line.charAt(0) == '\t') {
            throw new FrameException("obsolete line folding in header");
        }
        int colon = line.indexOf(':');
        if (colon <= 0 || !isToken(line.substring(0, colon))) {
            throw new FrameException("malformed header field");
        }
        return new HttpRequest.Header(line.substring(0, colon), strip(line.substring(colon + 1)));
    }

    private static String strip(String s) {
        int from = 0;
        int to = s.length();
        while (from < to && (s.charAt(from) == ' ' || s.charAt(from) == '\t')) {
            from++;
        }
        while (to > from && (s.charAt(to - 1) == ' ' || s.charAt(to - 1) == '\t')) {
            to--;
        }
        return s.substring(from, to);
    }

    /** RFC 9110 token: visible ASCII but separators. */
    private static boolean isToken(String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c <= 0x20 || c >= 0x7F || "\"(),/:;<=>?@[\\]{}".indexOf(c) >= 0) {
                return false;
            }
        }
        return true;
    }

    private static boolean isTarget(String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c <= 0x20 || c >= 0x7F) {
                return false;
            }
        }
        return true;
    }

    private static String text(ByteBuffer in, int from, int to) {
        byte[] bytes = new byte[to - from];
        in.get(from, bytes);
        return new String(bytes, StandardCharsets.ISO_8859_1);
    }
}
