package dev.switchboard.protocol.web;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * The web listener's HTTP responses. Every one but the 101 ends the connection
 * ({@code Connection: close}): the page is three small files, and a kept-alive connection
 * would otherwise sit open for ever (the web idle timeout defaults to never, for chat's sake).
 */
final class HttpResponses {
    private HttpResponses() {}

    /** A short plain-text response: {@code status} like {@code 404 Not Found}, {@code extra} header lines. */
    static ByteBuffer text(String status, String extraHeaders, String body) {
        byte[] content = (body + "\n").getBytes(StandardCharsets.UTF_8);
        String head = "HTTP/1.1 " + status + "\r\n"
                + "Content-Type: text/plain; charset=utf-8\r\n"
                + "Content-Length: " + content.length + "\r\n"
                + "X-Content-Type-Options: nosniff\r\n"
                + extraHeaders
                + "Connection: close\r\n\r\n";
        byte[] h = head.getBytes(StandardCharsets.ISO_8859_1);
        return ByteBuffer.allocate(h.length + content.length)
                .put(h)
                .put(content)
                .flip();
    }

    static ByteBuffer switching(String accept) {
        return ByteBuffer.wrap(("HTTP/1.1 101 Switching Protocols\r\n"
                        + "Upgrade: websocket\r\n"
                        + "Connection: Upgrade\r\n"
                        + "Sec-WebSocket-Accept: " + accept + "\r\n\r\n")
                .getBytes(StandardCharsets.ISO_8859_1));
    }
}
