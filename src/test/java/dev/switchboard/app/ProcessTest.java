package dev.switchboard.app;

import static dev.switchboard.kit.TestClient.frame5;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.kit.DaemonProcess;
import dev.switchboard.kit.TestClient;
import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SPEC.md's command line and signals, on the daemon as its own process. */
class ProcessTest {
    private static final Duration EXIT = Duration.ofSeconds(30);

    @Test
    void startupPrintsOneListeningLinePerProtocolInOrder() throws Exception {
        try (DaemonProcess d = DaemonProcess.serveOnFreePorts()) {
            List<String> lines = d.listeningLines();
            String[] expected = {"command", "frame5", "header128", "chat", "echo", "web"};
            for (int i = 0; i < expected.length; i++) {
                assertTrue(
                        lines.get(i).matches("listening " + expected[i] + " 127\\.0\\.0\\.1:[1-9][0-9]*"),
                        lines.get(i));
            }
            try (TestClient c = new TestClient(d.port("command"))) {
                assertEquals("Hello Client!", c.readLine());
            }
            d.sigterm();
            assertEquals(0, d.awaitExit(EXIT));
        }
    }

    @Test
    void sigtermAnswersEveryPipelinedRequestThenExitsZero() throws Exception {
        try (DaemonProcess d = DaemonProcess.serveOnFreePorts()) {
            int requests = 3000;
            ByteArrayOutputStream batch = new ByteArrayOutputStream();
            for (int i = 0; i < requests; i++) {
                batch.writeBytes(frame5(1, "request " + i));
            }
            try (TestClient c = new TestClient(d.port("frame5"))) {
                c.send(batch.toByteArray());
                assertEquals("request 0", c.readFrame5().text());
                d.sigterm();
                for (int i = 1; i < requests; i++) {
                    assertEquals("request " + i, c.readFrame5().text());
                }
                c.expectClosed();
            }
            assertEquals(0, d.awaitExit(EXIT));
            String log = d.stderr();
            assertTrue(log.strip().endsWith("stopped"), "the last log line is kept:\n" + log);
        }
    }

    @Test
    void sigintAlsoDrainsAndExitsZero() throws Exception {
        try (DaemonProcess d = DaemonProcess.serveOnFreePorts()) {
            d.sigint();
            assertEquals(0, d.awaitExit(EXIT));
        }
    }

    @Test
    void busyPortIsOneLineNamingPortAndProtocolAndExitTwo() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int port = taken.getLocalPort();
            DaemonProcess.Result r = DaemonProcess.run(
                    EXIT,
                    "serve",
                    "--command-port",
                    "0",
                    "--frame5-port",
                    "0",
                    "--header128-port",
                    Integer.toString(port),
                    "--chat-port",
                    "0",
                    "--echo-port",
                    "0",
                    "--web-port",
                    "0");
            assertEquals(2, r.status());
            assertEquals("", r.stdout());
            String[] lines = r.stderr().strip().split("\n");
            assertEquals(1, lines.length, r.stderr());
            assertTrue(lines[0].contains("header128") && lines[0].contains(Integer.toString(port)), lines[0]);
            assertTrue(lines[0].contains("in use"), lines[0]);
        }
    }

    @Test
    void badOptionIsOneLineAndExitTwo() throws Exception {
        for (String[] args : new String[][] {
            {"serve", "--max-frame", "lots"}, {"serve", "--nope", "1"}, {"serve", "--echo-port", "70000"}, {"bogus"}
        }) {
            DaemonProcess.Result r = DaemonProcess.run(EXIT, args);
            assertEquals(2, r.status(), String.join(" ", args));
            assertEquals(1, r.stderr().strip().split("\n").length, r.stderr());
            assertTrue(r.stderr().startsWith("switchboard: "), r.stderr());
        }
    }

    @Test
    void helpAndVersionExitZero() throws Exception {
        DaemonProcess.Result help = DaemonProcess.run(EXIT, "--help");
        assertEquals(0, help.status());
        assertTrue(help.stdout().contains("--drain-timeout"), help.stdout());
        DaemonProcess.Result serve = DaemonProcess.run(EXIT, "serve", "--help");
        assertEquals(0, serve.status());
        assertTrue(
                serve.stdout().contains("--drain-timeout") && serve.stdout().contains("--chat-tls-port")
                        || serve.stdout().contains("--PROTO-tls-port"),
                serve.stdout());
        DaemonProcess.Result client = DaemonProcess.run(EXIT, "client", "--protocol", "echo", "--help");
        assertEquals(0, client.status());
        assertTrue(client.stdout().contains("--protocol") && client.stdout().contains("--cacert"), client.stdout());
        DaemonProcess.Result version = DaemonProcess.run(EXIT, "--version");
        assertEquals(0, version.status());
        assertTrue(version.stdout().matches("switchboard \\d+\\.\\d+\\.\\d+.*"), version.stdout());
    }

    @Test
    void ipv6LoopbackBindWorksAndIsPrintedInBrackets() throws Exception {
        try (DaemonProcess d = DaemonProcess.serve(1, DaemonProcess.only(List.of("echo"), "--bind", "::1"))) {
            assertTrue(
                    d.listeningLines().get(0).matches("listening echo \\[::1\\]:\\d+"),
                    d.listeningLines().get(0));
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress(InetAddress.getByName("::1"), d.port("echo")), 5000);
                s.getOutputStream().write("v6\n".getBytes());
                assertEquals("v6\n", new String(s.getInputStream().readNBytes(3)));
            }
            d.sigterm();
            assertEquals(0, d.awaitExit(EXIT));
        }
    }

    @Test
    void configFileSetsOptionsAndFlagsWin(@TempDir Path dir) throws Exception {
        Path config = dir.resolve("switchboard.properties");
        Files.writeString(
                config,
                "command-port=0\nframe5-port=off\nheader128-port=off\nchat-port=off\n"
                        + "echo-port=off\nweb-port=off\nmax-frame=8\n");
        try (DaemonProcess d = DaemonProcess.serve(1, "--config", config.toString(), "--max-frame", "32")) {
            assertEquals(1, d.listeningLines().size());
            try (TestClient c = new TestClient(d.port("command"))) {
                assertEquals("Hello Client!", c.readLine());
                c.send("a line of twenty bytes\n");
                assertEquals("400 BAD REQUEST", c.readLine(), "32 from the flag, not 8 from the file");
                c.send("x".repeat(40) + "\n");
                assertTrue(c.readLine().startsWith("400 BAD REQUEST line longer than 32 bytes"));
                c.expectClosed();
            }
            d.sigterm();
            assertEquals(0, d.awaitExit(EXIT));
        }
    }

    @Test
    void statsIntervalLogsMessagesAndLoopAllocation() throws Exception {
        try (DaemonProcess d = DaemonProcess.serveOnFreePorts("--stats-interval", "0.2")) {
            try (TestClient c = new TestClient(d.port("echo"))) {
                for (int i = 0; i < 100; i++) {
                    c.send("line " + i + "\n");
                    assertEquals("line " + i, c.readLine());
                }
            }
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (loggedMessages(d.stderr()) < 100 && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertEquals(
                    100, loggedMessages(d.stderr()), "every message counted once across the intervals:\n" + d.stderr());
            d.sigterm();
            assertEquals(0, d.awaitExit(EXIT));
        }
    }

    /** The sum over every "stats:" line, each of which must have the full format. */
    private static long loggedMessages(String log) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("stats: (\\d+) messages in [0-9.]+ s "
                        + "\\(\\d+ per s\\), \\d+ bytes allocated on the loop thread \\([0-9.]+ per message\\), "
                        + "\\d+ connections")
                .matcher(log);
        long total = 0;
        while (m.find()) {
            total += Long.parseLong(m.group(1));
        }
        return total;
    }

    @Test
    void logsEscapeClientTextAndShowConnectsAtInfo() throws Exception {
        try (DaemonProcess d = DaemonProcess.serveOnFreePorts("--log-level", "debug")) {
            try (TestClient c = new TestClient(d.port("command"))) {
                assertEquals("Hello Client!", c.readLine());
                c.send("\u001b[2Jevil\rFAKE INFO line\u0000" + "z".repeat(5000) + "\n");
                assertTrue(c.readLine().startsWith("400"));
                c.send("DISCONNECT\n");
                assertEquals("200 OK", c.readLine());
            }
            d.sigterm();
            assertEquals(0, d.awaitExit(EXIT));
            String log = d.stderr();
            assertFalse(log.contains("\u001b"), "raw ESC in the log");
            assertFalse(log.contains("\r"), "raw CR in the log");
            assertFalse(log.contains("\u0000"), "raw NUL in the log");
            assertFalse(log.contains("z".repeat(1000)), "client text is cut");
            assertTrue(log.contains("\\x1b[2Jevil\\rFAKE INFO line\\x00zz"), log);
            assertTrue(log.matches("(?s).*INFO +command#\\d+ 127\\.0\\.0\\.1:\\d+ connected.*"), log);
            assertTrue(log.matches("(?s).*INFO +command#\\d+ 127\\.0\\.0\\.1:\\d+ disconnected.*"), log);
        }
    }
}
