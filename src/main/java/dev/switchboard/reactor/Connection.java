package dev.switchboard.reactor;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
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
    private final SocketTransport socket;
    private final Transport transport;
    private final String protocol;
    private final Counters.Protocol counters;
    private InetSocketAddress remoteAddress;
    /** Reads the PROXY header first on a listener behind a load balancer; null once read (or never). */
    private ProxyPreface preface;
    /** The protocol's session has begun: the PROXY header and the TLS handshake are behind us. */
    private boolean started;
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
    /** Not counted against --max-connections (the admin endpoint's). */
    boolean uncounted;

    final TimeoutQueue.Entry idleEntry = new TimeoutQueue.Entry(this);
    /** Made on first use: most connections never leave a message unfinished or linger. */
    private TimeoutQueue.Entry partialEntry;
    private TimeoutQueue.Entry lingerEntry;

    Connection(EventLoop loop, SocketTransport socket, Transport transport, String protocol,
               InetSocketAddress remoteAddress, boolean disconnectWhenOutputFull, TimeoutQueue idleTimeouts,
               boolean proxyHeader) {
        this.loop = loop;
        this.socket = socket;
        this.transport = transport;
        this.protocol = protocol;
        this.counters = loop.counters().protocol(protocol);
        this.preface = proxyHeader ? new ProxyPreface() : null;
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

    /**
     * Just accepted: the session starts now, or, behind a PROXY header or a TLS handshake, once
     * those are done, within the frame timeout (nothing is sent before: chat's welcome waits).
     */
    void begin() {
        counters.accepted++;
        counters.connections++;
        if (preface != null || !transport.isReady()) {
            loop.partialTimeouts().schedule(partialEntry(), loop.now());
        }
        maybeStart();
    }

    private void maybeStart() {
        if (started || preface != null || state != State.OPEN || closeRequested || !transport.isReady()) {
            return;
        }
        started = true;
        cancel(loop.partialTimeouts(), partialEntry);
        if (Logger.isInfoEnabled()) {
            Logger.info("{} {} connected", protocol, remote());
        }
        handler.opened(this);
    }

    /** The PROXY header's bytes have come: take its address, then go on as any connection. */
    private boolean readPreface() {
        try {
            dev.switchboard.codec.proxy.ProxyHeader header = preface.read(socket);
            if (header == null) {
                return false;
            }
            remoteAddress = ProxyPreface.clientAddress(header, remoteAddress);
            remote = null;
            preface = null;
            return true;
        } catch (dev.switchboard.codec.FrameException e) {
            counters.protocolErrors++;
            Logger.info("{} {} sent no valid PROXY header ({}); closing", protocol, remote(), e.getMessage());
            close(CloseReason.PROTOCOL_ERROR);
        } catch (IOException e) {
            Logger.info("{} {} {}", protocol, remote(), e.getMessage());
            close(CloseReason.CLIENT_CLOSED);
        }
        return false;
    }

    /** The client's address: from the PROXY header on such listeners. */
    public InetSocketAddress remoteAddress() {
        return remoteAddress;
    }

    /** This connection's protocol counters (the services count messages sent). */
    public Counters.Protocol counters() {
        return counters;
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
        counters.messagesReceived++;
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
            output = new OutputQueue(loop.bufferPool(), loop.counters());
        }
        output.append(bytes);
        requestFlush();
        if (output.pendingBytes() > loop.limits().maxPendingOutputBytes()) {
            outputOverLimit();
        }
    }

    /** Reads and handles input, gathering the replies into the loop's batch, then writes them. */
    private void readInputBatched() {
        if (preface != null && !readPreface()) {
            return;
        }
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
            counters.bytesSent += transport.write(replies);
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

    /** The transport held input back that no read event will announce (decrypted TLS records). */
    void readBuffered() {
        if (state == State.OPEN && !closeRequested && !inputPaused && !endOfStream) {
            readInputBatched();
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
                n = transport.read(buffer);
            } catch (IOException e) {
                if (!started) {
                    counters.protocolErrors++;
                    Logger.info("{} {} TLS handshake failed: {}", protocol, remote(),
                            transport.failure() != null ? transport.failure() : e.getMessage());
                    close(CloseReason.PROTOCOL_ERROR);
                    return;
                }
                Logger.debug("{} {} read failed: {}", protocol, remote(), e.getMessage());
                close(CloseReason.RESET);
                return;
            }
            buffer.flip();
            if (!started) {
                maybeStart();
                if (!started) {
                    if (n < 0) {
                        Logger.info("{} {} closed before the TLS handshake was done", protocol, remote());
                        close(CloseReason.CLIENT_CLOSED);
                    } else {
                        updateInterest();
                    }
                    return;
                }
            }
            if (n > 0) {
                counters.bytesReceived += n;
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
        if (transport.hasBufferedInput() && state == State.OPEN && !inputPaused) {
            loop.requestRead(this);
            return;
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
        if (state == State.OPEN && started) {
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
            if (transport.hasPendingWrites() && !transport.flushPending()) {
                updateInterest();
                return;
            }
            if (!started) {
                maybeStart();
            }
            long written = output == null ? 0 : output.writeTo(transport);
            if (written > 0) {
                counters.bytesSent += written;
                idleTimeouts.schedule(idleEntry, loop.now());
            }
        } catch (IOException e) {
            Logger.debug("{} {} write failed: {}", protocol, remote(), e.getMessage());
            dropOutput();
            close(CloseReason.RESET);
            return;
        }
        if (!noOutput() || transport.hasPendingWrites()) {
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
            counters.slowConsumerDisconnects++;
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
            transport.shutdownOutput();
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
                n = transport.read(scratch);
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
        if (!started && state == State.OPEN) {
            Logger.info("{} {} did not finish its {} within {} s; closing", protocol, remote(),
                    preface != null ? "PROXY header" : "TLS handshake",
                    EventLoop.seconds(loop.limits().frameTimeoutNanos()));
            close(CloseReason.FRAME_TIMEOUT);
        } else if (state == State.OPEN) {
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
        if (!started) {
            // Still in its PROXY header or TLS handshake: it has sent no request to answer.
            close(CloseReason.SHUTDOWN);
            return;
        }
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
        counters.connections--;
        key.cancel();
        try {
            transport.close();
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
        if (!sessionEnded && started) {
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
        boolean canWrite = !noOutput() && transport.isReady();
        if ((canWrite || transport.hasPendingWrites()) && (state == State.OPEN || state == State.CLOSING)) {
            ops |= SelectionKey.OP_WRITE;
        }
        if (ops != interestOps && key.isValid()) {
            interestOps = ops;
            key.interestOps(ops);
        }
    }
}
