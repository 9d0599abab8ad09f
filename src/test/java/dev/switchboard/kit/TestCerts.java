package dev.switchboard.kit;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;

/**
 * A throwaway CA and server certificate (for localhost, 127.0.0.1, ::1), made once per test
 * JVM by {@code tools/tls-certs}, so the tests also check the tool users run.
 */
public final class TestCerts {
    private static Path dir;

    private TestCerts() {}

    public static synchronized Path dir() throws IOException, InterruptedException {
        if (dir == null) {
            Path made = Files.createTempDirectory("switchboard-certs");
            Process p = new ProcessBuilder("bash", "tools/tls-certs", made.toString())
                    .redirectErrorStream(true)
                    .start();
            String output = new String(p.getInputStream().readAllBytes());
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IOException("tools/tls-certs failed: " + output);
            }
            dir = made;
        }
        return dir;
    }

    public static Path cert() throws IOException, InterruptedException {
        return dir().resolve("cert.pem");
    }

    public static Path key() throws IOException, InterruptedException {
        return dir().resolve("key.pem");
    }

    public static Path ca() throws IOException, InterruptedException {
        return dir().resolve("ca.pem");
    }

    /** A client context that trusts only the test CA. */
    public static SSLContext clientContext() throws Exception {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        try (InputStream in = Files.newInputStream(ca())) {
            trust.setCertificateEntry("ca", (X509Certificate)
                    CertificateFactory.getInstance("X.509").generateCertificate(in));
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, tmf.getTrustManagers(), null);
        return context;
    }

    /** A TLS client socket to 127.0.0.1:{@code port}, handshake not yet started. */
    public static SSLSocket connect(int port, String... protocols) throws Exception {
        SSLSocket s = (SSLSocket) clientContext().getSocketFactory().createSocket("127.0.0.1", port);
        if (protocols.length > 0) {
            s.setEnabledProtocols(protocols);
        }
        return s;
    }
}
