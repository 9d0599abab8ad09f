package dev.switchboard.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.kit.SharedDaemon;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The client in scripted mode (standard input not a terminal) against the real daemon. */
class ScriptedClientTest {
    @RegisterExtension
    static final SharedDaemon daemon = new SharedDaemon();

    private record Run(int status, List<String> out, String err) {}

    private static Run client(String input, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = ClientMain.run(
                args,
                dev.switchboard.app.Protocols.client(),
                new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)),
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        String text = out.toString(StandardCharsets.UTF_8);
        return new Run(
                status, text.isEmpty() ? List.of() : List.of(text.split("\n")), err.toString(StandardCharsets.UTF_8));
    }

    private static Run client(String protocol, String input) {
        return client(input, "--protocol", protocol, "--port", Integer.toString(daemon.port(protocol)));
    }

    @Test
    void commandPrintsOneReplyPerLineAndExitsZero() {
        Run r = client("command", "HELP\nDISCONNECT\n");
        assertEquals(List.of("200 OK DISCONNECT HELP", "200 OK"), r.out());
        assertEquals(0, r.status(), r.err());
    }

    @Test
    void badRequestIsPrintedAndTheExitStatusIsOne() {
        Run r = client("command", "FOO\nHELP\n");
        assertEquals(List.of("400 BAD REQUEST", "200 OK DISCONNECT HELP"), r.out());
        assertEquals(1, r.status());
    }

    @Test
    void frame5SpeaksSeed001sClientWords() {
        Run r = client("frame5", "echo Hello, World!\nrev custom protocols are fun\nquit\n");
        assertEquals(List.of("Hello, World!", "nuf era slocotorp motsuc", "bye"), r.out());
        assertEquals(0, r.status(), r.err());
    }

    @Test
    void frame5UnknownWordIsAUsageErrorAndStatusOne() {
        Run r = client("frame5", "jump\necho still\n");
        assertEquals(List.of("still"), r.out());
        assertTrue(r.err().contains("unknown command 'jump'"), r.err());
        assertEquals(1, r.status());
    }

    @Test
    void header128AcknowledgesEachLine() {
        Run r = client("header128", "hello\nworld\n!DISCONNECT!\n");
        assertEquals(List.of("Msg received", "Msg received", "Msg received"), r.out());
        assertEquals(0, r.status(), r.err());
    }

    @Test
    void echoReturnsLinesAndSaysGoodbye() {
        Run r = client("echo", "hello\nexit\n");
        assertEquals(List.of("hello", "Goodbye!"), r.out());
        assertEquals(0, r.status(), r.err());
    }

    @Test
    void chatPrintsOwnLinesAndCommandReplies() {
        Run r = client("chat", "hi all\n/nick scripted\n/who\n/quit\n");
        assertEquals("hi all", r.out().get(0));
        assertEquals("* you are now scripted", r.out().get(1));
        assertTrue(
                r.out().get(2).startsWith("* online: ") && r.out().get(2).contains("scripted"),
                r.out().get(2));
        assertEquals(0, r.status(), r.err());
    }

    @Test
    void connectionRefusedIsOneLineWithAHintAndStatusThree() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        Run r = client("HELP\n", "--protocol", "command", "--port", Integer.toString(port));
        assertEquals(3, r.status());
        assertEquals(
                "switchboard: cannot connect to 127.0.0.1:" + port
                        + " (command): connection refused; is `switchboard serve` running there?",
                r.err().strip());
    }

    @Test
    void silentServerIsATimeoutAndStatusThree() throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Thread acceptor = new Thread(() -> {
                try (Socket s = silent.accept()) {
                    s.getInputStream().readAllBytes();
                } catch (Exception e) {
                    // The test is over.
                }
            });
            acceptor.start();
            Run r = client(
                    "echo hi\n",
                    "--protocol",
                    "frame5",
                    "--port",
                    Integer.toString(silent.getLocalPort()),
                    "--timeout",
                    "0.3");
            assertEquals(3, r.status());
            assertEquals("switchboard: no reply within 0.3 s", r.err().strip());
        }
    }

    @Test
    void serverClosingEarlyIsOneLineAndStatusThree() throws Exception {
        try (ServerSocket closing = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Thread acceptor = new Thread(() -> {
                try (Socket s = closing.accept()) {
                    s.getInputStream().read();
                } catch (Exception e) {
                    // The test is over.
                }
            });
            acceptor.start();
            Run r = client("hello\n", "--protocol", "echo", "--port", Integer.toString(closing.getLocalPort()));
            assertEquals(3, r.status());
            assertEquals("switchboard: connection closed by server", r.err().strip());
        }
    }

    @Test
    void shortOptionsAreRedisClisHostPortAndProtocol() {
        Run r = client("HELP\n", "-h", "127.0.0.1", "-p", Integer.toString(daemon.port("command")), "-P", "command");
        assertEquals(List.of("200 OK DISCONNECT HELP"), r.out());
        assertEquals(0, r.status(), r.err());
    }

    @Test
    void oneShotSendsTheCommandFromTheCommandLineAndExitsWithItsStatus() {
        Run r = client("", "-P", "frame5", "-p", Integer.toString(daemon.port("frame5")), "rev", "hello");
        assertEquals(List.of("olleh"), r.out());
        assertEquals(0, r.status(), r.err());
        Run bad = client("", "-P", "command", "-p", Integer.toString(daemon.port("command")), "FOO");
        assertEquals(List.of("400 BAD REQUEST"), bad.out());
        assertEquals(1, bad.status());
    }

    @Test
    void oneShotRepeatsWithCountAndInterval() {
        long start = System.nanoTime();
        Run r = client(
                "", "-P", "echo", "-p", Integer.toString(daemon.port("echo")), "-r", "3", "-i", "0.1", "hi", "there");
        assertEquals(List.of("hi there", "hi there", "hi there"), r.out());
        assertEquals(0, r.status(), r.err());
        assertTrue(System.nanoTime() - start >= 200_000_000L, "two pauses of 0.1 s between three sends");
    }

    @Test
    void latencyPrintsMinAvgMaxAndP99AfterTheGivenSamples() {
        for (String protocol : List.of("command", "frame5", "header128", "echo")) {
            Run r = client(
                    "",
                    "-P",
                    protocol,
                    "-p",
                    Integer.toString(daemon.port(protocol)),
                    "--latency",
                    "-r",
                    "20",
                    "-i",
                    "0");
            assertEquals(0, r.status(), protocol + ": " + r.err());
            assertEquals(1, r.out().size(), protocol + ": " + r.out());
            assertTrue(
                    r.out()
                            .get(0)
                            .matches("min [0-9.]+ ms, avg [0-9.]+ ms, max [0-9.]+ ms, p99 [0-9.]+ ms \\(20 samples\\)"),
                    protocol + ": " + r.out().get(0));
        }
    }

    @Test
    void latencyOnChatIsAUsageError() {
        Run r = client("", "-P", "chat", "-p", Integer.toString(daemon.port("chat")), "--latency");
        assertEquals(2, r.status());
        assertTrue(r.err().contains("--latency needs a request-reply protocol"), r.err());
    }

    @Test
    void helpIsTheClientsOwnTextAndStatusZero() {
        Run r = client("", "--help", "-h", "anyhost");
        assertEquals(0, r.status());
        String text = String.join("\n", r.out());
        assertTrue(
                text.contains("-P, --protocol") && text.contains("--cacert FILE") && text.contains("Exit status"),
                text);
    }

    @Test
    void badClientOptionsAreUsageErrors() {
        assertEquals(
                2,
                client("", "--protocol", "echo", "--cacert", "/nonexistent/ca.pem")
                        .status());
        assertEquals(
                2,
                client("", "--protocol", "echo", "--cacert", "x.pem", "--insecure")
                        .status());
        assertEquals(2, client("", "--protocol", "echo", "-r", "3").status());
        assertEquals(2, client("", "--protocol", "echo", "-r", "0", "hi").status());
        assertEquals(2, client("", "--protocol", "smoke").status());
        assertEquals(2, client("").status());
        assertEquals(2, client("", "--protocol", "echo", "--port", "0").status());
    }
}
