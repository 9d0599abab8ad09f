package dev.switchboard.app;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.switchboard.codec.Frame5;
import dev.switchboard.kit.DaemonProcess;
import dev.switchboard.kit.TestClient;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** {@code --stats-interval}'s lines, read from the loop's counters, add up to exactly the traffic sent. */
class StatsLogTest {
    private static final Duration EXIT = Duration.ofSeconds(20);

    @Test
    void theStatsLinesAddUpToExactlyTheMessagesBytesAndClosesOfEachProtocol() throws Exception {
        try (DaemonProcess d = DaemonProcess.serveOnFreePorts("--stats-interval", "0.2")) {
            long echoBytes = 0;
            try (TestClient c = new TestClient(d.port("echo"))) {
                for (int i = 0; i < 100; i++) {
                    String line = "line " + i + "\n";
                    c.send(line);
                    echoBytes += line.length();
                    assertEquals("line " + i, c.readLine());
                }
            }
            try (TestClient c = new TestClient(d.port("frame5"))) {
                for (int i = 0; i < 10; i++) {
                    c.send(TestClient.frame5(Frame5.ECHO, "f " + i));
                    assertEquals("f " + i, c.readFrame5().text());
                }
                c.send(TestClient.frame5(Frame5.QUIT, ""));
                assertEquals(Frame5.QUIT, c.readFrame5().command());
            }
            String echo =
                    "100 in, 100 out, " + echoBytes + " bytes in, " + echoBytes + " bytes out, 1 closed by client";
            String frame5 = "11 in, 11 out, 85 bytes in, 85 bytes out, 1 closed after goodbye";
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (!(sum(d.stderr(), "echo").equals(echo)
                            && sum(d.stderr(), "frame5").equals(frame5))
                    && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertEquals(echo, sum(d.stderr(), "echo"), d.stderr());
            assertEquals(frame5, sum(d.stderr(), "frame5"), d.stderr());
            assertEquals(111, messages(d.stderr()), "the lines' message totals are the protocols' sums");
            d.sigterm();
            assertEquals(0, d.awaitExit(EXIT));
        }
    }

    /** One protocol's figures summed over every stats line, written as a line writes them. */
    private static String sum(String log, String protocol) {
        Matcher m = Pattern.compile("; " + protocol
                        + ": (\\d+) in, (\\d+) out, (\\d+) bytes in, (\\d+) bytes out, \\d+ open((?:, \\d+ [a-z ]+)*)")
                .matcher(log);
        long[] figures = new long[4];
        java.util.Map<String, Long> closes = new java.util.TreeMap<>();
        while (m.find()) {
            for (int i = 0; i < 4; i++) {
                figures[i] += Long.parseLong(m.group(i + 1));
            }
            for (String close : m.group(5).split(", ")) {
                if (!close.isEmpty()) {
                    int space = close.indexOf(' ');
                    closes.merge(close.substring(space + 1), Long.parseLong(close.substring(0, space)), Long::sum);
                }
            }
        }
        StringBuilder out = new StringBuilder(
                figures[0] + " in, " + figures[1] + " out, " + figures[2] + " bytes in, " + figures[3] + " bytes out");
        closes.forEach((reason, n) -> out.append(", ").append(n).append(' ').append(reason));
        return out.toString();
    }

    private static long messages(String log) {
        Matcher m = Pattern.compile("stats: (\\d+) messages in ").matcher(log);
        long total = 0;
        while (m.find()) {
            total += Long.parseLong(m.group(1));
        }
        return total;
    }
}
