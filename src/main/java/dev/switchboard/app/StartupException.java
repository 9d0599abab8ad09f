package dev.switchboard.app;

/** The daemon cannot start (a busy port, an address it cannot bind): one line, exit status 2. */
public final class StartupException extends Exception {
    public StartupException(String message) {
        super(message, null, false, false);
    }
}
