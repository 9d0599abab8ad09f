package dev.switchboard.reactor.tls;

import dev.switchboard.reactor.EventLoop;
import dev.switchboard.reactor.SocketTransport;
import dev.switchboard.reactor.Transport;
import java.io.IOException;
import java.nio.ByteBuffer;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLEngineResult.Status;

/**
 * TLS over the socket, driven by the loop: an {@link SSLEngine} with no thread of its own.
 *
 * <p>Records travel through {@link TlsRecords}; plaintext that did not fit the caller's buffer
 * waits in a buffer of its own, made when needed and dropped when empty, so an idle TLS
 * connection holds nothing. {@link TlsHandshake} drives the handshake and has the loop run the
 * engine's delegated tasks as watched steps; until they are done, nothing here touches the engine.
 */
public final class TlsTransport implements Transport {
    private final SocketTransport socket;
    private final SSLEngine engine;
    private final TlsRecords records;
    private final TlsHandshake handshake;
    /** The plaintext of one record at most. */
    private final int appBytes;
    /** Plaintext unwrapped but not yet taken, in read mode; null when none. */
    private ByteBuffer appIn;

    private boolean inboundClosed;

    public TlsTransport(SocketTransport socket, SSLEngine engine) {
        this.socket = socket;
        this.engine = engine;
        this.records = new TlsRecords(socket, engine);
        this.handshake = new TlsHandshake(this, engine, records);
        this.appBytes = engine.getSession().getApplicationBufferSize();
    }

    @Override
    public void attach(EventLoop eventLoop, Runnable resumeConnection) {
        handshake.attach(eventLoop, resumeConnection);
    }

    @Override
    public boolean isReady() {
        return handshake.isDone();
    }

    @Override
    public boolean isWorking() {
        return handshake.isWorking();
    }

    @Override
    public String failure() {
        return records.failure();
    }

    // ---- reading ------------------------------------------------------------------------

    @Override
    public int read(ByteBuffer dst) throws IOException {
        if (handshake.isWorking()) {
            return 0;
        }
        try {
            return readRecords(dst);
        } finally {
            records.park();
        }
    }

    private int readRecords(ByteBuffer dst) throws IOException {
        int count = takeAppIn(dst);
        boolean readSocket = true;
        while (dst.hasRemaining()) {
            if (!handshake.isDone() && !handshake.advance()) {
                return count > 0 ? count : (inboundClosed ? -1 : 0);
            }
            if (inboundClosed) {
                return count > 0 ? count : -1;
            }
            if (handshake.isWorking()) {
                return count;
            }
            if (appIn != null) {
                // Plaintext the handshake's last unwrap left.
                count += takeAppIn(dst);
                continue;
            }
            if (records.needsBytes()) {
                // One read that left the socket empty is enough: a second would only say so.
                if (!readSocket) {
                    return count;
                }
                int n = readFromSocket();
                if (n <= 0) {
                    return count > 0 ? count : n;
                }
                readSocket = records.socketMayHaveMore();
            }
            count += unwrapInto(dst);
        }
        return count;
    }

    /** Records from the socket (for the handshake too): the count, 0 if none now, -1 at end of stream. */
    int readFromSocket() throws IOException {
        int n = records.read();
        if (n < 0) {
            inboundClosed = true;
            if (!handshake.isDone()) {
                records.failed("closed during the TLS handshake");
            }
        }
        return n;
    }

    /** Unwraps one record; returns the plaintext bytes put into {@code dst}. */
    private int unwrapInto(ByteBuffer dst) throws IOException {
        boolean direct = dst.remaining() >= appBytes;
        ByteBuffer target = direct ? dst : records.scratchApp();
        int before = target.position();
        SSLEngineResult result = records.unwrap(target);
        int produced = target.position() - before;
        if (!direct) {
            produced = takeAndKeep(target.flip(), dst);
        }
        if (result.getStatus() == Status.CLOSED) {
            inboundClosed = true;
        }
        handshake.afterwards(result.getHandshakeStatus());
        return produced;
    }

    private int takeAppIn(ByteBuffer dst) {
        if (appIn == null) {
            return 0;
        }
        int n = Math.min(dst.remaining(), appIn.remaining());
        int limit = appIn.limit();
        appIn.limit(appIn.position() + n);
        dst.put(appIn);
        appIn.limit(limit);
        if (!appIn.hasRemaining()) {
            appIn = null;
        } else {
            appIn.compact().flip();
        }
        return n;
    }

    /**
     * Moves what {@code plain} (read mode, the loop's scratch) holds into {@code dst} (which may
     * be null: none yet) and keeps the rest in a buffer of our own, made only now; returns the
     * bytes moved.
     */
    private int takeAndKeep(ByteBuffer plain, ByteBuffer dst) {
        int n = dst == null ? 0 : Math.min(dst.remaining(), plain.remaining());
        if (n > 0) {
            int limit = plain.limit();
            plain.limit(plain.position() + n);
            dst.put(plain);
            plain.limit(limit);
        }
        if (plain.hasRemaining()) {
            int kept = appIn == null ? 0 : appIn.remaining();
            ByteBuffer own = ByteBuffer.allocate(Math.max(appBytes, kept + plain.remaining()));
            if (appIn != null) {
                own.put(appIn);
            }
            appIn = own.put(plain).flip();
        }
        return n;
    }

    /** Keeps plaintext a handshake unwrap produced (read mode, the loop's scratch). */
    void keepPlaintext(ByteBuffer plain) {
        takeAndKeep(plain, null);
    }

    /** The peer's close_notify has come. */
    void inboundClosed() {
        inboundClosed = true;
    }

    @Override
    public boolean hasBufferedInput() {
        return !handshake.isWorking() && (appIn != null || records.hasInput());
    }

    // ---- writing ------------------------------------------------------------------------

    @Override
    public int write(ByteBuffer src) throws IOException {
        return (int) write(new ByteBuffer[] {src}, 0, 1);
    }

    @Override
    public long write(ByteBuffer[] srcs, int offset, int length) throws IOException {
        if (!handshake.isDone() || handshake.isWorking() || !flushPending()) {
            return 0;
        }
        long taken = 0;
        while (hasRemaining(srcs, offset, length)) {
            SSLEngineResult result = records.wrap(srcs, offset, length);
            taken += result.bytesConsumed();
            if (result.bytesConsumed() == 0 && result.bytesProduced() == 0) {
                // The engine wants something else first (a key update's reply): never spin on it.
                records.flush();
                handshake.afterwards(result.getHandshakeStatus());
                return taken;
            }
            // Records gather in the scratch and leave together: one write for a whole reply batch.
            if (!records.roomForRecord() && !records.flush()) {
                return taken;
            }
        }
        records.flush();
        return taken;
    }

    @Override
    public boolean hasPendingWrites() {
        return records.hasPendingWrites();
    }

    @Override
    public boolean flushPending() throws IOException {
        if (!records.flush()) {
            return false;
        }
        if (!handshake.isDone() && !handshake.isWorking()) {
            try {
                handshake.advance();
            } finally {
                records.park();
            }
        }
        return !records.hasPendingWrites();
    }

    private static boolean hasRemaining(ByteBuffer[] srcs, int offset, int length) {
        for (int i = offset; i < offset + length; i++) {
            if (srcs[i].hasRemaining()) {
                return true;
            }
        }
        return false;
    }

    // ---- closing ------------------------------------------------------------------------

    @Override
    public void shutdownOutput() throws IOException {
        if (handshake.isWorking()) {
            // The engine is locked by its task: no close_notify can be made; close instead.
            throw new IOException("TLS engine busy with a delegated task");
        }
        records.sendCloseNotify();
        socket.shutdownOutput();
    }

    @Override
    public void close() throws IOException {
        if (handshake.abandon()) {
            // A task that has not returned holds the engine: the socket closes without a close_notify.
            socket.close();
            return;
        }
        try {
            records.sendCloseNotify();
        } catch (IOException e) {
            // The peer is gone or the socket is full: the close below is what matters now.
        } finally {
            socket.close();
        }
    }
}
