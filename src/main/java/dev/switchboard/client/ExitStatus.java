package dev.switchboard.client;

/** The client's exit statuses, as scripts see them (redis-cli-like, and documented in --help). */
final class ExitStatus {
    /** Everything was answered, or the user said goodbye. */
    static final int OK = 0;
    /** The server answered with an error (400, ERROR, {@code ! }), or a line could not be sent. */
    static final int ERROR_REPLY = 1;
    /** Bad options. */
    static final int USAGE = 2;
    /** Refused, timed out, a failed TLS handshake, or closed by the server unexpectedly. */
    static final int CONNECTION = 3;

    private ExitStatus() {}
}
