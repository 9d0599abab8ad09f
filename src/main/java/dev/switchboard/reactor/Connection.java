package dev.switchboard.reactor;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import org.tinylog.Logger;

/**
 * One client, as the protocol layer sees it: send, close, and a few facts. Loop thread only.
 *
 * <p>Its parts each own one concern, as Kafka splits {@code KafkaChannel}, {@code
 * NetworkReceive} and {@code Send}: {@link ConnectionInput} (reading, the partial message),
 * {@link ConnectionOutput} (replies, backpressure), {@link Lifecycle} (the phases from accept to
 * close, the deadlines) and {@link SessionStart} (a PROXY header and a TLS handshake before the
 * protocol's first byte). This class joins them to the socket: readiness in, interest out.
 */
public final class Connection implements Selectable {
    final EventLoop loop;
    /** The raw socket (under TLS too): it counts the wire bytes for the disconnect line. */
    final SocketTransport socket;

    final Transport transport;
    final ConnectionInput input = new ConnectionInput(this);
    final ConnectionOutput output = new ConnectionOutput(this);
    final Lifecycle life;
    /** What a PROXY or TLS listener waits for before the session begins; null on plaintext ones. */
    final SessionStart start;

    private final Counters.Protocol counters;
    /** The listener's name ({@code chat}, {@code chat+tls}) and the loop's number for this connection. */
    private final String label;

    private final long id;
    /** When it was accepted, on the loop's clock. */
    long acceptedAtNanos;

    private final boolean disconnectWhenOutputFull;
    private InetSocketAddress remoteAddress;
    private String remote;
    private SelectionKey key;
    ConnectionHandler handler;
    private int interestOps;
    /** Not counted against --max-connections (the admin endpoint's). */
    boolean uncounted;

    Connection(
            EventLoop loop,
            SocketTransport socket,
            Transport transport,
            String protocol,
            String label,
            long id,
            InetSocketAddress remoteAddress,
            boolean disconnectWhenOutputFull,
            TimeoutQueue idleTimeouts,
            boolean proxyHeader) {
        this.loop = loop;
        this.socket = socket;
        this.transport = transport;
        this.counters = loop.counters().protocol(protocol);
        this.label = label;
        this.id = id;
        this.remoteAddress = remoteAddress;
        this.disconnectWhenOutputFull = disconnectWhenOutputFull;
        this.life = new Lifecycle(this, idleTimeouts);
        this.start = proxyHeader || !transport.isReady() ? new SessionStart(this, socket, proxyHeader) : null;
        if (!transport.isReady()) {
            transport.attach(loop, this::transportResumed);
        }
    }

    void attach(SelectionKey key, ConnectionHandler handler) {
        this.key = key;
        this.handler = handler;
        this.interestOps = key.interestOps();
    }

    /** Just accepted: the session starts now, or once the PROXY header and TLS handshake are done. */
    void begin() {
        acceptedAtNanos = loop.now();
        counters.accepted++;
        counters.connections++;
        if (start == null) {
            life.open();
        } else {
            start.begin();
        }
    }

    // ---- what a protocol may do -------------------------------------------------------

    /** The protocol's name, for logs. */
    public String protocol() {
        return counters.name;
    }

    /**
     * How every log line about this connection names it: {@code chat#17 127.0.0.1:40312} (the
     * listener, the loop's number for the connection, the client's address). Built on each
     * call, so call it only for a line that is really written (after {@link #mayLogInfo}).
     */
    public String logName() {
        return label + "#" + id + " " + remote();
    }

    /** {@link #logName}: lines at DEBUG pass the connection itself, so the name is built only if written. */
    @Override
    public String toString() {
        return logName();
    }

    /** True when a line about this connection may be logged at INFO now (see {@link LogBudget}). */
    public boolean mayLogInfo() {
        return loop.logBudget.allowsInfo();
    }

    /** True when a line about this connection may be logged at WARN now. */
    public boolean mayLogWarn() {
        return loop.logBudget.allowsWarn();
    }

    /** The client's address as {@code 127.0.0.1:5000} or {@code [::1]:5000}. */
    public String remote() {
        if (remote == null) {
            remote = Addresses.format(remoteAddress);
        }
        return remote;
    }

    /** The client's address: from the PROXY header on such listeners. */
    public InetSocketAddress remoteAddress() {
        return remoteAddress;
    }

    /** This connection's protocol counters (the services count messages sent). */
    public Counters.Protocol counters() {
        return counters;
    }

    /** Counts one message handled, for the loop's statistics. */
    public void countMessage() {
        counters.messagesReceived++;
    }

    /** True while replies can still be sent (open, or closing but not yet flushed). */
    public boolean isOpen() {
        return life.acceptsOutput();
    }

    /** True when the handler must stop taking messages out of its input for now. */
    public boolean inputPaused() {
        return output.paused || life.phase() != Lifecycle.Phase.OPEN;
    }

    /**
     * Queues {@code bytes} (consumed) for the client; they are written before the loop next
     * sleeps. Past the pending-output limit the client is paused (backpressure), or, for
     * protocols that never wait for a slow reader, disconnected.
     */
    public void send(ByteBuffer bytes) {
        output.send(bytes);
    }

    /** Stops reading, sends what is queued, then closes gently. */
    public void closeAfterFlush(CloseReason reason) {
        life.closeAfterFlush(reason);
    }

    /** Closes at the loop's next safe point, dropping anything unsent. */
    public void close(CloseReason reason) {
        life.close(reason);
    }

    /**
     * Closes at once because a deadline of the protocol's own passed (a WebSocket ping
     * unanswered); {@code why} says what and after how long, as the disconnect line's reason.
     */
    public void closeTimedOut(String why) {
        life.closeTimedOut(why);
    }

    // ---- events from the loop ---------------------------------------------------------

    @Override
    public void ready(int readyOps) {
        if ((readyOps & SelectionKey.OP_WRITE) != 0) {
            output.flush();
        }
        if ((readyOps & SelectionKey.OP_READ) != 0) {
            if (life.phase() == Lifecycle.Phase.LINGERING) {
                input.discard();
            } else if (wantsInput()) {
                input.readBatched();
            }
        }
    }

    @Override
    public void failed(Throwable e) {
        if (mayLogWarn()) {
            Logger.warn(e, "{}: unexpected error; closing this connection", logName());
        }
        life.closeAfterError();
    }

    /** The transport held input back that no read event will announce (decrypted TLS records). */
    void readBuffered() {
        if (wantsInput()) {
            input.readBatched();
        }
    }

    /** The transport's own work is done (a TLS delegated task): read and write on. */
    private void transportResumed() {
        if (wantsInput()) {
            input.readBatched();
        }
        output.flush();
    }

    /** Writes queued output; called before the loop sleeps (it asked to be). */
    void flush() {
        output.flush();
    }

    void partialTimedOut() {
        life.partialTimedOut();
    }

    void idleTimedOut() {
        life.idleTimedOut();
    }

    void lingerTimedOut() {
        life.lingerOver();
    }

    void startDrain() {
        life.startDrain();
    }

    void tellShutdown() {
        life.tellShutdown();
    }

    void closeNow() {
        life.closeNow();
    }

    TimeoutQueue.Entry idleEntry() {
        return life.idleEntry;
    }

    // ---- for the parts ----------------------------------------------------------------

    boolean disconnectWhenOutputFull() {
        return disconnectWhenOutputFull;
    }

    /** The session may read: starting or open, not paused, no end of stream yet, the transport not busy. */
    boolean wantsInput() {
        return life.readsInput() && !output.paused && !input.ended && !transport.isWorking();
    }

    /** A PROXY header named the real client. */
    void proxiedFrom(InetSocketAddress client) {
        remoteAddress = client;
        remote = null;
    }

    /** Cancels the key and closes the socket: the lifecycle's last step. */
    void closeSocket() {
        key.cancel();
        try {
            transport.close();
        } catch (IOException e) {
            Logger.debug("{} close failed: {}", this, e.getMessage());
        }
    }

    /** Asks the selector for what the parts wait on now; no system call if nothing changed. */
    void updateInterest() {
        int ops = 0;
        if (life.phase() == Lifecycle.Phase.LINGERING || wantsInput()) {
            ops |= SelectionKey.OP_READ;
        }
        // Never OP_WRITE while the transport is busy with its own work: it could take nothing (a spin).
        boolean canWrite = output.hasPending() && transport.isReady() && !transport.isWorking();
        if ((canWrite || transport.hasPendingWrites()) && life.acceptsOutput()) {
            ops |= SelectionKey.OP_WRITE;
        }
        if (ops != interestOps && key.isValid()) {
            interestOps = ops;
            key.interestOps(ops);
        }
    }
}
