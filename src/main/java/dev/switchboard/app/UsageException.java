package dev.switchboard.app;

/** A bad command line or config file: one line for stderr, exit status 2. */
public final class UsageException extends Exception {
    public UsageException(String message) {
        super(message, null, false, false);
    }
}
