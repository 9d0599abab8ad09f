package dev.switchboard.reactor.tls;

import java.net.Socket;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedKeyManager;

/**
 * The server's one key and certificate chain, handed to JSSE without a key store: a PKCS12
 * store made only to feed the JDK's key manager costs ~40 ms of start-up (its provider, its
 * key wrapping) for a key that never leaves memory. Chooses the key as the JDK's SunX509
 * manager does: by the certificate's key algorithm, and for a combined type such as
 * {@code EC_RSA} by the algorithm the certificate was signed with as well. Offers it for
 * any issuer list a client sends, as OpenSSL servers do.
 */
final class OneKeyManager extends X509ExtendedKeyManager {
    private static final String ALIAS = "server";
    private final PrivateKey key;
    private final X509Certificate[] chain;

    OneKeyManager(PrivateKey key, List<X509Certificate> chain) {
        this.key = key;
        this.chain = chain.toArray(new X509Certificate[0]);
    }

    @Override
    public String chooseEngineServerAlias(String keyType, Principal[] issuers, SSLEngine engine) {
        return fits(keyType) ? ALIAS : null;
    }

    @Override
    public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
        return fits(keyType) ? ALIAS : null;
    }

    @Override
    public String[] getServerAliases(String keyType, Principal[] issuers) {
        return fits(keyType) ? new String[] {ALIAS} : null;
    }

    @Override
    public X509Certificate[] getCertificateChain(String alias) {
        return ALIAS.equals(alias) ? chain.clone() : null;
    }

    @Override
    public PrivateKey getPrivateKey(String alias) {
        return ALIAS.equals(alias) ? key : null;
    }

    /** This server presents no client certificate. */
    @Override
    public String[] getClientAliases(String keyType, Principal[] issuers) {
        return null;
    }

    @Override
    public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
        return null;
    }

    @Override
    public String chooseEngineClientAlias(String[] keyType, Principal[] issuers, SSLEngine engine) {
        return null;
    }

    /** {@code RSA}, {@code EC}, {@code EdDSA}, {@code RSASSA-PSS}; or KEY_SIGNER, e.g. {@code EC_RSA}. */
    boolean fits(String keyType) {
        if (keyType == null) {
            return false;
        }
        int cut = keyType.indexOf('_');
        String keyAlgorithm = cut < 0 ? keyType : keyType.substring(0, cut);
        if (!keyAlgorithm.equals(chain[0].getPublicKey().getAlgorithm())) {
            return false;
        }
        if (cut < 0) {
            return true;
        }
        String signer = keyType.substring(cut + 1);
        if (chain.length > 1) {
            return signer.equals(chain[1].getPublicKey().getAlgorithm());
        }
        return chain[0].getSigAlgName().toUpperCase(java.util.Locale.ROOT).contains("WITH" + signer);
    }
}
