package dev.switchboard.reactor;

import java.io.IOException;

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
    /** What timed out and after how long, when a deadline closed it (the disconnect line's reason). */
    private String timedOut;
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
        ConnectionLog.connected(c);
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

    /** A deadline of the partial-message queue passed; the disconnect line will say which and after how long. */
    void partialTimedOut() {
        String seconds = Seconds.of(c.loop.limits().frameTimeoutNanos()) + " s";
        if (phase == Phase.STARTING) {
            timedOut(CloseReason.FRAME_TIMEOUT, c.start.awaited() + " not finished within " + seconds);
            c.close(CloseReason.FRAME_TIMEOUT);
        } else if (phase == Phase.OPEN) {
            timedOut(CloseReason.FRAME_TIMEOUT, "partial message timed out after " + seconds);
            c.handler.frameTimedOut(c);
            closeAfterFlush(CloseReason.FRAME_TIMEOUT);
        } else if (phase == Phase.CLOSING) {
            flushTimedOut(seconds);
        }
    }

    void idleTimedOut() {
        String seconds = Seconds.of(idleTimeouts.durationNanos()) + " s";
        if (phase == Phase.STARTING || phase == Phase.OPEN) {
            timedOut(CloseReason.IDLE_TIMEOUT, "idle timeout after " + seconds);
            closeAfterFlush(CloseReason.IDLE_TIMEOUT);
        } else if (phase == Phase.CLOSING) {
            flushTimedOut(seconds);
        }
    }

    /** A deadline of the protocol's own (a WebSocket ping round) passed: close at once. */
    void closeTimedOut(String why) {
        if (phase != Phase.DOOMED && phase != Phase.CLOSED) {
            timedOut(CloseReason.IDLE_TIMEOUT, why);
            close(CloseReason.IDLE_TIMEOUT);
        }
    }

    /** Closing gently took too long: the client does not read its last replies. */
    private void flushTimedOut(String seconds) {
        timedOut = describeReason() + "; replies not read within " + seconds;
        close(CloseReason.FLUSH_TIMEOUT);
    }

    /** Names the deadline as the close's reason, unless the connection was already closing for another. */
    private void timedOut(CloseReason reason, String why) {
        if (closeReason == null || closeReason == reason) {
            closeReason = reason;
            timedOut = why;
        }
    }

    /** The linger's 2 s passed, or the client's end of stream came: close for the reason already given. */
    void lingerOver() {
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

    /** Shutdown, once every connection has read what was waiting: the session's goodbye goes out before the close. */
    void tellShutdown() {
        if (sessionOpen && acceptsOutput()) {
            c.handler.shuttingDown(c);
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
        try {
            endSession();
        } finally {
            // Even when the handler's closed() failed: every connection gets its one line.
            ConnectionLog.disconnected(c, describeReason());
        }
    }

    private void endSession() {
        if (sessionOpen) {
            sessionOpen = false;
            c.handler.closed(c, reason());
        }
    }

    /** The disconnect line's reason: what timed out and after how long, or why else it closed. */
    private String describeReason() {
        return timedOut != null ? timedOut : reason().toString();
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
