package dev.switchboard.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.kit.DaemonProcess;
import dev.switchboard.kit.TestCerts;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.Test;

/**
 * The log an operator reads (issue 11): ISO 8601 times with their zone, one id per connection
 * on every line about it, one disconnect line with the reason, the chat name, the bytes each
 * way and the duration, and one line (not two) for a close on a deadline.
 */
class OperatorLogTest {
    private static final Duration LOG = Duration.ofSeconds(10);
    private static final Duration EXIT = Duration.ofSeconds(20);

    @Test
    void everyLogLineStartsWithAnIsoTimeWithItsZone() throws Exception {
        try (DaemonProcess d = DaemonProcess.serveOnFreePorts()) {
            OffsetDateTime before = OffsetDateTime.now().minusMinutes(1);
            try (Socket s = new Socket("127.0.0.1", d.port("echo"))) {
                s.getOutputStream().write("x\n".getBytes(StandardCharsets.US_ASCII));
                assertEquals('x', s.getInputStream().read());
            }
            assertTrue(d.waitForLog(" disconnected (", LOG), d.stderr());
            List<String> lines = d.stderr().lines().toList();
            assertTrue(lines.size() >= 8, d.stderr());
            for (String line : lines) {
                String stamp = line.substring(0, line.indexOf(' '));
                assertTrue(
                        stamp.matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}(Z|[+-]\\d\\d:\\d\\d)"), line);
                OffsetDateTime t = OffsetDateTime.parse(stamp);
                assertTrue(t.isAfter(before) && t.isBefore(OffsetDateTime.now().plusMinutes(1)), line);
            }
        }
    }

    @Test
    void aChatMembersLinesShareItsIdAndItsDisconnectSaysNameBytesAndDuration() throws Exception {
        try (DaemonProcess d = DaemonProcess.serveOnFreePorts()) {
            int port;
            long sent = 0;
            byte[] received;
            try (Socket s = new Socket("127.0.0.1", d.port("chat"))) {
                s.setSoTimeout(10_000);
                port = s.getLocalPort();
                OutputStream out = s.getOutputStream();
                InputStream in = s.getInputStream();
                String welcome = readLine(in);
                assertTrue(welcome.startsWith("* welcome guest-"), welcome);
                for (String line : new String[] {"/nick ada\n", "hello, log\n", "/quit\n"}) {
                    byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
                    out.write(bytes);
                    sent += bytes.length;
                }
                // Everything up to the server's end of stream, the welcome included.
                received = (welcome + "\n" + new String(in.readAllBytes(), StandardCharsets.UTF_8))
                        .getBytes(StandardCharsets.UTF_8);
            }
            assertTrue(
                    new String(received, StandardCharsets.UTF_8).endsWith("\n* you are now ada\nhello, log\n"),
                    new String(received, StandardCharsets.UTF_8));
            Pattern disconnect = Pattern.compile(
                    "INFO  chat#(\\d+) 127\\.0\\.0\\.1:" + port
                            + " disconnected \\(closed after goodbye\\) name=ada in=(\\d+) out=(\\d+) duration=(\\d+\\.\\d{3})s\n");
            assertTrue(d.waitForLog(disconnect, LOG), d.stderr());
            String log = d.stderr();
            Matcher m = disconnect.matcher(log);
            assertTrue(m.find());
            String id = m.group(1);
            assertEquals(sent, Long.parseLong(m.group(2)), "bytes in: " + m.group());
            assertEquals(received.length, Long.parseLong(m.group(3)), "bytes out: " + m.group());
            assertTrue(Double.parseDouble(m.group(4)) < 10, m.group());
            String name = "chat#" + id + " 127.0.0.1:" + port + " ";
            assertTrue(log.contains("INFO  " + name + "connected\n"), log);
            assertTrue(log.contains("INFO  " + name + "renamed guest-"), log);
            assertEquals(3, count(log, name), "each line about it names it the same way:\n" + log);
        }
    }

    @Test
    void anEchoClientsDisconnectCountsItsBytesWithoutAName() throws Exception {
        try (DaemonProcess d = DaemonProcess.serveOnFreePorts()) {
            int port;
            try (Socket s = new Socket("127.0.0.1", d.port("echo"))) {
                s.setSoTimeout(10_000);
                port = s.getLocalPort();
                s.getOutputStream().write("hello\nworld\n".getBytes(StandardCharsets.US_ASCII));
                s.shutdownOutput();
                assertEquals(
                        "hello\nworld\n", new String(s.getInputStream().readAllBytes(), StandardCharsets.US_ASCII));
            }
            Pattern line = Pattern.compile("INFO  echo#\\d+ 127\\.0\\.0\\.1:" + port
                    + " disconnected \\(closed by client\\) in=12 out=12 duration=\\d+\\.\\d{3}s\n");
            assertTrue(d.waitForLog(line, LOG), d.stderr());
        }
    }

    @Test
    void aTlsDisconnectCountsWireBytesHandshakeIncluded() throws Exception {
        try (DaemonProcess d = DaemonProcess.serve(
                2,
                "--command-port",
                "off",
                "--frame5-port",
                "off",
                "--header128-port",
                "off",
                "--echo-port",
                "off",
                "--web-port",
                "off",
                "--chat-port",
                "0",
                "--chat-tls-port",
                "0",
                "--tls-cert",
                TestCerts.cert().toString(),
                "--tls-key",
                TestCerts.key().toString())) {
            int port;
            int plaintextIn;
            try (SSLSocket s = TestCerts.connect(d.port("chat+tls"))) {
                s.setSoTimeout(10_000);
                port = s.getLocalPort();
                byte[] quit = "/quit\n".getBytes(StandardCharsets.US_ASCII);
                plaintextIn = quit.length;
                assertTrue(readLine(s.getInputStream()).startsWith("* welcome guest-"));
                s.getOutputStream().write(quit);
                s.getInputStream().readAllBytes();
            }
            Pattern line = Pattern.compile("INFO  chat\\+tls#\\d+ 127\\.0\\.0\\.1:" + port
                    + " disconnected \\(closed after goodbye\\) name=guest-1 in=(\\d+) out=(\\d+) duration=");
            assertTrue(d.waitForLog(line, LOG), d.stderr());
            Matcher m = line.matcher(d.stderr());
            assertTrue(m.find());
            // A ClientHello alone is a few hundred bytes, the server's flight with its certificate more.
            assertTrue(Long.parseLong(m.group(1)) > plaintextIn + 200, m.group());
            assertTrue(Long.parseLong(m.group(2)) > 1000, m.group());
        }
    }

    @Test
    void anIdleTimeoutOrAFrameTimeoutCloseIsOneLineSayingWhatAndAfterHowLong() throws Exception {
        try (DaemonProcess d = DaemonProcess.serveOnFreePorts("--echo-idle-timeout", "0.3", "--frame-timeout", "0.4")) {
            int idle;
            try (Socket s = new Socket("127.0.0.1", d.port("echo"))) {
                s.setSoTimeout(10_000);
                idle = s.getLocalPort();
                assertEquals(-1, s.getInputStream().read(), "closed for idleness");
            }
            int partial;
            try (Socket s = new Socket("127.0.0.1", d.port("chat"))) {
                s.setSoTimeout(10_000);
                partial = s.getLocalPort();
                s.getOutputStream().write("no newline".getBytes(StandardCharsets.US_ASCII));
                String rest = new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                assertTrue(rest.endsWith("! message incomplete after 0.4 s\n"), rest);
            }
            assertTrue(d.waitForLog("127.0.0.1:" + partial + " disconnected", LOG), d.stderr());
            assertTrue(d.waitForLog("127.0.0.1:" + idle + " disconnected", LOG), d.stderr());
            String log = d.stderr();
            List<String> aboutIdle = linesAbout(log, "echo", idle);
            assertEquals(2, aboutIdle.size(), log);
            assertTrue(aboutIdle.get(0).endsWith(" connected"), log);
            assertTrue(
                    aboutIdle.get(1).matches(".* disconnected \\(idle timeout after 0\\.3 s\\) in=0 out=0 duration=.*"),
                    log);
            List<String> aboutPartial = linesAbout(log, "chat", partial);
            assertEquals(2, aboutPartial.size(), log);
            assertTrue(
                    aboutPartial
                            .get(1)
                            .matches(".* disconnected \\(partial message timed out after 0\\.4 s\\) name=guest-1 "
                                    + "in=10 out=\\d+ duration=.*"),
                    log);
            assertFalse(log.contains("idle for"), log);
        }
    }

    private static List<String> linesAbout(String log, String listener, int port) {
        Pattern p = Pattern.compile(" " + Pattern.quote(listener) + "#\\d+ 127\\.0\\.0\\.1:" + port + " ");
        return log.lines().filter(l -> p.matcher(l).find()).toList();
    }

    private static int count(String text, String part) {
        int n = 0;
        for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) {
            n++;
        }
        return n;
    }

    private static String readLine(InputStream in) throws Exception {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != '\n') {
            if (b < 0) {
                throw new AssertionError("closed inside a line: " + line);
            }
            line.write(b);
        }
        return line.toString(StandardCharsets.UTF_8);
    }
}
