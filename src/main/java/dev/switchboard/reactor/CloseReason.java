package dev.switchboard.reactor;

/** Why a connection ended, as the disconnect log line says it. */
public enum CloseReason {
    CLIENT_CLOSED("closed by client"),
    RESET("connection reset"),
    QUIT("closed after goodbye"),
    PROTOCOL_ERROR("protocol error"),
    FRAME_TIMEOUT("partial message timed out"),
    IDLE_TIMEOUT("idle timeout"),
    FLUSH_TIMEOUT("client did not read its replies in time"),
    SLOW_READER("pending output over the limit"),
    SHUTDOWN("server shutting down"),
    SHUTDOWN_TIMEOUT("drain deadline passed"),
    INTERNAL_ERROR("internal error");

    private final String text;

    CloseReason(String text) {
        this.text = text;
    }

    @Override
    public String toString() {
        return text;
    }
}
