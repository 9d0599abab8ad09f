package dev.switchboard.protocol.chat;

import java.nio.file.Path;

/**
 * The chat's own options (SPEC.md Part 2, "Chat: rooms, private messages, history, names").
 *
 * @param historyLines   lines a room replays to a newcomer; 0 = off
 * @param linesPerSecond flood limit per client, with a burst of twice that; 0 = off
 * @param maxRooms       rooms at once, #lobby included
 * @param dataDir        where registered names (salted hashes) are kept
 * @param redisUrl       {@code redis://HOST:PORT[/DB]} to share the chat across nodes, or null
 * @param hashIterations PBKDF2 rounds for a new password hash (no option: tests lower it)
 */
public record ChatSettings(
        int historyLines, int linesPerSecond, int maxRooms, Path dataDir, String redisUrl, int hashIterations) {

    /** The options the command line has, at today's hashing cost. */
    public ChatSettings(int historyLines, int linesPerSecond, int maxRooms, Path dataDir, String redisUrl) {
        this(historyLines, linesPerSecond, maxRooms, dataDir, redisUrl, PasswordHash.DEFAULT_ITERATIONS);
    }

    public static ChatSettings defaults() {
        return new ChatSettings(50, 0, 1000, Path.of(System.getProperty("user.home"), ".switchboard", "data"), null);
    }

    /** Cheaper hashes, for tests that log in many times; never lower in production. */
    public ChatSettings withHashIterations(int iterations) {
        return new ChatSettings(historyLines, linesPerSecond, maxRooms, dataDir, redisUrl, iterations);
    }

    public ChatSettings withHistoryLines(int lines) {
        return new ChatSettings(lines, linesPerSecond, maxRooms, dataDir, redisUrl, hashIterations);
    }

    public ChatSettings withLinesPerSecond(int rate) {
        return new ChatSettings(historyLines, rate, maxRooms, dataDir, redisUrl, hashIterations);
    }

    public ChatSettings withMaxRooms(int rooms) {
        return new ChatSettings(historyLines, linesPerSecond, rooms, dataDir, redisUrl, hashIterations);
    }

    public ChatSettings withDataDir(Path dir) {
        return new ChatSettings(historyLines, linesPerSecond, maxRooms, dir, redisUrl, hashIterations);
    }

    public ChatSettings withRedisUrl(String url) {
        return new ChatSettings(historyLines, linesPerSecond, maxRooms, dataDir, url, hashIterations);
    }
}
