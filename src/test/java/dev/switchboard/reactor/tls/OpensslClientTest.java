package dev.switchboard.reactor.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.kit.TestCerts;
import dev.switchboard.kit.TestDaemon;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The daemon's TLS listeners as `openssl s_client` users meet them, verifying against the test CA. */
class OpensslClientTest {
    private TestDaemon daemon;

    @BeforeEach
    void start() throws Exception {
        String cert = TestCerts.cert().toString();
        String key = TestCerts.key().toString();
        daemon = TestDaemon.start(o -> o.with(b -> {
            b.tlsPorts.put("command", 0);
            b.tlsPorts.put("chat", 0);
            b.tlsPorts.put("echo", 0);
            b.tlsCert = cert;
            b.tlsKey = key;
        }));
    }

    @AfterEach
    void stop() throws Exception {
        daemon.close();
    }

    /** Runs s_client, feeds it {@code input}, and returns the lines it printed until the server closed. */
    private List<String> sClient(String protocol, String input, String... extra) throws Exception {
        List<String> command = new ArrayList<>(List.of(
                "openssl",
                "s_client",
                "-connect",
                "127.0.0.1:" + daemon.port(protocol + "+tls"),
                "-CAfile",
                TestCerts.ca().toString(),
                "-verify_return_error",
                "-servername",
                "localhost",
                "-quiet"));
        command.addAll(List.of(extra));
        Process p = new ProcessBuilder(command)
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        try (OutputStream in = p.getOutputStream()) {
            in.write(input.getBytes(StandardCharsets.UTF_8));
        }
        List<String> lines = new ArrayList<>();
        try (BufferedReader out =
                new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                lines.add(line);
            }
        }
        assertTrue(p.waitFor(20, TimeUnit.SECONDS), "s_client ended");
        return lines;
    }

    @Test
    void commandOverOpensslGreetsAnswersAndCloses() throws Exception {
        assertEquals(
                List.of("Hello Client!", "200 OK DISCONNECT HELP", "400 BAD REQUEST", "200 OK"),
                sClient("command", "HELP\nFOO\nDISCONNECT\n"));
    }

    @Test
    void echoOverOpensslSaysGoodbye() throws Exception {
        assertEquals(List.of("hello", "Goodbye!"), sClient("echo", "hello\nexit\n"));
    }

    @Test
    void echoOverTls12WorksToo() throws Exception {
        assertEquals(List.of("over 1.2", "Goodbye!"), sClient("echo", "over 1.2\nexit\n", "-tls1_2"));
    }

    @Test
    void chatOverOpensslIsWelcomedAndLeaves() throws Exception {
        List<String> lines = sClient("chat", "hi from openssl\n/quit\n");
        assertEquals("* welcome guest-1", lines.get(0));
        assertTrue(lines.contains("hi from openssl"), lines.toString());
    }

    @Test
    void aSecondOpensslClientResumesTheSessionAndIsAnswered() throws Exception {
        java.nio.file.Path session = java.nio.file.Files.createTempFile("sb-session", ".pem");
        // Not -quiet: s_client then says whether it resumed. -ign_eof: it waits for our close.
        List<String> first = sClientSession("hello\nexit\n", "-sess_out", session.toString());
        assertTrue(first.contains("New, TLSv1.3, Cipher is TLS_AES_128_GCM_SHA256"), first.toString());
        assertTrue(first.contains("Goodbye!"), first.toString());
        List<String> again = sClientSession("again\nexit\n", "-sess_in", session.toString());
        assertTrue(again.contains("Reused, TLSv1.3, Cipher is TLS_AES_128_GCM_SHA256"), again.toString());
        assertTrue(again.stream().anyMatch(l -> l.endsWith("again")), again.toString());
        assertTrue(again.contains("Goodbye!"), again.toString());
    }

    private List<String> sClientSession(String input, String... session) throws Exception {
        List<String> command = new ArrayList<>(List.of(
                "openssl",
                "s_client",
                "-connect",
                "127.0.0.1:" + daemon.port("echo+tls"),
                "-CAfile",
                TestCerts.ca().toString(),
                "-verify_return_error",
                "-servername",
                "localhost",
                "-ign_eof"));
        command.addAll(List.of(session));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        try (OutputStream in = p.getOutputStream()) {
            in.write(input.getBytes(StandardCharsets.UTF_8));
        }
        List<String> lines = new ArrayList<>();
        try (BufferedReader out =
                new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                lines.add(line.strip());
            }
        }
        assertTrue(p.waitFor(20, TimeUnit.SECONDS), "s_client ended");
        return lines;
    }

    @Test
    void tls11IsRefused() throws Exception {
        List<String> lines = sClient("echo", "never\n", "-tls1_1", "-cipher", "DEFAULT@SECLEVEL=0");
        assertEquals(List.of(), lines);
    }
}
