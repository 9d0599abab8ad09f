package dev.switchboard.protocol;

import dev.switchboard.codec.FrameDecoder;
import dev.switchboard.codec.FrameException;
import dev.switchboard.reactor.CloseReason;
import dev.switchboard.reactor.Connection;
import dev.switchboard.reactor.ConnectionHandler;
import dev.switchboard.reactor.Seconds;
import java.nio.ByteBuffer;
import java.util.function.LongSupplier;
import org.tinylog.Logger;

/**
 * Joins one connection of the reactor to a service: runs the decoder over the bytes the
 * reactor hands in, passes each message on, and maps framing errors to the service's reply.
 */
public final class ServiceHandler<F> implements ConnectionHandler, Session {
    private final Service<F> service;
    /** Made when the first bytes arrive: an idle connection that never sends holds none. */
    private FrameDecoder<F> decoder;

    private final Connection connection;
    /** Read when the deadline passes: a reload may have changed it since the connection opened. */
    private final LongSupplier frameTimeoutNanos;

    private Object attachment;

    public ServiceHandler(Service<F> service, Connection connection, long frameTimeoutNanos) {
        this(service, connection, () -> frameTimeoutNanos);
    }

    public ServiceHandler(Service<F> service, Connection connection, LongSupplier frameTimeoutNanos) {
        this.service = service;
        this.connection = connection;
        this.frameTimeoutNanos = frameTimeoutNanos;
    }

    @Override
    public void opened(Connection c) {
        service.opened(this);
    }

    @Override
    public void received(Connection c, ByteBuffer in) {
        try {
            while (!c.inputPaused()) {
                F message = decoder().decode(in);
                if (message == null) {
                    return;
                }
                c.countMessage();
                service.received(this, message);
            }
        } catch (FrameException e) {
            reject(e);
        }
    }

    @Override
    public void drained(Connection c, ByteBuffer in, boolean endOfStream) {
        try {
            F message = decoder().drained(in, endOfStream);
            if (message != null) {
                c.countMessage();
                service.received(this, message);
            }
        } catch (FrameException e) {
            reject(e);
        }
    }

    @Override
    public void frameTimedOut(Connection c) {
        service.rejected(
                this,
                new FrameException("message incomplete after " + Seconds.of(frameTimeoutNanos.getAsLong()) + " s"));
    }

    @Override
    public void closed(Connection c, CloseReason reason) {
        service.closed(this);
    }

    @Override
    public void shuttingDown(Connection c) {
        service.shuttingDown(this);
    }

    @Override
    public String logDetail(Connection c) {
        return service.logDetail(this);
    }

    private FrameDecoder<F> decoder() {
        if (decoder == null) {
            decoder = service.newDecoder();
        }
        return decoder;
    }

    private void reject(FrameException e) {
        connection.counters().protocolErrors++;
        if (connection.mayLogInfo()) {
            Logger.info("{} protocol error: {}", connection.logName(), e.getMessage());
        }
        connection.closeAfterFlush(CloseReason.PROTOCOL_ERROR);
        service.rejected(this, e);
    }

    // ---- Session ------------------------------------------------------------------------

    @Override
    public void send(ByteBuffer bytes) {
        connection.send(bytes);
        connection.counters().messagesSent++;
    }

    @Override
    public void send(ByteBuffer header, ByteBuffer payload) {
        connection.send(header);
        connection.send(payload);
        connection.counters().messagesSent++;
    }

    @Override
    public void closeAfterFlush() {
        connection.closeAfterFlush(CloseReason.QUIT);
    }

    @Override
    public void close() {
        connection.close(CloseReason.QUIT);
    }

    @Override
    public boolean isOpen() {
        return connection.isOpen();
    }

    @Override
    public String remote() {
        return connection.remote();
    }

    @Override
    public String logName() {
        return connection.logName();
    }

    @Override
    public boolean mayLogInfo() {
        return connection.mayLogInfo();
    }

    @Override
    public void closeTimedOut(String why) {
        connection.closeTimedOut(why);
    }

    @Override
    public Object attachment() {
        return attachment;
    }

    @Override
    public void attach(Object state) {
        this.attachment = state;
    }
}
