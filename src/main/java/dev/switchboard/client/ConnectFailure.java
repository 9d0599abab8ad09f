package dev.switchboard.client;

/** The server cannot be reached, or will not talk: one line for the user, exit status 3. */
final class ConnectFailure extends Exception {
    ConnectFailure(String message) {
        super(message, null, false, false);
    }
}
