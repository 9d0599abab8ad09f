package dev.switchboard.reactor;

import dev.switchboard.reactor.Lifecycle.Phase;
import java.io.IOException;
import java.nio.ByteBuffer;
import org.tinylog.Logger;

/**
 * A connection's output: replies to a read go into the loop's {@link ReplyBatch} and leave
 * with one write; what the socket does not take waits in an {@link OutputQueue}, made on first
 * use and dropped when empty. Past the pending-output limit the client is paused (its input
 * is not read until the queue drains) or, for protocols that ask for it, disconnected.
 */
final class ConnectionOutput {
    private final Connection c;
    /** Replies the client has not taken yet; null while there are none (an idle client owns nothing). */
    private OutputQueue queue;
    /** Input is not read while the client does not take its replies (backpressure). */
    boolean paused;
    /** In the loop's list of connections to flush before it sleeps. */
    private boolean flushRequested;

    ConnectionOutput(Connection connection) {
        this.c = connection;
    }

    void send(ByteBuffer bytes) {
        if (!c.isOpen()) {
            bytes.position(bytes.limit());
            return;
        }
        ReplyBatch batch = c.loop.replyBatch;
        if (batch.isFor(c) && !hasPending()) {
            if (batch.append(bytes)) {
                return;
            }
            // The batch is full: what it holds goes first, into the queue, to keep the order.
            queue(batch.drain());
            batch.reset();
        }
        queue(bytes);
    }

    boolean hasPending() {
        return queue != null && !queue.isEmpty();
    }

    private void queue(ByteBuffer bytes) {
        if (queue == null) {
            queue = new OutputQueue(c.loop.bufferPool, c.loop.counters());
        }
        queue.append(bytes);
        requestFlush();
        if (queue.pendingBytes() > c.loop.limits().maxPendingOutputBytes()) {
            overLimit();
        }
    }

    /** Writes one read batch's replies at once; what the socket does not take is queued. */
    void writeBatch(ByteBuffer replies) {
        // No idle restart here: these replies answer input that was just read, and reading
        // restarted it already (twice per request was one clock read and relink too many).
        try {
            c.counters().bytesSent += c.transport.write(replies);
        } catch (IOException e) {
            Logger.debug("{} write failed: {}", c, e.getMessage());
            c.close(CloseReason.RESET);
            return;
        }
        if (replies.hasRemaining()) {
            queue(replies);
            c.updateInterest();
        }
    }

    /** Writes queued output; called before the loop sleeps and when the socket is writable. */
    void flush() {
        flushRequested = false;
        Lifecycle life = c.life;
        if (!life.acceptsOutput()) {
            return;
        }
        Transport transport = c.transport;
        try {
            if (transport.hasPendingWrites() && !transport.flushPending()) {
                c.updateInterest();
                return;
            }
            if (life.phase() == Phase.STARTING) {
                // The handshake's last flight may just have left: the session can begin.
                c.start.maybeStart();
            }
            long written = queue == null ? 0 : queue.writeTo(transport);
            if (written > 0) {
                c.counters().bytesSent += written;
                life.restartIdle();
            }
        } catch (IOException e) {
            Logger.debug("{} write failed: {}", c, e.getMessage());
            drop();
            c.close(CloseReason.RESET);
            return;
        }
        if (hasPending() || transport.hasPendingWrites()) {
            c.updateInterest();
            return;
        }
        queue = null;
        if (life.phase() == Phase.CLOSING) {
            life.finishClosing();
            return;
        }
        if (paused) {
            resume();
        }
        c.updateInterest();
    }

    private void overLimit() {
        flush();
        long max = c.loop.limits().maxPendingOutputBytes();
        if (!c.isOpen() || !hasPending() || queue.pendingBytes() <= max) {
            return;
        }
        if (c.disconnectWhenOutputFull()) {
            c.counters().slowConsumerDisconnects++;
            if (c.mayLogInfo()) {
                Logger.info(
                        "{} is not reading: {} bytes pending, over the limit of {}; disconnecting",
                        c.logName(),
                        queue.pendingBytes(),
                        max);
            }
            drop();
            c.close(CloseReason.SLOW_READER);
        } else if (!paused) {
            Logger.debug("{} paused: {} bytes pending", c, queue.pendingBytes());
            paused = true;
            c.updateInterest();
        }
    }

    private void resume() {
        paused = false;
        Logger.debug("{} resumed", c);
        c.updateInterest();
        c.input.pump();
        if (c.life.draining && c.wantsInput() && c.life.phase() == Phase.OPEN) {
            // Nothing may arrive to wake us: look at the kernel buffer now.
            c.input.readBatched();
        }
    }

    /** Drops everything unsent (the connection is closing hard). */
    void drop() {
        if (queue != null) {
            queue.clear();
            queue = null;
        }
    }

    /** Has the loop flush this connection before it next sleeps (once, however often asked). */
    void requestFlush() {
        if (!flushRequested) {
            flushRequested = true;
            c.loop.toFlush.add(c);
        }
    }
}
