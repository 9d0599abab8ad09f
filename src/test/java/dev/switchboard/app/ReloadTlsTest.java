package dev.switchboard.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.kit.DaemonProcess;
import dev.switchboard.kit.TestClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SIGHUP re-reads the certificate and key: new handshakes get the new one, open sessions go on. */
class ReloadTlsTest {
    private static final Duration WAIT = Duration.ofSeconds(20);

    @TempDir
    Path dir;

    @Test
    void afterSighupNewHandshakesShowTheRenewedCertificateAndAnOlderTlsConnectionIsStillServed() throws Exception {
        Path first = certificates("first", "localhost");
        Path renewed = certificates("renewed", "renewed.localhost");
        Path live = Files.createDirectory(dir.resolve("live"));
        copy(first, live);
        Path config = dir.resolve("switchboard.properties");
        Files.writeString(
                config,
                "command-port=0\ncommand-tls-port=0\nframe5-port=off\nheader128-port=off\nchat-port=off\n"
                        + "echo-port=off\nweb-port=off\ntls-cert=" + live.resolve("cert.pem") + "\ntls-key="
                        + live.resolve("key.pem") + "\n");
        try (DaemonProcess d = DaemonProcess.serve(2, "--config", config.toString());
                TestClient before = tls(d.port("command+tls"))) {
            assertEquals("Hello Client!", before.readLine());
            X509Certificate old = leaf(before);
            assertEquals("CN=localhost", old.getSubjectX500Principal().getName());

            // Renewed in place, as certbot does: the same paths, new files.
            copy(renewed, live);
            d.sighup();
            assertTrue(d.waitForLog("TLS certificate and key re-read (CN=renewed.localhost", WAIT), d.stderr());

            try (TestClient after = tls(d.port("command+tls"))) {
                assertEquals("Hello Client!", after.readLine());
                X509Certificate now = leaf(after);
                assertEquals(
                        "CN=renewed.localhost", now.getSubjectX500Principal().getName());
                assertNotEquals(old.getSerialNumber(), now.getSerialNumber());
                after.send("HELP\n");
                assertEquals("200 OK DISCONNECT HELP", after.readLine());
            }
            before.send("HELP\n");
            assertEquals("200 OK DISCONNECT HELP", before.readLine());
            assertEquals(old.getSerialNumber(), leaf(before).getSerialNumber());

            // A key that does not match the certificate: one ERROR, the renewed one still serves.
            Files.copy(first.resolve("key.pem"), live.resolve("key.pem"), StandardCopyOption.REPLACE_EXISTING);
            d.sighup();
            assertTrue(d.waitForLog("ERROR reload failed: --tls-key", WAIT), d.stderr());
            try (TestClient again = tls(d.port("command+tls"))) {
                assertEquals("Hello Client!", again.readLine());
                assertEquals(
                        "CN=renewed.localhost",
                        leaf(again).getSubjectX500Principal().getName());
            }
        }
    }

    private Path certificates(String name, String host) throws Exception {
        Path out = dir.resolve(name);
        Process p = new ProcessBuilder("bash", "tools/tls-certs", out.toString(), host, "127.0.0.1")
                .redirectErrorStream(true)
                .start();
        String output = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0, output);
        return out;
    }

    private static void copy(Path from, Path to) throws Exception {
        for (String file : new String[] {"cert.pem", "key.pem"}) {
            Files.copy(from.resolve(file), to.resolve(file), StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** Any certificate is accepted: the test looks at which one the server presents. */
    private static TestClient tls(int port) throws Exception {
        TrustManager any = new X509TrustManager() {
            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType) {}

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType) {}

            @Override
            public X509Certificate[] getAcceptedIssuers() {
                return new X509Certificate[0];
            }
        };
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, new TrustManager[] {any}, null);
        SSLSocket s = (SSLSocket) context.getSocketFactory().createSocket("127.0.0.1", port);
        s.startHandshake();
        return new TestClient(s);
    }

    private static X509Certificate leaf(TestClient c) throws Exception {
        return (X509Certificate) ((SSLSocket) c.socket()).getSession().getPeerCertificates()[0];
    }
}
