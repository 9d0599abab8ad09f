package dev.switchboard.reactor;

import dev.switchboard.codec.FrameException;
import dev.switchboard.codec.proxy.ProxyHeader;
import java.io.IOException;
import org.tinylog.Logger;

/**
 * What comes before the protocol's first byte on a PROXY or TLS listener: the PROXY header
 * (read from the raw socket, before TLS) and the TLS handshake (driven by the transport's
 * reads and writes). The handler hears {@code opened} only once both are done, within the
 * frame timeout; nothing is sent before (chat's welcome waits).
 */
final class SessionStart {
    private final Connection c;
    /** The raw socket under TLS, where the PROXY header is read. */
    private final SocketTransport socket;
    /** Reads the PROXY header; null once read, or on listeners without one. */
    private ProxyPreface preface;

    SessionStart(Connection connection, SocketTransport socket, boolean proxyHeader) {
        this.c = connection;
        this.socket = socket;
        this.preface = proxyHeader ? new ProxyPreface() : null;
    }

    /** Just accepted: the frame timeout bounds the start. */
    void begin() {
        c.life.startPartialDeadline();
        maybeStart();
    }

    /** Opens the session if nothing is awaited any more. */
    void maybeStart() {
        if (c.life.phase() == Lifecycle.Phase.STARTING && preface == null && c.transport.isReady()) {
            c.life.open();
        }
    }

    /** True once the PROXY header has been read (or none is expected); reads what has come. */
    boolean prefaceRead() {
        if (preface == null) {
            return true;
        }
        try {
            ProxyHeader header = preface.read(socket);
            if (header == null) {
                return false;
            }
            c.proxiedFrom(ProxyPreface.clientAddress(header, c.remoteAddress()));
            preface = null;
            return true;
        } catch (FrameException e) {
            c.counters().protocolErrors++;
            if (c.mayLogInfo()) {
                Logger.info("{} sent no valid PROXY header ({}); closing", c.logName(), e.getMessage());
            }
            c.close(CloseReason.PROTOCOL_ERROR);
        } catch (IOException e) {
            if (c.mayLogInfo()) {
                Logger.info("{} {}", c.logName(), e.getMessage());
            }
            c.close(CloseReason.CLIENT_CLOSED);
        }
        return false;
    }

    /** A read during the handshake failed: the transport says why. */
    void handshakeFailed(IOException e) {
        c.counters().protocolErrors++;
        if (c.mayLogInfo()) {
            Logger.info(
                    "{} TLS handshake failed: {}",
                    c.logName(),
                    c.transport.failure() != null ? c.transport.failure() : e.getMessage());
        }
        c.close(CloseReason.PROTOCOL_ERROR);
    }

    /** A read moved the handshake on, but it is not done: wait for more, or give up at end of stream. */
    void handshakeRead(int n) {
        if (n < 0) {
            if (c.mayLogInfo()) {
                Logger.info("{} closed before the TLS handshake was done", c.logName());
            }
            c.close(CloseReason.CLIENT_CLOSED);
        } else {
            c.updateInterest();
        }
    }

    /** What the session still waits for, for the disconnect line of a start that timed out. */
    String awaited() {
        return preface != null ? "PROXY header" : "TLS handshake";
    }
}
