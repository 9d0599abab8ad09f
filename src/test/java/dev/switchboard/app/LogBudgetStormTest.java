package dev.switchboard.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.kit.Curl;
import dev.switchboard.kit.DaemonProcess;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * A connect storm cannot flood the log: connect and disconnect lines stay within the loop's
 * budget (a burst of 100, then 50 a second), the rest are counted and summarised, and every
 * client is still served.
 */
class LogBudgetStormTest {
    private static final int CYCLES = 3000;
    private static final int BURST = 100;
    private static final int LINES_PER_SECOND = 50;
    private static final Pattern CONNECTION_LINE = Pattern.compile("INFO  echo#\\d+ \\S+ (connected|disconnected)");
    private static final Pattern SUMMARY =
            Pattern.compile("WARN  (\\d+) connection log lines suppressed in the last (\\d+\\.\\d) s");

    @Test
    void aConnectStormIsLoggedWithinTheBudgetAndWhatIsDroppedIsCountedAndSaid() throws Exception {
        try (DaemonProcess d = DaemonProcess.serve(
                3,
                "--echo-port",
                "0",
                "--admin-port",
                "0",
                "--web-port",
                "0",
                "--command-port",
                "off",
                "--frame5-port",
                "off",
                "--header128-port",
                "off",
                "--chat-port",
                "off")) {
            byte[] ping = "ping\n".getBytes(StandardCharsets.US_ASCII);
            long start = System.nanoTime();
            for (int i = 0; i < CYCLES; i++) {
                try (Socket s = new Socket("127.0.0.1", d.port("echo"))) {
                    s.setSoTimeout(10_000);
                    s.getOutputStream().write(ping);
                    InputStream in = s.getInputStream();
                    byte[] back = in.readNBytes(ping.length);
                    assertEquals("ping\n", new String(back, StandardCharsets.US_ASCII), "client " + i + " served");
                }
            }
            double stormSeconds = (System.nanoTime() - start) / 1e9;
            // Every line asked for is either written or counted in a summary, once the last summary is out.
            long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
            long written;
            long suppressed;
            String log;
            while (true) {
                log = d.stderr();
                written = CONNECTION_LINE.matcher(log).results().count();
                suppressed = 0;
                Matcher m = SUMMARY.matcher(log);
                while (m.find()) {
                    suppressed += Long.parseLong(m.group(1));
                }
                if (written + suppressed >= 2L * CYCLES || System.nanoTime() > deadline) {
                    break;
                }
                Thread.sleep(100);
            }
            assertEquals(2L * CYCLES, written + suppressed, "written " + written + ", suppressed " + suppressed);
            double windowSeconds = (System.nanoTime() - start) / 1e9;
            System.out.printf(
                    "storm: %d cycles in %.2f s; %d connection lines written, %d suppressed, window %.2f s%n",
                    CYCLES, stormSeconds, written, suppressed, windowSeconds);
            assertTrue(
                    written <= BURST + LINES_PER_SECOND * windowSeconds,
                    written + " lines in " + windowSeconds + " s (the storm took " + stormSeconds + " s)");
            List<String> summaries =
                    SUMMARY.matcher(log).results().map(r -> r.group()).toList();
            assertTrue(
                    !summaries.isEmpty() && summaries.size() <= windowSeconds + 1,
                    summaries.size() + " summaries in " + windowSeconds + " s: " + summaries);
            assertEquals(
                    (double) suppressed,
                    Curl.metrics(d.port("admin")).get("switchboard_log_lines_suppressed_total"),
                    "the counter agrees with the summaries");
            d.sigterm();
            assertEquals(0, d.awaitExit(Duration.ofSeconds(20)));
        }
    }
}
