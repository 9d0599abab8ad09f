package dev.switchboard.codec.http;

import java.util.List;

/**
 * One HTTP/1.x request head, as {@link HttpRequestDecoder} read it. Header names keep the
 * client's spelling; every lookup ignores case. Values are ISO-8859-1 text (the bytes as
 * sent) with surrounding spaces and tabs removed.
 *
 * @param method       the method token, case kept (HTTP methods are case-sensitive)
 * @param target       the request target as sent, e.g. {@code /chat?x=1}
 * @param minorVersion 0 for HTTP/1.0, 1 for HTTP/1.1
 * @param headers      in the order sent, duplicates kept
 */
public record HttpRequest(String method, String target, int minorVersion, List<Header> headers) {

    /** One header field. */
    public record Header(String name, String value) {}

    public HttpRequest {
        headers = List.copyOf(headers);
    }

    /** The target without its query string: {@code /chat} for {@code /chat?x=1}. */
    public String path() {
        int query = target.indexOf('?');
        return query < 0 ? target : target.substring(0, query);
    }

    /** The first value of header {@code name}, or null if it was not sent. */
    public String header(String name) {
        for (Header h : headers) {
            if (h.name().equalsIgnoreCase(name)) {
                return h.value();
            }
        }
        return null;
    }

    /** How many times header {@code name} was sent. */
    public int count(String name) {
        int n = 0;
        for (Header h : headers) {
            if (h.name().equalsIgnoreCase(name)) {
                n++;
            }
        }
        return n;
    }

    /**
     * True if {@code token} is one of the comma-separated elements of header {@code name}
     * (any of its fields), ignoring case: {@code Connection: keep-alive, Upgrade} has
     * {@code upgrade}.
     */
    public boolean hasToken(String name, String token) {
        for (Header h : headers) {
            if (!h.name().equalsIgnoreCase(name)) {
                continue;
            }
            for (String element : h.value().split(",")) {
                if (element.strip().equalsIgnoreCase(token)) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * True if the request says a body follows (which this decoder never reads: a server that
     * gets one answers and closes, so the body is never taken for a request).
     */
    public boolean hasBody() {
        if (header("Transfer-Encoding") != null) {
            return true;
        }
        String length = header("Content-Length");
        return length != null && !length.strip().equals("0");
    }

    /** HTTP/1.1 keeps the connection unless told {@code close}; HTTP/1.0 only if told {@code keep-alive}. */
    public boolean keepAlive() {
        return minorVersion >= 1 ? !hasToken("Connection", "close") : hasToken("Connection", "keep-alive");
    }

    @Override
    public String toString() {
        return method + " " + target + " HTTP/1." + minorVersion + " " + headers.size() + " headers";
    }
}
