package dev.switchboard.reactor.tls;

/** A TLS file the daemon cannot use: one line naming the option and the file. */
public final class TlsConfigException extends Exception {
    public TlsConfigException(String message) {
        super(message, null, false, false);
    }
}
