package dev.switchboard.client;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Collection;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * TLS for the client: TLS 1.3 or 1.2 only; by default the server's chain is checked against the
 * JDK's trust store and its certificate must name the host we asked for (as a browser checks);
 * {@code --cacert} trusts the given certificates instead; {@code --insecure} checks nothing.
 */
final class ClientTls {
    static final String[] PROTOCOLS = {"TLSv1.3", "TLSv1.2"};
    private final SSLSocketFactory factory;
    private final boolean insecure;

    private ClientTls(SSLSocketFactory factory, boolean insecure) {
        this.factory = factory;
        this.insecure = insecure;
    }

    /** The TLS set-up the options ask for; a CA file that cannot be used is a usage error. */
    static ClientTls of(ClientOptions options) throws UsageError {
        try {
            TrustManager[] trust;
            if (options.insecure()) {
                trust = new TrustManager[] {new TrustEverything()};
            } else {
                TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
                tmf.init(options.cacert() == null ? null : trustStore(options.cacert()));
                trust = tmf.getTrustManagers();
            }
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust, null);
            return new ClientTls(context.getSocketFactory(), options.insecure());
        } catch (GeneralSecurityException e) {
            throw new UsageError("cannot set up TLS: " + e.getMessage());
        }
    }

    private static KeyStore trustStore(Path file) throws UsageError, GeneralSecurityException {
        Collection<? extends Certificate> certificates;
        try (InputStream in = Files.newInputStream(file)) {
            certificates = CertificateFactory.getInstance("X.509").generateCertificates(in);
        } catch (NoSuchFileException e) {
            throw new UsageError("--cacert " + file + ": no such file");
        } catch (IOException e) {
            throw new UsageError("--cacert " + file + ": cannot read it: " + e.getMessage());
        } catch (CertificateException e) {
            throw new UsageError("--cacert " + file + ": not a PEM certificate");
        }
        if (certificates.isEmpty()) {
            throw new UsageError("--cacert " + file + ": holds no PEM certificate");
        }
        KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
        try {
            store.load(null, null);
        } catch (IOException e) {
            throw new GeneralSecurityException(e);
        }
        int n = 0;
        for (Certificate c : certificates) {
            store.setCertificateEntry("ca-" + n++, c);
        }
        return store;
    }

    /**
     * Puts TLS over a connected socket and finishes the handshake within {@code timeoutMillis},
     * so a certificate problem is reported at connect time, not at the first command.
     */
    SSLSocket wrap(Socket plain, String host, int port, int timeoutMillis) throws IOException {
        SSLSocket socket = (SSLSocket) factory.createSocket(plain, host, port, true);
        SSLParameters parameters = socket.getSSLParameters();
        parameters.setProtocols(PROTOCOLS);
        if (!insecure) {
            parameters.setEndpointIdentificationAlgorithm("HTTPS");
        }
        socket.setSSLParameters(parameters);
        socket.setSoTimeout(timeoutMillis);
        try {
            socket.startHandshake();
        } catch (IOException e) {
            socket.close();
            throw e;
        }
        socket.setSoTimeout(0);
        return socket;
    }

    /** What went wrong in a handshake, in the user's terms, with what to do about it. */
    static String explain(IOException e, String host) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            String m = String.valueOf(t.getMessage());
            if (m.contains("No subject alternative") || m.contains("No name matching")) {
                return "the server's certificate does not name " + host
                        + " (connect with the name it holds, or --insecure to skip checks)";
            }
            if (m.contains("PKIX path") || m.contains("unable to find valid certification path")) {
                return "the server's certificate is not trusted (--cacert FILE trusts its CA, --insecure skips checks)";
            }
            if (m.contains("NotAfter") || m.contains("NotBefore") || m.contains("validity")) {
                return "the server's certificate is expired or not yet valid";
            }
            // A plaintext server greets in text, or (echo) sends our ClientHello straight back.
            if (m.contains("Unsupported or unrecognized SSL message")
                    || m.contains("Unexpected handshake message: client_hello")) {
                return "the server did not answer in TLS (is that a plaintext port?)";
            }
            if (m.contains("protocol_version") || m.contains("No appropriate protocol")) {
                return "the server speaks neither TLS 1.3 nor TLS 1.2";
            }
            if (m.contains("Remote host terminated") || m.contains("closed")) {
                return "the server closed the connection during the TLS handshake (is that a TLS port?)";
            }
        }
        return String.valueOf(e.getMessage());
    }

    /** {@code --insecure}: any certificate, any name. For trying things out only. */
    private static final class TrustEverything extends X509ExtendedTrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
            // Not a server: never asked.
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
            // --insecure: the user asked for no checks.
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) {
            // Not a server: never asked.
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {
            // --insecure: the user asked for no checks.
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
            // Not a server: never asked.
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
            // --insecure: the user asked for no checks.
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
