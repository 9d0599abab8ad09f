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

    private record Run(int status, List<String> out, String err) {
    }

    private static Run client(String input, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = ClientMain.run(args, new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        String text = out.toString(StandardCharsets.UTF_8);
        return new Run(status, text.isEmpty() ? List.of() : List.of(text.split("\n")), err.toString(StandardCharsets.UTF_8));
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
        assertTrue(r.out().get(2).startsWith("* online: ") && r.out().get(2).contains("scripted"), r.out().get(2));
        assertEquals(0, r.status(), r.err());
    }

    @Test
    void connectionRefusedIsOneLineAndStatusOne() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        Run r = client("HELP\n", "--protocol", "command", "--port", Integer.toString(port));
        assertEquals(1, r.status());
        assertEquals("switchboard: cannot connect to 127.0.0.1:" + port + " (command): connection refused", r.err().strip());
    }

    @Test
    void silentServerIsATimeoutAndStatusOne() throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Thread acceptor = new Thread(() -> {
                try (Socket s = silent.accept()) {
                    s.getInputStream().readAllBytes();
                } catch (Exception e) {
                    // The test is over.
                }
            });
            acceptor.start();
            Run r = client("echo hi\n", "--protocol", "frame5", "--port", Integer.toString(silent.getLocalPort()),
                    "--timeout", "0.3");
            assertEquals(1, r.status());
            assertEquals("switchboard: no reply within 0.3 s", r.err().strip());
        }
    }

    @Test
    void serverClosingEarlyIsOneLineAndStatusOne() throws Exception {
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
            assertEquals(1, r.status());
            assertEquals("switchboard: connection closed by server", r.err().strip());
        }
    }

    @Test
    void badClientOptionsAreUsageErrors() {
        assertEquals(2, client("", "--protocol", "smoke").status());
        assertEquals(2, client("").status());
        assertEquals(2, client("", "--protocol", "echo", "--port", "0").status());
    }
}
