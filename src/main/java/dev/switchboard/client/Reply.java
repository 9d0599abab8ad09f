package dev.switchboard.client;

/** One message from the server as the user sees it; {@link #CLOSED} when the server hung up. */
public record Reply(String text, boolean error) {
    public static final Reply CLOSED = new Reply("connection closed by server", true);

    public static Reply ok(String text) {
        return new Reply(text, false);
    }

    public static Reply error(String text) {
        return new Reply(text, true);
    }
}
