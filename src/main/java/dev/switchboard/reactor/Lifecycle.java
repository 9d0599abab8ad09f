package dev.switchboard.reactor;

import java.io.IOException;
import java.nio.ByteBuffer;
import org.tinylog.Logger;

/**
 * Where a connection is between accept and close, and the deadlines that bound each phase.
 *
 * <pre>
 *   STARTING ──begun──▶ OPEN ──closeAfterFlush──▶ CLOSING ──flushed──▶ LINGERING
 *      │                 │                          │                     │
 *      └──── close: an error, a deadline, the client gone, a slow reader ─┘
 *                                     ▼
 *                                  DOOMED ──the loop's safe point──▶ CLOSED
 * </pre>
 *
 * A plaintext connection is begun as soon as it is accepted; behind a PROXY header or TLS
 * it starts when those are done. A handler error or the idle timeout may also take STARTING
 * to CLOSING. The handler hears {@code opened} on entering OPEN and {@code closed} once, on
 * entering LINGERING or CLOSED.
 */
final class Lifecycle {

    /** What the loop does with the socket in each phase. */
    enum Phase {
        /** Reads for the transport only (a PROXY header, a TLS handshake); bounded by the frame timeout. */
        STARTING,
        /** Reads input for the handler and writes its replies. */
        OPEN,
        /** Takes no more input; writes what is queued (bounded by the frame timeout), then shuts our side. */
        CLOSING,
        /**
         * Our side is shut; reads and discards until the client closes (at most 2 s), so that it
         * gets our last reply rather than a reset.
         */
        LINGERING,
        /** Closed hard at the loop's next safe point: nothing more is read, written or handed on. */
        DOOMED,
        /** The socket is closed and the handler told. */
        CLOSED
    }

    private final Connection c;
    private Phase phase = Phase.STARTING;
    private CloseReason closeReason;
    /** The handler has heard {@code opened} and not yet {@code closed}. */
    private boolean sessionOpen;
    /** Shutdown: answer what the kernel already holds for us, then close. */
    boolean draining;

    private final TimeoutQueue idleTimeouts;
    final TimeoutQueue.Entry idleEntry;
    /** Made on first use: most connections never leave a message unfinished or linger. */
    private TimeoutQueue.Entry partialEntry;

    private TimeoutQueue.Entry lingerEntry;

    Lifecycle(Connection connection, TimeoutQueue idleTimeouts) {
        this.c = connection;
        this.idleTimeouts = idleTimeouts;
        this.idleEntry = new TimeoutQueue.Entry(connection);
    }

    Phase phase() {
        return phase;
    }

    /** Replies may still be queued: starting, open, or closing but not yet flushed. */
    boolean acceptsOutput() {
        return phase == Phase.STARTING || phase == Phase.OPEN || phase == Phase.CLOSING;
    }

    /** Input is read (for the transport while starting, for the handler once open). */
    boolean readsInput() {
        return phase == Phase.STARTING || phase == Phase.OPEN;
    }

    /** STARTING → OPEN: the protocol's session begins. */
    void open() {
        phase = Phase.OPEN;
        sessionOpen = true;
        cancel(c.loop.timers.partial, partialEntry);
        if (Logger.isInfoEnabled()) {
            Logger.info("{} {} connected", c.protocol(), c.remote());
        }
        c.handler.opened(c);
    }

    // ---- deadlines --------------------------------------------------------------------

    void restartIdle() {
        idleTimeouts.schedule(idleEntry, c.loop.now());
    }

    /** Starts the partial-message deadline (it also bounds a session's start and a flush at close). */
    void startPartialDeadline() {
        c.loop.timers.partial.schedule(partialEntry(), c.loop.now());
    }

    /** A partial message is kept: its deadline starts, or restarts if a message completed. */
    void partialInputKept(boolean progressed) {
        if (progressed || partialEntry == null || !partialEntry.queued()) {
            startPartialDeadline();
        }
    }

    void cancelPartialDeadline() {
        cancel(c.loop.timers.partial, partialEntry);
    }

    /** A deadline of the loop's partial-message queue passed. */
    void partialTimedOut() {
        if (phase == Phase.STARTING) {
            c.start.timedOut();
            c.close(CloseReason.FRAME_TIMEOUT);
        } else if (phase == Phase.OPEN) {
            Logger.info(
                    "{} {} left a message incomplete for {} s; closing",
                    c.protocol(),
                    c.remote(),
                    EventLoop.seconds(c.loop.limits().frameTimeoutNanos()));
            closeReason = CloseReason.FRAME_TIMEOUT;
            c.handler.frameTimedOut(c);
            closeAfterFlush(CloseReason.FRAME_TIMEOUT);
        } else if (phase == Phase.CLOSING) {
            close(CloseReason.FLUSH_TIMEOUT);
        }
    }

    void idleTimedOut() {
        if (phase == Phase.STARTING || phase == Phase.OPEN) {
            Logger.info(
                    "{} {} idle for {} s; closing",
                    c.protocol(),
                    c.remote(),
                    EventLoop.seconds(idleTimeouts.durationNanos()));
            closeAfterFlush(CloseReason.IDLE_TIMEOUT);
        } else if (phase == Phase.CLOSING) {
            close(CloseReason.FLUSH_TIMEOUT);
        }
    }

    void lingerTimedOut() {
        close(closeReason);
    }

    // ---- closing ----------------------------------------------------------------------

    /** → CLOSING: stops reading, sends what is queued, then closes gently. */
    void closeAfterFlush(CloseReason reason) {
        if (phase != Phase.STARTING && phase != Phase.OPEN) {
            return;
        }
        if (closeReason == null) {
            closeReason = reason;
        }
        phase = Phase.CLOSING;
        c.input.release();
        // A client that never reads its last replies must not hold the socket forever.
        startPartialDeadline();
        c.output.requestFlush();
        c.updateInterest();
    }

    /**
     * After an unexpected error: replies already queued for earlier requests still go out (no
     * well-formed request loses its answer), nothing more is read. If the connection was
     * already closing, the error may be in the write path itself, so it closes hard.
     */
    void closeAfterError() {
        if (phase == Phase.STARTING || phase == Phase.OPEN) {
            closeAfterFlush(CloseReason.INTERNAL_ERROR);
        } else {
            close(CloseReason.INTERNAL_ERROR);
        }
    }

    /** → DOOMED: closes at the loop's next safe point, dropping anything unsent. */
    void close(CloseReason reason) {
        if (phase == Phase.DOOMED || phase == Phase.CLOSED) {
            return;
        }
        if (closeReason == null) {
            closeReason = reason;
        }
        phase = Phase.DOOMED;
        c.loop.toClose.add(c);
    }

    /** CLOSING → LINGERING once everything is written (or straight on if the client has gone). */
    void finishClosing() {
        if (c.input.ended) {
            close(closeReason);
            return;
        }
        try {
            c.transport.shutdownOutput();
        } catch (IOException e) {
            close(closeReason);
            return;
        }
        phase = Phase.LINGERING;
        // The session is over for the protocol (chat announces the leave now, not after linger).
        endSession();
        cancel(c.loop.timers.partial, partialEntry);
        if (lingerEntry == null) {
            lingerEntry = new TimeoutQueue.Entry(c);
        }
        c.loop.timers.linger.schedule(lingerEntry, c.loop.now());
        c.updateInterest();
    }

    /** LINGERING: reads and drops what the client still sends, until its end of stream. */
    void discardInput() {
        ByteBuffer scratch = c.loop.sharedInput;
        for (int reads = 0; reads < ConnectionInput.MAX_READS_PER_EVENT; reads++) {
            scratch.clear();
            int n;
            try {
                n = c.transport.read(scratch);
            } catch (IOException e) {
                close(closeReason);
                return;
            }
            if (n < 0) {
                close(closeReason);
                return;
            }
            if (n < scratch.capacity()) {
                return;
            }
        }
    }

    /** Shutdown: answer what the kernel already holds for us, then close. */
    void startDrain() {
        draining = true;
        if (phase == Phase.STARTING || (phase == Phase.CLOSING && !sessionOpen)) {
            // No session yet (a PROXY header or TLS handshake under way or failed): no request to answer.
            close(CloseReason.SHUTDOWN);
            return;
        }
        if (phase == Phase.OPEN && c.wantsInput()) {
            c.input.readBatched();
        }
    }

    /** DOOMED → CLOSED, at the loop's safe point: really close, and tell the handler. */
    void closeNow() {
        if (phase == Phase.CLOSED) {
            return;
        }
        phase = Phase.CLOSED;
        c.counters().closed(reason());
        c.closeSocket();
        c.output.drop();
        c.input.release();
        idleTimeouts.cancel(idleEntry);
        cancel(c.loop.timers.partial, partialEntry);
        cancel(c.loop.timers.linger, lingerEntry);
        Logger.info("{} {} disconnected ({})", c.protocol(), c.remote(), reason());
        endSession();
    }

    private void endSession() {
        if (sessionOpen) {
            sessionOpen = false;
            c.handler.closed(c, reason());
        }
    }

    private CloseReason reason() {
        return closeReason == null ? CloseReason.CLIENT_CLOSED : closeReason;
    }

    private TimeoutQueue.Entry partialEntry() {
        if (partialEntry == null) {
            partialEntry = new TimeoutQueue.Entry(c);
        }
        return partialEntry;
    }

    private static void cancel(TimeoutQueue queue, TimeoutQueue.Entry entry) {
        if (entry != null) {
            queue.cancel(entry);
        }
    }
}
