package dev.switchboard.client;

/** A typed line the protocol cannot express (frame5 {@code foo}); shown, nothing is sent. */
public final class UsageError extends Exception {
    public UsageError(String message) {
        super(message, null, false, false);
    }
}
