package dev.switchboard.protocol.chat.redis;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Where Redis is: {@code redis://HOST:PORT[/DB]} (port 6379 and database 0 when left out). */
public record RedisAddress(String host, int port, int database) {
    private static final Pattern URL = Pattern.compile("redis://([^/:\\s]+)(?::(\\d{1,5}))?(?:/(\\d+)?)?");

    public static RedisAddress parse(String url) {
        Matcher m = URL.matcher(url);
        if (!m.matches()) {
            throw new IllegalArgumentException("not redis://HOST:PORT[/DB]: " + url);
        }
        int port = m.group(2) == null ? 6379 : Integer.parseInt(m.group(2));
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("no such port: " + port);
        }
        int database = m.group(3) == null ? 0 : Integer.parseInt(m.group(3));
        return new RedisAddress(m.group(1), port, database);
    }

    @Override
    public String toString() {
        return host + ":" + port + (database == 0 ? "" : "/" + database);
    }
}
