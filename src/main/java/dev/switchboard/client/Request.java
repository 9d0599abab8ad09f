package dev.switchboard.client;

/**
 * What one typed line becomes: bytes to send and how many replies to wait for, or an answer
 * the client gives itself (frame5's {@code help}).
 *
 * @param bytes       the request on the wire, or null for a local answer
 * @param replies     replies the server sends to it (0 for chat, which answers asynchronously)
 * @param endsSession the server closes the connection after its reply (quit, DISCONNECT, ...)
 * @param localAnswer what to print instead of asking the server
 */
public record Request(byte[] bytes, int replies, boolean endsSession, String localAnswer) {

    public static Request send(byte[] bytes, int replies, boolean endsSession) {
        return new Request(bytes, replies, endsSession, null);
    }

    public static Request local(String answer) {
        return new Request(null, 0, false, answer);
    }

    public boolean isLocal() {
        return bytes == null;
    }
}
