package dev.switchboard.reactor.tls;

import dev.switchboard.reactor.SocketTransport;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManager;

/**
 * The server's TLS identity (a PEM certificate chain and its PKCS#8 key) and the engines made
 * from it: TLS 1.3 and 1.2 only, client renegotiation refused.
 */
public final class TlsContext {
    private static final String[] PROTOCOLS = {"TLSv1.3", "TLSv1.2"};
    /**
     * Forward-secret AEAD suites only, in the server's order of preference. AES-128-GCM first,
     * as Netty's and OpenSSL's servers prefer it: as sound as AES-256 here and a quarter less
     * work per record (the JDK's own order starts with AES-256).
     */
    private static final List<String> SUITES = List.of(
            "TLS_AES_128_GCM_SHA256",
            "TLS_AES_256_GCM_SHA384",
            "TLS_CHACHA20_POLY1305_SHA256",
            "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256",
            "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
            "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384",
            "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384",
            "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256",
            "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256");

    private static final Pattern KEY =
            Pattern.compile("-----BEGIN PRIVATE KEY-----([A-Za-z0-9+/=\\s]+)-----END PRIVATE KEY-----");
    private final SSLContext context;
    private final X509Certificate leaf;
    private final String[] protocols;
    private final String[] suites;

    private TlsContext(SSLContext context, X509Certificate leaf) {
        this.context = context;
        this.leaf = leaf;
        SSLParameters supported = context.getSupportedSSLParameters();
        List<String> versions = Arrays.asList(supported.getProtocols());
        this.protocols = Arrays.stream(PROTOCOLS).filter(versions::contains).toArray(String[]::new);
        List<String> ciphers = Arrays.asList(supported.getCipherSuites());
        this.suites = SUITES.stream().filter(ciphers::contains).toArray(String[]::new);
    }

    /** Loads and checks the files; a problem is one line naming the option and the file. */
    public static TlsContext load(Path certFile, Path keyFile) throws TlsConfigException {
        // Before the first engine: a client may not start a new handshake on an open session.
        System.setProperty("jdk.tls.rejectClientInitiatedRenegotiation", "true");
        List<X509Certificate> chain = certificates(certFile);
        PrivateKey key = privateKey(keyFile);
        if (!matches(key, chain.get(0))) {
            throw new TlsConfigException(
                    "--tls-key " + keyFile + ": the key does not match the certificate in " + certFile);
        }
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            // No trust managers: the server asks no client for a certificate, and null would
            // parse the JDK's whole cacerts file (~70 ms of start-up) to trust nobody here.
            context.init(new KeyManager[] {new OneKeyManager(key, chain)}, new TrustManager[0], null);
            return new TlsContext(context, chain.get(0));
        } catch (GeneralSecurityException e) {
            throw new TlsConfigException(
                    "--tls-cert " + certFile + ": cannot use this certificate and key: " + e.getMessage());
        }
    }

    /** The leaf certificate's subject and serial, so a log line can say which one serves. */
    public String describe() {
        return leaf.getSubjectX500Principal().getName() + ", serial "
                + leaf.getSerialNumber().toString(16);
    }

    /** A TLS transport for a newly accepted socket; loop thread. */
    public TlsTransport transport(SocketTransport socket) {
        return new TlsTransport(socket, newEngine());
    }

    /** A server engine: TLS 1.3 and 1.2, our suites in our order. */
    public SSLEngine newEngine() {
        SSLEngine engine = context.createSSLEngine();
        engine.setUseClientMode(false);
        engine.setEnabledProtocols(protocols);
        // A JDK server engine honours its own order of suites unless told otherwise.
        engine.setEnabledCipherSuites(suites);
        return engine;
    }

    private static List<X509Certificate> certificates(Path file) throws TlsConfigException {
        Collection<? extends Certificate> found;
        try (InputStream in = Files.newInputStream(file)) {
            found = CertificateFactory.getInstance("X.509").generateCertificates(in);
        } catch (IOException e) {
            throw new TlsConfigException("--tls-cert " + file + ": cannot read the file ("
                    + e.getClass().getSimpleName() + ")");
        } catch (GeneralSecurityException e) {
            throw new TlsConfigException("--tls-cert " + file + ": no PEM certificate in the file");
        }
        List<X509Certificate> chain = new ArrayList<>();
        for (Certificate c : found) {
            chain.add((X509Certificate) c);
        }
        if (chain.isEmpty()) {
            throw new TlsConfigException("--tls-cert " + file + ": no PEM certificate in the file");
        }
        return chain;
    }

    private static PrivateKey privateKey(Path file) throws TlsConfigException {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new TlsConfigException("--tls-key " + file + ": cannot read the file ("
                    + e.getClass().getSimpleName() + ")");
        }
        Matcher m = KEY.matcher(text);
        if (!m.find()) {
            String hint = text.contains("BEGIN RSA PRIVATE KEY") || text.contains("BEGIN EC PRIVATE KEY")
                    ? " (this one is not PKCS#8: convert it with openssl pkcs8 -topk8 -nocrypt)"
                    : "";
            throw new TlsConfigException("--tls-key " + file + ": no PEM PKCS#8 private key in the file" + hint);
        }
        byte[] der;
        try {
            der = Base64.getMimeDecoder().decode(m.group(1));
        } catch (IllegalArgumentException e) {
            throw new TlsConfigException("--tls-key " + file + ": the key is not valid base64");
        }
        for (String algorithm : List.of("RSA", "EC", "Ed25519", "RSASSA-PSS")) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
            } catch (GeneralSecurityException e) {
                // Try the next algorithm: PKCS#8 names it inside, but KeyFactory wants it first.
            }
        }
        throw new TlsConfigException("--tls-key " + file + ": not an RSA or EC private key");
    }

    /** True if {@code key} signs what the certificate's public key verifies. */
    private static boolean matches(PrivateKey key, X509Certificate cert) {
        // An RSA CRT key carries its public half: comparing it is exact, where a trial
        // signature costs tens of milliseconds of start-up in a JVM that has compiled nothing.
        if (key instanceof RSAPrivateCrtKey rsa && cert.getPublicKey() instanceof RSAPublicKey pub) {
            return rsa.getModulus().equals(pub.getModulus())
                    && rsa.getPublicExponent().equals(pub.getPublicExponent());
        }
        String algorithm =
                switch (key.getAlgorithm()) {
                    case "RSA" -> "SHA256withRSA";
                    case "EC" -> "SHA256withECDSA";
                    case "EdDSA", "Ed25519" -> "Ed25519";
                    default -> "RSASSA-PSS";
                };
        try {
            byte[] probe = "switchboard key check".getBytes(StandardCharsets.US_ASCII);
            Signature signer = Signature.getInstance(algorithm);
            signer.initSign(key);
            signer.update(probe);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(cert.getPublicKey());
            verifier.update(probe);
            return verifier.verify(signature);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }
}
