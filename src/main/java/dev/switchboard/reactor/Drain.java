package dev.switchboard.reactor;

import java.io.IOException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.ArrayList;
import java.util.List;
import org.tinylog.Logger;

/**
 * A graceful shutdown: stop accepting (after taking in the clients the kernel has already
 * completed, which closing a listener would reset), answer what each connection has already
 * sent, close them gently, and stop the loop when the last is gone or the deadline passes.
 */
final class Drain {
    private final EventLoop loop;
    private final Selector selector;
    private boolean draining;

    Drain(EventLoop loop, Selector selector) {
        this.loop = loop;
        this.selector = selector;
    }

    boolean isDraining() {
        return draining;
    }

    void begin(long drainNanos) {
        if (draining) {
            return;
        }
        for (Acceptor a : loop.acceptors) {
            a.acceptQueued();
        }
        draining = true;
        for (Acceptor a : loop.acceptors) {
            if (a.spec().counted()) {
                a.close();
            }
        }
        Logger.info(
                "shutting down: answering {} connection(s) within {} s",
                loop.connectionCount(),
                Seconds.of(drainNanos));
        loop.schedule(drainNanos, this::deadlinePassed);
        List<Connection> open = openConnections();
        for (Connection c : open) {
            if (c.uncounted) {
                // Admin connections answer until the loop stops; they never hold the drain open.
                continue;
            }
            try {
                c.startDrain();
            } catch (RuntimeException | LinkageError | StackOverflowError e) {
                c.failed(e);
            }
        }
        // Once every request already sent is answered, so the goodbye is the last line a member
        // reads (the chat's "* server shutting down").
        for (Connection c : open) {
            if (c.uncounted) {
                continue;
            }
            try {
                c.tellShutdown();
            } catch (RuntimeException | LinkageError | StackOverflowError e) {
                c.failed(e);
            }
        }
        connectionsClosed();
    }

    /** After the loop's closes: the drain is over once no connection is left. */
    void connectionsClosed() {
        if (draining && loop.connectionCount() == 0) {
            loop.stop();
        }
    }

    private void deadlinePassed() {
        List<Connection> left = openConnections();
        if (!left.isEmpty()) {
            Logger.warn("drain deadline passed; closing {} connection(s) now", left.size());
        }
        for (Connection c : left) {
            c.close(CloseReason.SHUTDOWN_TIMEOUT);
        }
        loop.stop();
    }

    /** The loop has stopped (or never ran): close every listener and connection, then the selector. */
    void closeAll() {
        for (Acceptor a : loop.acceptors) {
            a.close();
        }
        for (Connection c : openConnections()) {
            c.close(CloseReason.SHUTDOWN_TIMEOUT);
        }
        loop.closeRequested();
        try {
            selector.close();
        } catch (IOException | RuntimeException | LinkageError e) {
            Logger.warn("closing the selector failed: {}", e.toString());
        }
    }

    /** Every connection the selector still holds (their keys are cancelled when they close). */
    List<Connection> openConnections() {
        List<Connection> open = new ArrayList<>(loop.connectionCount());
        for (SelectionKey key : selector.keys()) {
            if (key.attachment() instanceof Connection c) {
                open.add(c);
            }
        }
        return open;
    }
}
