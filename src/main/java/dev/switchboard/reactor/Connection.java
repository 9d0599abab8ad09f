package dev.switchboard.reactor;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import org.tinylog.Logger;

/**
 * One client: its socket, the bytes of a partial message, the replies it has not read yet,
 * and its deadlines. Loop thread only.
 *
 * <p>Life cycle: OPEN (reading and answering) → CLOSING (input ignored, replies flushing) →
 * LINGERING (our side shut, reading and discarding until the client closes, so that it gets
 * our last reply rather than a reset) → CLOSED. A hard {@link #close} skips to CLOSED.
 */
public final class Connection implements Selectable {
    private enum State { OPEN, CLOSING, LINGERING, CLOSED }

    /** Reads per readiness event at most, so one fast sender cannot starve the others. */
    private static final int MAX_READS_PER_EVENT = 16;
    private static final int MIN_OWN_INPUT_BYTES = 1024;
    private static final ByteBuffer NOTHING = ByteBuffer.allocate(0).asReadOnlyBuffer();

    private final EventLoop loop;
    private final SocketChannel channel;
    private final String protocol;
    private final InetSocketAddress remoteAddress;
    private final boolean disconnectWhenOutputFull;
    private final TimeoutQueue idleTimeouts;
    private SelectionKey key;
    private ConnectionHandler handler;
    private String remote;

    /** Partial input kept between reads, [0, limit) in read mode; null when there is none. */
    private ByteBuffer input;
    /** Replies the client has not taken yet; null while there are none (an idle client owns nothing). */
    private OutputQueue output;
    private State state = State.OPEN;
    private boolean inputPaused;
    private boolean endOfStream;
    private boolean draining;
    private boolean sessionEnded;
    private int interestOps;
    private CloseReason closeReason;
    boolean flushRequested;
    boolean closeRequested;

    final TimeoutQueue.Entry idleEntry = new TimeoutQueue.Entry(this);
    /** Made on first use: most connections never leave a message unfinished or linger. */
    private TimeoutQueue.Entry partialEntry;
    private TimeoutQueue.Entry lingerEntry;

    Connection(EventLoop loop, SocketChannel channel, String protocol,
               InetSocketAddress remoteAddress, boolean disconnectWhenOutputFull, TimeoutQueue idleTimeouts) {
        this.loop = loop;
        this.channel = channel;
        this.protocol = protocol;
        this.remoteAddress = remoteAddress;
        this.disconnectWhenOutputFull = disconnectWhenOutputFull;
        this.idleTimeouts = idleTimeouts;
    }

    void attach(SelectionKey key, ConnectionHandler handler) {
        this.key = key;
        this.handler = handler;
        this.interestOps = key.interestOps();
    }

    ConnectionHandler handler() {
        return handler;
    }

    // ---- what a protocol may do -------------------------------------------------------

    /** The protocol's name, for logs. */
    public String protocol() {
        return protocol;
    }

    /** The client's address as {@code 127.0.0.1:5000} or {@code [::1]:5000}. */
    public String remote() {
        if (remote == null) {
            remote = EventLoop.format(remoteAddress);
        }
        return remote;
    }

    /** Counts one message handled, for the loop's statistics. */
    public void countMessage() {
        loop.countMessage();
    }

    /** True while replies can still be sent (open, or closing but not yet flushed). */
    public boolean isOpen() {
        return (state == State.OPEN || state == State.CLOSING) && !closeRequested;
    }

    /** True when the handler must stop taking messages out of its input for now. */
    public boolean inputPaused() {
        return inputPaused || state != State.OPEN || closeRequested;
    }

    /**
     * Queues {@code bytes} (consumed) for the client; they are written before the loop next
     * sleeps. Past the pending-output limit the client is paused (backpressure), or, for
     * protocols that never wait for a slow reader, disconnected.
     */
    public void send(ByteBuffer bytes) {
        if (!isOpen()) {
            bytes.position(bytes.limit());
            return;
        }
        ReplyBatch batch = loop.replyBatch();
        if (batch.isFor(this) && noOutput()) {
            if (batch.append(bytes)) {
                return;
            }
            // The batch is full: what it holds goes first, into the queue, to keep the order.
            queue(batch.drain());
            batch.reset();
        }
        queue(bytes);
    }

    private boolean noOutput() {
        return output == null || output.isEmpty();
    }

    private void queue(ByteBuffer bytes) {
        if (output == null) {
            output = new OutputQueue(loop.bufferPool());
        }
        output.append(bytes);
        requestFlush();
        if (output.pendingBytes() > loop.limits().maxPendingOutputBytes()) {
            outputOverLimit();
        }
    }

    /** Reads and handles input, gathering the replies into the loop's batch, then writes them. */
    private void readInputBatched() {
        ReplyBatch batch = loop.replyBatch();
        if (!batch.isFree()) {
            // Reached from inside another connection's batch (a resume during a flush there):
            // replies take the queue, which keeps every order just as well.
            readInput();
            return;
        }
        batch.begin(this);
        try {
            readInput();
        } finally {
            ByteBuffer replies = batch.drain();
            if (replies.hasRemaining() && isOpen()) {
                writeBatch(replies);
            }
            batch.end();
        }
    }

    private void writeBatch(ByteBuffer replies) {
        // No idle restart here: these replies answer input that was just read, and reading
        // restarted it already (twice per request was one clock read and relink too many).
        try {
            channel.write(replies);
        } catch (IOException e) {
            Logger.debug("{} {} write failed: {}", protocol, remote(), e.getMessage());
            close(CloseReason.RESET);
            return;
        }
        if (replies.hasRemaining()) {
            queue(replies);
            updateInterest();
        }
    }

    /** Stops reading, sends what is queued, then closes gently. */
    public void closeAfterFlush(CloseReason reason) {
        if (state != State.OPEN) {
            return;
        }
        if (closeReason == null) {
            closeReason = reason;
        }
        state = State.CLOSING;
        releaseInput();
        // A client that never reads its last replies must not hold the socket forever.
        loop.partialTimeouts().schedule(partialEntry(), loop.now());
        requestFlush();
        updateInterest();
    }

    /**
     * After an unexpected error: replies already queued for earlier requests still go out (no
     * well-formed request loses its answer), nothing more is read. If the connection was
     * already closing, the error may be in the write path itself, so it closes hard.
     */
    void closeAfterError() {
        if (state == State.OPEN && !closeRequested) {
            closeAfterFlush(CloseReason.INTERNAL_ERROR);
        } else {
            close(CloseReason.INTERNAL_ERROR);
        }
    }

    /** Closes at the loop's next safe point, dropping anything unsent. */
    public void close(CloseReason reason) {
        if (state == State.CLOSED || closeRequested) {
            return;
        }
        if (closeReason == null) {
            closeReason = reason;
        }
        closeRequested = true;
        loop.requestClose(this);
    }

    // ---- events from the loop ---------------------------------------------------------

    @Override
    public void ready(int readyOps) {
        if ((readyOps & SelectionKey.OP_WRITE) != 0) {
            flush();
        }
        if ((readyOps & SelectionKey.OP_READ) != 0 && !closeRequested) {
            if (state == State.LINGERING) {
                discardInput();
            } else if (state == State.OPEN && !inputPaused && !endOfStream) {
                readInputBatched();
            }
        }
    }

    private void readInput() {
        boolean socketDrained = false;
        for (int reads = 0; reads < MAX_READS_PER_EVENT; reads++) {
            ByteBuffer buffer = bufferForRead();
            if (buffer == null) {
                return;
            }
            int space = buffer.remaining();
            int n;
            try {
                n = channel.read(buffer);
            } catch (IOException e) {
                Logger.debug("{} {} read failed: {}", protocol, remote(), e.getMessage());
                close(CloseReason.RESET);
                return;
            }
            buffer.flip();
            if (n > 0) {
                idleTimeouts.schedule(idleEntry, loop.now());
                process(buffer);
            } else {
                keepLeftover(buffer, false);
            }
            if (n < 0) {
                endOfStream = true;
                updateInterest();
                pumpInput();
                return;
            }
            if (n < space) {
                socketDrained = true;
                break;
            }
            if (inputPaused()) {
                return;
            }
        }
        if (socketDrained && state == State.OPEN && !inputPaused) {
            // Offered even with nothing left over: for seed clients a pause ends a message.
            ByteBuffer partial = input;
            if (partial != null) {
                handler.drained(this, partial, false);
                keepLeftover(partial, false);
            } else {
                handler.drained(this, NOTHING, false);
            }
        }
        if (socketDrained && draining && state == State.OPEN && !inputPaused) {
            closeAfterFlush(CloseReason.SHUTDOWN);
        }
    }

    /** A buffer in write mode to read into: the partial input if any, else the shared one. */
    private ByteBuffer bufferForRead() {
        if (input == null) {
            return loop.sharedInput().clear();
        }
        if (input.limit() == input.capacity()) {
            int max = loop.limits().maxInputBytes();
            if (input.capacity() >= max) {
                // The decoders reject a message above the limit before this; never trust that.
                Logger.warn("{} {} partial message filled {} bytes; closing", protocol, remote(), max);
                close(CloseReason.PROTOCOL_ERROR);
                return null;
            }
            ByteBuffer bigger = ByteBuffer.allocate((int) Math.min(max, 2L * input.capacity()));
            bigger.put(input);
            bigger.flip();
            input = bigger;
        }
        input.position(input.limit()).limit(input.capacity());
        return input;
    }

    /** Offers {@code in} (read mode) to the handler, then keeps what is left. */
    private void process(ByteBuffer in) {
        int before = in.position();
        handler.received(this, in);
        keepLeftover(in, in.position() != before);
    }

    /**
     * Keeps the unconsumed bytes of {@code in} as this connection's partial input, starting or
     * restarting the partial-message deadline (restarted only when a message completed, so a
     * slowloris client trickling bytes cannot extend it).
     */
    private void keepLeftover(ByteBuffer in, boolean progressed) {
        if (!in.hasRemaining() || state != State.OPEN) {
            releaseInput();
            return;
        }
        if (in == input) {
            in.compact().flip();
        } else {
            int capacity = Math.max(MIN_OWN_INPUT_BYTES, Integer.highestOneBit(in.remaining() - 1) << 1);
            input = ByteBuffer.allocate(Math.min(capacity, Math.max(in.remaining(),
                    loop.limits().maxInputBytes())));
            input.put(in).flip();
        }
        if (progressed || partialEntry == null || !partialEntry.queued()) {
            loop.partialTimeouts().schedule(partialEntry(), loop.now());
        }
    }

    private void releaseInput() {
        input = null;
        if (state == State.OPEN) {
            cancel(loop.partialTimeouts(), partialEntry);
        }
    }

    /**
     * Handles what is buffered after a pause or end of stream: whole messages first, then,
     * at end of stream, the last partial one, then a gentle close.
     */
    private void pumpInput() {
        if (state != State.OPEN || inputPaused) {
            return;
        }
        if (input != null) {
            process(input);
        }
        if (!endOfStream || inputPaused()) {
            return;
        }
        ByteBuffer partial = input;
        if (partial != null) {
            handler.drained(this, partial, true);
            if (partial.hasRemaining() && state == State.OPEN) {
                Logger.debug("{} {} closed with {} bytes of an unfinished message; dropped",
                        protocol, remote(), partial.remaining());
            }
            releaseInput();
        }
        closeAfterFlush(CloseReason.CLIENT_CLOSED);
    }

    /** Writes queued output; called before the loop sleeps and when the socket is writable. */
    void flush() {
        flushRequested = false;
        if (state == State.CLOSED || state == State.LINGERING || closeRequested) {
            return;
        }
        try {
            if (output != null && output.writeTo(channel) > 0) {
                idleTimeouts.schedule(idleEntry, loop.now());
            }
        } catch (IOException e) {
            Logger.debug("{} {} write failed: {}", protocol, remote(), e.getMessage());
            dropOutput();
            close(CloseReason.RESET);
            return;
        }
        if (!noOutput()) {
            updateInterest();
            return;
        }
        output = null;
        if (state == State.CLOSING) {
            finishClosing();
            return;
        }
        if (inputPaused) {
            resumeInput();
        }
        updateInterest();
    }

    private void outputOverLimit() {
        flush();
        if (!isOpen() || noOutput() || output.pendingBytes() <= loop.limits().maxPendingOutputBytes()) {
            return;
        }
        if (disconnectWhenOutputFull) {
            Logger.info("{} {} is not reading: {} bytes pending, over the limit of {}; disconnecting",
                    protocol, remote(), output.pendingBytes(), loop.limits().maxPendingOutputBytes());
            dropOutput();
            close(CloseReason.SLOW_READER);
        } else if (!inputPaused) {
            Logger.debug("{} {} paused: {} bytes pending", protocol, remote(), output.pendingBytes());
            inputPaused = true;
            updateInterest();
        }
    }

    private void resumeInput() {
        inputPaused = false;
        Logger.debug("{} {} resumed", protocol, remote());
        updateInterest();
        pumpInput();
        if (draining && state == State.OPEN && !inputPaused && !endOfStream) {
            // Nothing may arrive to wake us: look at the kernel buffer now.
            readInputBatched();
        }
    }

    private void finishClosing() {
        if (endOfStream) {
            close(closeReason);
            return;
        }
        try {
            channel.shutdownOutput();
        } catch (IOException e) {
            close(closeReason);
            return;
        }
        state = State.LINGERING;
        // The session is over for the protocol (chat announces the leave now, not after linger).
        endSession();
        cancel(loop.partialTimeouts(), partialEntry);
        if (lingerEntry == null) {
            lingerEntry = new TimeoutQueue.Entry(this);
        }
        loop.lingerTimeouts().schedule(lingerEntry, loop.now());
        updateInterest();
    }

    private void discardInput() {
        ByteBuffer scratch = loop.sharedInput();
        for (int reads = 0; reads < MAX_READS_PER_EVENT; reads++) {
            scratch.clear();
            int n;
            try {
                n = channel.read(scratch);
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

    /** A deadline of {@link EventLoop}'s partial-message queue passed. */
    void partialTimedOut() {
        if (state == State.OPEN) {
            Logger.info("{} {} left a message incomplete for {} s; closing",
                    protocol, remote(), EventLoop.seconds(loop.limits().frameTimeoutNanos()));
            closeReason = CloseReason.FRAME_TIMEOUT;
            handler.frameTimedOut(this);
            closeAfterFlush(CloseReason.FRAME_TIMEOUT);
        } else if (state == State.CLOSING) {
            close(CloseReason.FLUSH_TIMEOUT);
        }
    }

    void idleTimedOut() {
        if (state == State.OPEN) {
            Logger.info("{} {} idle for {} s; closing", protocol, remote(),
                    EventLoop.seconds(idleTimeouts.durationNanos()));
            closeAfterFlush(CloseReason.IDLE_TIMEOUT);
        } else if (state == State.CLOSING) {
            close(CloseReason.FLUSH_TIMEOUT);
        }
    }

    void lingerTimedOut() {
        close(closeReason);
    }

    /** Shutdown: answer what the kernel already holds for us, then close. */
    void startDrain() {
        draining = true;
        if (state == State.OPEN && !inputPaused && !endOfStream && !closeRequested) {
            readInputBatched();
        }
    }

    /** The loop's safe point: really close, and tell the handler. */
    void closeNow() {
        if (state == State.CLOSED) {
            return;
        }
        state = State.CLOSED;
        key.cancel();
        try {
            channel.close();
        } catch (IOException e) {
            Logger.debug("{} {} close failed: {}", protocol, remote(), e.getMessage());
        }
        dropOutput();
        input = null;
        idleTimeouts.cancel(idleEntry);
        cancel(loop.partialTimeouts(), partialEntry);
        cancel(loop.lingerTimeouts(), lingerEntry);
        CloseReason reason = closeReason == null ? CloseReason.CLIENT_CLOSED : closeReason;
        Logger.info("{} {} disconnected ({})", protocol, remote(), reason);
        endSession();
    }

    private void endSession() {
        if (!sessionEnded) {
            sessionEnded = true;
            handler.closed(this, closeReason == null ? CloseReason.CLIENT_CLOSED : closeReason);
        }
    }

    private TimeoutQueue.Entry partialEntry() {
        if (partialEntry == null) {
            partialEntry = new TimeoutQueue.Entry(this);
        }
        return partialEntry;
    }

    private static void cancel(TimeoutQueue queue, TimeoutQueue.Entry entry) {
        if (entry != null) {
            queue.cancel(entry);
        }
    }

    private void dropOutput() {
        if (output != null) {
            output.clear();
            output = null;
        }
    }

    private void requestFlush() {
        if (!flushRequested) {
            flushRequested = true;
            loop.requestFlush(this);
        }
    }

    private void updateInterest() {
        int ops = 0;
        if (state == State.LINGERING || (state == State.OPEN && !inputPaused && !endOfStream)) {
            ops |= SelectionKey.OP_READ;
        }
        if (!noOutput() && (state == State.OPEN || state == State.CLOSING)) {
            ops |= SelectionKey.OP_WRITE;
        }
        if (ops != interestOps && key.isValid()) {
            interestOps = ops;
            key.interestOps(ops);
        }
    }
}
