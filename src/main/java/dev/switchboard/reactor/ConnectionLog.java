package dev.switchboard.reactor;

import org.tinylog.Logger;

/**
 * The two lines every connection gets, within the loop's {@link LogBudget}: {@code connected},
 * and one {@code disconnected} line with why, what the service adds (the chat name), the wire
 * bytes each way and the time since accept:
 *
 * <pre>
 * chat#17 127.0.0.1:40312 connected
 * chat#17 127.0.0.1:40312 disconnected (idle timeout after 300 s) name=ada in=1234 out=5678 duration=300.002s
 * </pre>
 */
final class ConnectionLog {
    private ConnectionLog() {}

    static void connected(Connection c) {
        if (c.mayLogInfo()) {
            Logger.info("{} connected", c.logName());
        }
    }

    /** Called last, once the socket is closed and the handler told (its detail is final then). */
    static void disconnected(Connection c, String reason) {
        if (!c.mayLogInfo()) {
            return;
        }
        String detail = c.handler == null ? null : c.handler.logDetail(c);
        Logger.info(
                "{} disconnected ({}){}{} in={} out={} duration={}s",
                c.logName(),
                reason,
                detail == null ? "" : " ",
                detail == null ? "" : detail,
                c.socket.bytesRead,
                c.socket.bytesWritten,
                Seconds.fixed(c.loop.now() - c.acceptedAtNanos, 3));
    }
}
