package dev.switchboard.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.kit.SharedDaemon;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The client over TLS against a JDK TLS server with a self-signed certificate that names
 * {@code localhost} only: trusted with --cacert, refused by default, unchecked with --insecure.
 */
class TlsClientTest {
    @RegisterExtension
    static final SharedDaemon daemon = new SharedDaemon();

    @TempDir
    static Path dir;

    static Path cert;
    static TlsServer server;

    @BeforeAll
    static void start() throws Exception {
        cert = TlsServer.makeCertificate(dir, "dns:localhost");
        server = new TlsServer(dir, "TLSv1.3", "TLSv1.2");
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    private record Run(int status, String out, String err) {}

    private static Run client(String input, int port, String... more) {
        List<String> args = new ArrayList<>(List.of("-P", "echo", "-p", Integer.toString(port)));
        args.addAll(List.of(more));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = ClientMain.run(
                args.toArray(String[]::new),
                dev.switchboard.app.Protocols.client(),
                new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)),
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void cacertTrustsTheSelfSignedCertificateForTheNameItHolds() {
        Run r = client(
                "hello over tls\nexit\n", server.port(), "-h", "localhost", "--tls", "--cacert", cert.toString());
        assertEquals("hello over tls\nGoodbye!\n", r.out(), r.err());
        assertEquals(0, r.status());
    }

    @Test
    void cacertAloneImpliesTlsAndOneShotWorks() {
        Run r = client("", server.port(), "-h", "localhost", "--cacert", cert.toString(), "one", "shot");
        assertEquals("one shot\n", r.out(), r.err());
        assertEquals(0, r.status());
    }

    @Test
    void aCertificateThatDoesNotNameTheHostIsRefused() {
        Run r = client("hello\n", server.port(), "-h", "127.0.0.1", "--cacert", cert.toString());
        assertEquals(3, r.status());
        assertTrue(r.err().contains("TLS handshake failed: the server's certificate does not name 127.0.0.1"), r.err());
    }

    @Test
    void byDefaultTheJdkTrustStoreDecidesAndASelfSignedCertificateIsNotTrusted() {
        Run r = client("hello\n", server.port(), "-h", "localhost", "--tls");
        assertEquals(3, r.status());
        assertTrue(r.err().contains("the server's certificate is not trusted (--cacert FILE"), r.err());
    }

    @Test
    void insecureChecksNothing() {
        Run r = client("hello anyway\n", server.port(), "-h", "127.0.0.1", "--insecure");
        assertEquals("hello anyway\n", r.out(), r.err());
        assertEquals(0, r.status());
    }

    @Test
    void aServerOfferingOnlyTls11IsRefused() throws Exception {
        try (TlsServer old = new TlsServer(dir, "TLSv1.1")) {
            Run r = client("hello\n", old.port(), "-h", "localhost", "--cacert", cert.toString());
            assertEquals(3, r.status());
            assertTrue(r.err().contains("TLS handshake failed"), r.err());
        }
    }

    @Test
    void tlsToAPlaintextPortSaysSo() {
        Run r = client("HELP\n", daemon.port("command"), "-P", "command", "--insecure", "--timeout", "2");
        assertEquals(3, r.status());
        assertTrue(r.err().contains("(command+tls)") && r.err().contains("plaintext port"), r.err());
    }

    @Test
    void theInteractiveClientSpeaksTlsAndSaysSo(@TempDir Path home) throws Exception {
        ClientTls tls = ClientTls.of(
                ClientOptions.parse(dev.switchboard.app.Protocols.client(), "-P", "echo", "--cacert", cert.toString()));
        Endpoint endpoint = new Endpoint("localhost", server.port(), "echo", 5000, tls);
        try (Console c = new Console("dumb", new EchoDialect(), endpoint, home.resolve("h"))) {
            c.awaitShown("Connected to echo localhost:" + server.port() + " over TLS.");
            c.type("secret words\n").awaitShown("secret words", 2).type("exit\n");
            assertEquals(0, c.exitStatus());
            assertTrue(c.screen().contains("Goodbye!"), c.screen());
        }
    }

    @Test
    void aCacertFileWithoutACertificateIsAUsageError() throws Exception {
        Path junk = Files.writeString(dir.resolve("junk.pem"), "not a certificate\n");
        Run r = client("", server.port(), "--cacert", junk.toString());
        assertEquals(2, r.status());
        assertTrue(r.err().contains("--cacert " + junk + ": "), r.err());
    }
}
