package dev.switchboard.protocol.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.CRC32C;

/**
 * The chat page's files, read from the jar once at start-up, each with its responses made
 * ready: 200 with the body, the same head alone for HEAD, and 304 for a browser that already
 * has this version. {@code Cache-Control: no-cache} with an ETag: a browser keeps the files
 * but asks each time, so a new daemon's page is never hidden behind a stale cache.
 */
final class PageFiles {
    /** What the page may load and connect to: itself, nothing else (no CDN, no inline script). */
    private static final String SECURITY = "Content-Security-Policy: default-src 'self'; "
            + "connect-src 'self' ws: wss:; img-src 'self' data:; frame-ancestors 'none'; base-uri 'none'\r\n"
            + "X-Content-Type-Options: nosniff\r\n"
            + "Referrer-Policy: no-referrer\r\n";

    /** One file's ready-made responses. */
    record File(String etag, ByteBuffer ok, ByteBuffer head, ByteBuffer notModified, int bodyBytes) {}

    private final Map<String, File> files = new LinkedHashMap<>();

    PageFiles() {
        add("/", "index.html", "text/html; charset=utf-8");
        add("/app.js", "app.js", "text/javascript; charset=utf-8");
        add("/app.css", "app.css", "text/css; charset=utf-8");
    }

    /** The file served at {@code path}, or null. */
    File get(String path) {
        return path.equals("/index.html") ? files.get("/") : files.get(path);
    }

    /** The page's size: every file's body, in bytes. */
    int totalBytes() {
        return files.values().stream().mapToInt(File::bodyBytes).sum();
    }

    private void add(String path, String resource, String contentType) {
        byte[] body = read("/web/" + resource);
        String etag = "\"" + version(body) + "\"";
        String common = "Content-Type: " + contentType + "\r\n"
                + "Cache-Control: no-cache\r\n"
                + "ETag: " + etag + "\r\n"
                + SECURITY
                + "Connection: close\r\n";
        byte[] head = ("HTTP/1.1 200 OK\r\nContent-Length: " + body.length + "\r\n" + common + "\r\n")
                .getBytes(StandardCharsets.ISO_8859_1);
        ByteBuffer ok = ByteBuffer.allocate(head.length + body.length)
                .put(head)
                .put(body)
                .flip()
                .asReadOnlyBuffer();
        ByteBuffer notModified = ByteBuffer.wrap(
                        ("HTTP/1.1 304 Not Modified\r\n" + common + "\r\n").getBytes(StandardCharsets.ISO_8859_1))
                .asReadOnlyBuffer();
        files.put(path, new File(etag, ok, ByteBuffer.wrap(head).asReadOnlyBuffer(), notModified, body.length));
    }

    private static byte[] read(String resource) {
        try (InputStream in = PageFiles.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("the jar has no " + resource);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The ETag: 64 bits of two checksums, enough to tell one build's page from another's. No
     * cryptographic digest: nobody forges our own files, and MessageDigest would set up the
     * JDK's security providers (~15 ms) on every start, for a page perhaps never opened.
     */
    private static String version(byte[] body) {
        CRC32 a = new CRC32();
        a.update(body);
        CRC32C b = new CRC32C();
        b.update(body);
        String hex = Long.toHexString(a.getValue() << 32 | b.getValue());
        return "0".repeat(16 - hex.length()) + hex;
    }
}
