package dev.switchboard.reactor.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.kit.TestDaemon;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The server key is handed to TLS without a key store (OneKeyManager): RSA, EC and Ed25519
 * certificates each serve TLS 1.3 and 1.2, as `openssl s_client` meets them, and the key
 * chooser offers the key for its own algorithm only.
 */
class ServerKeyTypesTest {
    @TempDir
    Path dir;

    @Test
    void rsaEcAndEd25519CertificatesServeTls13And12() throws Exception {
        for (String[] kind : List.of(
                new String[] {"rsa", "-newkey", "rsa:2048"},
                new String[] {"ec", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1"},
                new String[] {"ed25519", "-newkey", "ed25519"})) {
            Path cert = dir.resolve(kind[0] + "-cert.pem");
            Path key = dir.resolve(kind[0] + "-key.pem");
            List<String> req = new ArrayList<>(List.of("openssl", "req", "-x509", "-nodes", "-days", "2"));
            req.addAll(List.of(kind).subList(1, kind.length));
            req.addAll(List.of("-keyout", key.toString(), "-out", cert.toString(), "-subj", "/CN=localhost"));
            run(req, "");
            try (TestDaemon daemon = TestDaemon.start(o -> o.with(b -> {
                b.tlsPorts.put("command", 0);
                b.tlsCert = cert.toString();
                b.tlsKey = key.toString();
            }))) {
                for (String version : List.of("-tls1_3", "-tls1_2")) {
                    String out = run(
                            List.of(
                                    "openssl",
                                    "s_client",
                                    "-connect",
                                    "127.0.0.1:" + daemon.port("command+tls"),
                                    "-CAfile",
                                    cert.toString(),
                                    "-verify_return_error",
                                    // Reads on after its input ends, until DISCONNECT closes.
                                    "-ign_eof",
                                    version),
                            "DISCONNECT\n");
                    assertTrue(out.contains("Hello Client!\n200 OK\n"), kind[0] + " " + version + ":\n" + out);
                    assertTrue(out.contains("Verify return code: 0 (ok)"), kind[0] + " " + version + ":\n" + out);
                }
            }
        }
    }

    @Test
    void theKeyIsOfferedForItsOwnAlgorithmOnly() throws Exception {
        Path cert = dir.resolve("cert.pem");
        Path key = dir.resolve("key.pem");
        run(
                List.of(
                        "openssl",
                        "req",
                        "-x509",
                        "-nodes",
                        "-days",
                        "2",
                        "-newkey",
                        "ec",
                        "-pkeyopt",
                        "ec_paramgen_curve:prime256v1",
                        "-keyout",
                        key.toString(),
                        "-out",
                        cert.toString(),
                        "-subj",
                        "/CN=localhost"),
                "");
        java.security.cert.X509Certificate x509;
        try (var in = Files.newInputStream(cert)) {
            x509 = (java.security.cert.X509Certificate)
                    java.security.cert.CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
        OneKeyManager keys = new OneKeyManager(null, List.of(x509));
        assertTrue(keys.fits("EC"));
        assertTrue(keys.fits("EC_EC"), "self-signed with ECDSA");
        assertEquals(false, keys.fits("EC_RSA"));
        assertEquals(false, keys.fits("RSA"));
        assertEquals(false, keys.fits("RSASSA-PSS"));
        assertEquals(false, keys.fits(null));
        assertEquals("server", keys.chooseEngineServerAlias("EC", null, null));
        assertEquals(null, keys.chooseEngineServerAlias("RSA", null, null));
        assertEquals(x509, keys.getCertificateChain("server")[0]);
        assertEquals(null, keys.getCertificateChain("other"));
        assertEquals(null, keys.chooseEngineClientAlias(new String[] {"EC"}, null, null));
    }

    /** Runs {@code command} with {@code input}, returning stdout and stderr; it must exit 0. */
    private static String run(List<String> command, String input) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        try (OutputStream in = p.getOutputStream()) {
            in.write(input.getBytes(StandardCharsets.UTF_8));
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "still running: " + command);
        assertEquals(0, p.exitValue(), command + ":\n" + out);
        return out;
    }
}
