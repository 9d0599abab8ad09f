package dev.switchboard.client;

/**
 * One message from the server as the user sees it, or the end of the conversation
 * ({@link #closed}), whose text says why.
 */
public record Reply(String text, boolean error, boolean closed) {

    public static Reply ok(String text) {
        return new Reply(text, false, false);
    }

    public static Reply error(String text) {
        return new Reply(text, true, false);
    }

    public static Reply closed(String why) {
        return new Reply(why, true, true);
    }
}
