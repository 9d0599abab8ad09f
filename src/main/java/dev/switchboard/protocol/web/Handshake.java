package dev.switchboard.protocol.web;

import dev.switchboard.codec.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.List;
import java.util.Locale;

/** The opening handshake of RFC 6455 (section 4.2) and the Origin rule of SPEC.md. */
final class Handshake {
    private static final String GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";

    private Handshake() {}

    /** True if the request asks for a WebSocket upgrade at all (then it must be a valid one). */
    static boolean wantsUpgrade(HttpRequest r) {
        return r.hasToken("Upgrade", "websocket");
    }

    /** Why {@code r} is not a valid upgrade request (a 400), or null if it is. */
    static String invalid(HttpRequest r) {
        if (r.minorVersion() < 1) {
            return "a WebSocket upgrade needs HTTP/1.1";
        }
        if (!r.hasToken("Connection", "upgrade")) {
            return "Connection: Upgrade missing";
        }
        String key = r.header("Sec-WebSocket-Key");
        if (key == null || r.count("Sec-WebSocket-Key") != 1 || !isKey(key)) {
            return "Sec-WebSocket-Key must be 16 bytes in base64";
        }
        return null;
    }

    /** True if the client speaks version 13, the only one (else 426 names it). */
    static boolean versionSupported(HttpRequest r) {
        return "13".equals(r.header("Sec-WebSocket-Version"));
    }

    private static boolean isKey(String key) {
        try {
            return Base64.getDecoder().decode(key).length == 16;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** The Sec-WebSocket-Accept value for {@code key}: base64 of SHA-1 of the key and the GUID. */
    static String accept(String key) {
        try {
            MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
            return Base64.getEncoder().encodeToString(sha1.digest((key + GUID).getBytes(StandardCharsets.ISO_8859_1)));
        } catch (NoSuchAlgorithmException e) {
            // Every Java platform must have SHA-1 (MessageDigest's contract).
            throw new IllegalStateException(e);
        }
    }

    /**
     * SPEC.md's rule against cross-site WebSocket hijacking: no Origin (not a browser) is
     * accepted; otherwise it must be the page's own, {@code http://} or {@code https://} and
     * the request's Host, or one that {@code --web-origin} lists. Origins compare ignoring case
     * (scheme and host are case-insensitive) and a trailing slash.
     */
    static boolean originAllowed(HttpRequest r, List<String> allowed) {
        if (r.count("Origin") == 0) {
            return true;
        }
        if (r.count("Origin") > 1) {
            return false;
        }
        String origin = normal(r.header("Origin"));
        String host = r.header("Host");
        if (host != null
                && !host.isEmpty()
                && (origin.equals(normal("http://" + host)) || origin.equals(normal("https://" + host)))) {
            return true;
        }
        for (String a : allowed) {
            if (origin.equals(normal(a))) {
                return true;
            }
        }
        return false;
    }

    private static String normal(String origin) {
        String o = origin.strip().toLowerCase(Locale.ROOT);
        return o.endsWith("/") ? o.substring(0, o.length() - 1) : o;
    }
}
