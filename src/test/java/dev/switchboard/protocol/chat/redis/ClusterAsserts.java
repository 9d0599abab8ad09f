package dev.switchboard.protocol.chat.redis;

import dev.switchboard.kit.TestClient;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;

/** Waiting on chat lines that cross nodes: events from elsewhere come when they come. */
final class ClusterAsserts {
    private ClusterAsserts() {}

    /** Reads lines until {@code expected}; fails with what was read instead (the read timeout bounds it). */
    static List<String> awaitLine(TestClient c, String expected) throws IOException {
        return awaitLine(c, expected::equals, expected);
    }

    static List<String> awaitLine(TestClient c, Predicate<String> wanted, String what) throws IOException {
        List<String> read = new ArrayList<>();
        while (true) {
            String line;
            try {
                line = c.readLine();
            } catch (SocketTimeoutException e) {
                throw new AssertionError("no line " + what + "; read " + read, e);
            }
            if (line == null) {
                throw new AssertionError("closed before " + what + "; read " + read);
            }
            read.add(line);
            if (wanted.test(line)) {
                return read;
            }
        }
    }

    /** Asks {@code /who} until it lists exactly {@code names} (any order), within the deadline. */
    static void awaitWho(TestClient c, Duration within, String... names) throws Exception {
        Set<String> expected = new TreeSet<>(Arrays.asList(names));
        long deadline = System.nanoTime() + within.toNanos();
        Set<String> seen = Set.of();
        while (System.nanoTime() - deadline < 0) {
            c.send("/who\n");
            List<String> lines = awaitLine(c, l -> l.startsWith("* online: "), "* online: ...");
            String who = lines.get(lines.size() - 1);
            seen = new TreeSet<>(
                    Arrays.asList(who.substring("* online: ".length()).split(", ")));
            if (seen.equals(expected)) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("/who never listed " + expected + "; last " + seen);
    }

    /** Sends {@code command} until its reply (the first line starting with {@code prefix}) is {@code expected}. */
    static void awaitReply(TestClient c, String command, String prefix, String expected, Duration within)
            throws Exception {
        long deadline = System.nanoTime() + within.toNanos();
        String last = null;
        while (System.nanoTime() - deadline < 0) {
            c.send(command + "\n");
            List<String> lines = awaitLine(c, l -> l.startsWith(prefix), prefix + "...");
            last = lines.get(lines.size() - 1);
            if (last.equals(expected)) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError(command + " never answered " + expected + "; last " + last);
    }

    /** Like {@link #awaitLine} but past the client's read timeout, up to {@code within}. */
    static void awaitLineWithin(TestClient c, String expected, Duration within) throws IOException {
        long deadline = System.nanoTime() + within.toNanos();
        List<String> read = new ArrayList<>();
        while (System.nanoTime() - deadline < 0) {
            String line;
            try {
                line = c.readLine();
            } catch (SocketTimeoutException e) {
                continue;
            }
            if (line == null) {
                throw new AssertionError("closed before " + expected + "; read " + read);
            }
            if (line.equals(expected)) {
                return;
            }
            read.add(line);
        }
        throw new AssertionError("no line " + expected + " within " + within + "; read " + read);
    }
}
