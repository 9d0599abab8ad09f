package dev.switchboard.reactor.tls;

import dev.switchboard.reactor.SocketTransport;
import dev.switchboard.reactor.Transport;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;
import javax.net.ssl.SSLEngineResult.Status;

/**
 * TLS over the socket, driven by the loop: an {@link SSLEngine} with no thread of its own.
 *
 * <p>Records travel through {@link TlsRecords}; plaintext that did not fit the caller's buffer
 * waits in a buffer of its own, made when needed and dropped when empty, so an idle TLS
 * connection holds nothing. Delegated tasks (key exchange and certificate work of the JDK's
 * provider) run inline on the loop: they are bounded CPU work, shorter than a hand-off to
 * another thread and back would be.
 */
public final class TlsTransport implements Transport {
    private final SocketTransport socket;
    private final SSLEngine engine;
    private final TlsRecords records;
    private final int appBytes;
    /** Plaintext unwrapped but not yet taken, in read mode; null when none. */
    private ByteBuffer appIn;

    private boolean begun;
    private boolean handshakeDone;
    private boolean inboundClosed;

    public TlsTransport(SocketTransport socket, SSLEngine engine) {
        this.socket = socket;
        this.engine = engine;
        this.records = new TlsRecords(socket, engine);
        this.appBytes = engine.getSession().getApplicationBufferSize();
    }

    @Override
    public boolean isReady() {
        return handshakeDone;
    }

    @Override
    public String failure() {
        return records.failure();
    }

    // ---- reading ------------------------------------------------------------------------

    @Override
    public int read(ByteBuffer dst) throws IOException {
        int count = takeAppIn(dst);
        while (dst.hasRemaining()) {
            if (!handshakeDone && !handshake()) {
                return count > 0 ? count : (inboundClosed ? -1 : 0);
            }
            if (inboundClosed) {
                return count > 0 ? count : -1;
            }
            if (records.needsBytes()) {
                int n = readRecords();
                if (n <= 0) {
                    return count > 0 ? count : n;
                }
            }
            count += unwrapInto(dst);
        }
        return count;
    }

    private int readRecords() throws IOException {
        int n = records.read();
        if (n < 0) {
            inboundClosed = true;
            if (!handshakeDone) {
                records.failed("closed during the TLS handshake");
            }
        }
        return n;
    }

    /** Unwraps one record; returns the plaintext bytes put into {@code dst}. */
    private int unwrapInto(ByteBuffer dst) throws IOException {
        boolean direct = dst.remaining() >= appBytes;
        ByteBuffer target = direct ? dst : freshAppIn();
        int before = target.position();
        SSLEngineResult result = records.unwrap(target);
        int produced = target.position() - before;
        if (!direct) {
            appIn.flip();
            produced = takeAppIn(dst);
        }
        if (result.getStatus() == Status.CLOSED) {
            inboundClosed = true;
        }
        afterResult(result);
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

    /** An empty plaintext buffer in write mode: only asked for once the last one was taken. */
    private ByteBuffer freshAppIn() {
        if (appIn == null) {
            appIn = ByteBuffer.allocate(appBytes);
        }
        return appIn.clear();
    }

    @Override
    public boolean hasBufferedInput() {
        return appIn != null || records.hasInput();
    }

    // ---- the handshake ------------------------------------------------------------------

    /** Drives the handshake as far as the socket allows; true once it is done. */
    private boolean handshake() throws IOException {
        if (!begun) {
            // Until this, a server engine says NOT_HANDSHAKING, which would pass for done.
            begun = true;
            engine.beginHandshake();
        }
        while (true) {
            HandshakeStatus status = engine.getHandshakeStatus();
            switch (status) {
                case NEED_TASK -> runTasks();
                case NEED_WRAP -> {
                    if (!records.flush()) {
                        return false;
                    }
                    records.wrapNothing();
                    if (!records.flush()) {
                        return false;
                    }
                }
                case NEED_UNWRAP, NEED_UNWRAP_AGAIN -> {
                    if (status == HandshakeStatus.NEED_UNWRAP && records.needsBytes()) {
                        int n = readRecords();
                        if (n < 0) {
                            throw new EOFException(records.failure());
                        }
                        if (n == 0) {
                            return false;
                        }
                    }
                    SSLEngineResult result = records.unwrap(freshAppIn());
                    appIn.flip();
                    if (!appIn.hasRemaining()) {
                        appIn = null;
                    }
                    if (result.getStatus() == Status.CLOSED) {
                        inboundClosed = true;
                        return false;
                    }
                    if (result.getHandshakeStatus() == HandshakeStatus.FINISHED) {
                        handshakeDone = true;
                        return true;
                    }
                }
                case FINISHED, NOT_HANDSHAKING -> {
                    handshakeDone = true;
                    return true;
                }
            }
        }
    }

    private void runTasks() {
        Runnable task;
        while ((task = engine.getDelegatedTask()) != null) {
            task.run();
        }
    }

    /** After the handshake: a TLS 1.3 ticket or key update may still want to be sent. */
    private void afterResult(SSLEngineResult result) throws IOException {
        HandshakeStatus status = result.getHandshakeStatus();
        if (status == HandshakeStatus.NEED_TASK) {
            runTasks();
            status = engine.getHandshakeStatus();
        }
        if (status == HandshakeStatus.NEED_WRAP && records.flush()) {
            records.wrapNothing();
            records.flush();
        }
    }

    // ---- writing ------------------------------------------------------------------------

    @Override
    public int write(ByteBuffer src) throws IOException {
        return (int) write(new ByteBuffer[] {src}, 0, 1);
    }

    @Override
    public long write(ByteBuffer[] srcs, int offset, int length) throws IOException {
        if (!handshakeDone || !flushPending()) {
            return 0;
        }
        long taken = 0;
        while (hasRemaining(srcs, offset, length)) {
            SSLEngineResult result = records.wrap(srcs, offset, length);
            taken += result.bytesConsumed();
            if (result.bytesConsumed() == 0 && result.bytesProduced() == 0) {
                // The engine wants something else first (a key update's reply): never spin on it.
                afterResult(result);
                break;
            }
            if (!records.flush()) {
                break;
            }
        }
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
        if (!handshakeDone) {
            handshake();
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
        records.sendCloseNotify();
        socket.shutdownOutput();
    }

    @Override
    public void close() throws IOException {
        try {
            records.sendCloseNotify();
        } catch (IOException e) {
            // The peer is gone or the socket is full: the close below is what matters now.
        } finally {
            socket.close();
        }
    }
}
