package dev.switchboard.codec.ws;

/** Close status codes (RFC 6455 7.4) and which of them may appear on the wire. */
public final class WsClose {
    public static final int NORMAL = 1000;
    public static final int GOING_AWAY = 1001;
    public static final int PROTOCOL_ERROR = 1002;
    public static final int UNSUPPORTED_DATA = 1003;
    public static final int INVALID_DATA = 1007;
    public static final int POLICY_VIOLATION = 1008;
    public static final int MESSAGE_TOO_BIG = 1009;
    public static final int INTERNAL_ERROR = 1011;

    private WsClose() {}

    /**
     * True for a code an endpoint may send in a close frame: the defined 1000-1003 and
     * 1007-1014, and 3000-4999 (registered and private). 1004 is reserved, 1005, 1006 and 1015
     * only ever stand for "no code", "no close frame" and "TLS failed" inside an endpoint, and
     * the rest below 3000 are unassigned.
     */
    public static boolean isValidOnWire(int code) {
        return (code >= 1000 && code <= 1003) || (code >= 1007 && code <= 1014) || (code >= 3000 && code <= 4999);
    }
}
