package dev.switchboard.reactor;

import dev.switchboard.reactor.Lifecycle.Phase;
import java.io.IOException;
import java.nio.ByteBuffer;
import org.tinylog.Logger;

/**
 * A connection's input: reads into the loop's shared buffer, hands the bytes to the handler,
 * and keeps only what is left of an unfinished message. An idle connection owns no buffer: one
 * is allocated when a read leaves a partial message, grows by doubling up to the input limit,
 * and is released when a read leaves it empty.
 */
final class ConnectionInput {
    /** Reads per readiness event at most, so one fast sender cannot starve the others. */
    static final int MAX_READS_PER_EVENT = 16;

    private static final int MIN_OWN_INPUT_BYTES = 1024;
    private static final ByteBuffer NOTHING = ByteBuffer.allocate(0).asReadOnlyBuffer();

    private final Connection c;
    /** Partial input kept between reads, [0, limit) in read mode; null when there is none. */
    private ByteBuffer partial;
    /** The client's end of stream has been read (it may still read our replies). */
    boolean ended;

    ConnectionInput(Connection connection) {
        this.c = connection;
    }

    /** Reads and handles input, gathering the replies into the loop's batch, then writes them. */
    void readBatched() {
        if (c.start != null && !c.start.prefaceRead()) {
            return;
        }
        ReplyBatch batch = c.loop.replyBatch;
        if (!batch.isFree()) {
            // Reached from inside another connection's batch (a resume during a flush there):
            // replies take the queue, which keeps every order just as well.
            read();
            return;
        }
        batch.begin(c);
        try {
            read();
        } finally {
            ByteBuffer replies = batch.drain();
            if (replies.hasRemaining() && c.isOpen()) {
                c.output.writeBatch(replies);
            }
            batch.end();
        }
    }

    private void read() {
        Lifecycle life = c.life;
        boolean socketDrained = false;
        for (int reads = 0; reads < MAX_READS_PER_EVENT; reads++) {
            ByteBuffer buffer = bufferForRead();
            if (buffer == null) {
                return;
            }
            int space = buffer.remaining();
            int n;
            try {
                n = c.transport.read(buffer);
            } catch (IOException e) {
                if (life.phase() == Phase.STARTING) {
                    c.start.handshakeFailed(e);
                    return;
                }
                Logger.debug("{} read failed: {}", c, e.getMessage());
                c.close(CloseReason.RESET);
                return;
            }
            buffer.flip();
            if (life.phase() == Phase.STARTING) {
                c.start.maybeStart();
                if (life.phase() == Phase.STARTING) {
                    c.start.handshakeRead(n);
                    return;
                }
            }
            if (n > 0) {
                c.counters().bytesReceived += n;
                life.restartIdle();
                process(buffer);
            } else {
                keepLeftover(buffer, false);
            }
            if (n < 0) {
                ended = true;
                c.updateInterest();
                pump();
                return;
            }
            if (n < space) {
                socketDrained = true;
                break;
            }
            if (c.inputPaused()) {
                return;
            }
        }
        boolean reading = life.phase() == Phase.OPEN && !c.output.paused;
        if (c.transport.hasBufferedInput() && reading) {
            c.loop.toRead.add(c);
            return;
        }
        if (socketDrained && reading) {
            // Offered even with nothing left over: for seed clients a pause ends a message.
            ByteBuffer left = partial;
            if (left != null) {
                c.handler.drained(c, left, false);
                keepLeftover(left, false);
            } else {
                c.handler.drained(c, NOTHING, false);
            }
            if (life.draining && life.phase() == Phase.OPEN && !c.output.paused) {
                c.closeAfterFlush(CloseReason.SHUTDOWN);
            }
        }
    }

    /** A buffer in write mode to read into: the partial input if any, else the shared one. */
    private ByteBuffer bufferForRead() {
        if (partial == null) {
            return c.loop.sharedInput.clear();
        }
        if (partial.limit() == partial.capacity()) {
            int max = c.loop.limits().maxInputBytes();
            if (partial.capacity() >= max) {
                // The decoders reject a message above the limit before this; never trust that.
                if (c.mayLogWarn()) {
                    Logger.warn("{} partial message filled {} bytes; closing", c.logName(), max);
                }
                c.close(CloseReason.PROTOCOL_ERROR);
                return null;
            }
            ByteBuffer bigger = ByteBuffer.allocate((int) Math.min(max, 2L * partial.capacity()));
            bigger.put(partial);
            bigger.flip();
            partial = bigger;
        }
        partial.position(partial.limit()).limit(partial.capacity());
        return partial;
    }

    /** Offers {@code in} (read mode) to the handler, then keeps what is left. */
    private void process(ByteBuffer in) {
        int before = in.position();
        c.handler.received(c, in);
        keepLeftover(in, in.position() != before);
    }

    /**
     * Keeps the unconsumed bytes of {@code in} as the partial input, starting or restarting the
     * partial-message deadline (restarted only when a message completed, so a slowloris client
     * trickling bytes cannot extend it).
     */
    private void keepLeftover(ByteBuffer in, boolean progressed) {
        if (!in.hasRemaining() || c.life.phase() != Phase.OPEN) {
            release();
            return;
        }
        if (in == partial) {
            in.compact().flip();
        } else {
            int capacity = Math.max(MIN_OWN_INPUT_BYTES, Integer.highestOneBit(in.remaining() - 1) << 1);
            partial = ByteBuffer.allocate(
                    Math.min(capacity, Math.max(in.remaining(), c.loop.limits().maxInputBytes())));
            partial.put(in).flip();
        }
        c.life.partialInputKept(progressed);
    }

    /** Drops the partial input; an open connection's partial-message deadline goes with it. */
    void release() {
        partial = null;
        if (c.life.phase() == Phase.OPEN) {
            c.life.cancelPartialDeadline();
        }
    }

    /**
     * Handles what is buffered after a pause or end of stream: whole messages first, then,
     * at end of stream, the last partial one, then a gentle close.
     */
    void pump() {
        if (c.life.phase() != Phase.OPEN || c.output.paused) {
            return;
        }
        if (partial != null) {
            process(partial);
        }
        if (!ended || c.inputPaused()) {
            return;
        }
        ByteBuffer left = partial;
        if (left != null) {
            c.handler.drained(c, left, true);
            if (left.hasRemaining() && c.life.phase() == Phase.OPEN) {
                Logger.debug("{} closed with {} bytes of an unfinished message; dropped", c, left.remaining());
            }
            release();
        }
        c.closeAfterFlush(CloseReason.CLIENT_CLOSED);
    }

    /** LINGERING: reads and drops what the client still sends, until its end of stream. */
    void discard() {
        ByteBuffer scratch = c.loop.sharedInput;
        for (int reads = 0; reads < MAX_READS_PER_EVENT; reads++) {
            scratch.clear();
            int n;
            try {
                n = c.transport.read(scratch);
            } catch (IOException e) {
                c.life.lingerOver();
                return;
            }
            if (n < 0) {
                c.life.lingerOver();
                return;
            }
            if (n < scratch.capacity()) {
                return;
            }
        }
    }
}
