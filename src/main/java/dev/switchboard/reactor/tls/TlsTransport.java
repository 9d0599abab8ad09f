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
import javax.net.ssl.SSLException;

/**
 * TLS over the socket, driven by the loop: an {@link SSLEngine} with no thread of its own.
 *
 * <p>Its three buffers (records read, records to write, plaintext that did not fit the
 * caller's buffer) are made when first needed and dropped as soon as they are empty, as
 * tls-channel does, so an idle TLS connection holds none. Delegated tasks (key exchange and
 * certificate work of the JDK's provider) run inline on the loop: they are bounded CPU work,
 * shorter than a hand-off to another thread and back would be.
 */
public final class TlsTransport implements Transport {
    private static final ByteBuffer EMPTY = ByteBuffer.allocate(0);
    private final SocketTransport socket;
    private final SSLEngine engine;
    private final int packetBytes;
    private final int appBytes;
    private ByteBuffer netIn;
    private ByteBuffer netOut;
    private ByteBuffer appIn;
    /** The last unwrap wanted more bytes than {@link #netIn} holds: reading again without the socket is pointless. */
    private boolean netInIncomplete;
    private boolean begun;
    private boolean handshakeDone;
    private boolean inboundClosed;
    private String failure;

    public TlsTransport(SocketTransport socket, SSLEngine engine) {
        this.socket = socket;
        this.engine = engine;
        this.packetBytes = engine.getSession().getPacketBufferSize();
        this.appBytes = engine.getSession().getApplicationBufferSize();
    }

    @Override
    public boolean isReady() {
        return handshakeDone;
    }

    @Override
    public String failure() {
        return failure;
    }

    /** The protocol version agreed, once the handshake is done (for logs). */
    public String protocolVersion() {
        return engine.getSession().getProtocol();
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
            if (netIn == null || netIn.position() == 0 || netInIncomplete) {
                int n = readRecords();
                if (n < 0) {
                    return count > 0 ? count : -1;
                }
                if (n == 0) {
                    return count;
                }
            }
            count += unwrapInto(dst);
        }
        return count;
    }

    /** Unwraps one record from {@link #netIn}; returns the plaintext bytes put into {@code dst}. */
    private int unwrapInto(ByteBuffer dst) throws IOException {
        boolean direct = dst.remaining() >= appBytes;
        ByteBuffer target = direct ? dst : appInForWrite();
        int before = target.position();
        SSLEngineResult result = unwrap(target);
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

    private SSLEngineResult unwrap(ByteBuffer target) throws IOException {
        netIn.flip();
        SSLEngineResult result;
        try {
            result = engine.unwrap(netIn, target);
        } catch (SSLException e) {
            netIn.compact();
            throw fail(e);
        }
        netIn.compact();
        netInIncomplete = result.getStatus() == Status.BUFFER_UNDERFLOW;
        if (result.getStatus() == Status.BUFFER_OVERFLOW) {
            // The caller's buffer and ours are both at least one record: only a peer breaking
            // the record size limit gets here.
            throw fail(new SSLException("record larger than the negotiated limit"));
        }
        releaseNetInIfEmpty();
        return result;
    }

    /** Reads records from the socket into {@link #netIn}: the count, 0 if none now, -1 at end. */
    private int readRecords() throws IOException {
        if (netIn == null) {
            netIn = ByteBuffer.allocate(packetBytes);
        } else if (!netIn.hasRemaining()) {
            ByteBuffer bigger = ByteBuffer.allocate(netIn.capacity() * 2);
            netIn.flip();
            netIn = bigger.put(netIn);
        }
        int n = socket.read(netIn);
        if (n > 0) {
            netInIncomplete = false;
        } else {
            releaseNetInIfEmpty();
        }
        if (n < 0) {
            inboundClosed = true;
            if (!handshakeDone) {
                failure = "closed during the TLS handshake";
            }
        }
        return n;
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

    private ByteBuffer appInForWrite() {
        if (appIn == null) {
            appIn = ByteBuffer.allocate(appBytes);
            return appIn;
        }
        // Only reached with appIn empty (takeAppIn drained it or dst is full and we stopped).
        appIn.clear();
        return appIn;
    }

    @Override
    public boolean hasBufferedInput() {
        return appIn != null || (netIn != null && netIn.position() > 0 && !netInIncomplete);
    }

    private void releaseNetInIfEmpty() {
        if (netIn != null && netIn.position() == 0) {
            netIn = null;
        }
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
                    if (!wrapAndFlush(EMPTY)) {
                        return false;
                    }
                }
                case NEED_UNWRAP, NEED_UNWRAP_AGAIN -> {
                    if ((netIn == null || netIn.position() == 0 || netInIncomplete) && status == HandshakeStatus.NEED_UNWRAP) {
                        int n = readRecords();
                        if (n < 0) {
                            throw new EOFException(failure);
                        }
                        if (n == 0) {
                            return false;
                        }
                    }
                    if (netIn == null) {
                        netIn = ByteBuffer.allocate(packetBytes);
                    }
                    SSLEngineResult result = unwrap(appInForWrite());
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
        if (status == HandshakeStatus.NEED_WRAP) {
            wrapAndFlush(EMPTY);
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
            SSLEngineResult result = wrap(srcs, offset, length);
            taken += result.bytesConsumed();
            if (result.bytesConsumed() == 0 && result.bytesProduced() == 0) {
                // The engine wants something else first (a key update's reply): never spin on it.
                afterResult(result);
                break;
            }
            if (!flushNetOut()) {
                break;
            }
        }
        return taken;
    }

    /** Wraps into {@link #netOut} (which must be empty) and tries to send it; false if some is left. */
    private boolean wrapAndFlush(ByteBuffer src) throws IOException {
        if (!flushNetOut()) {
            return false;
        }
        wrap(new ByteBuffer[] {src}, 0, 1);
        return flushNetOut();
    }

    private SSLEngineResult wrap(ByteBuffer[] srcs, int offset, int length) throws IOException {
        if (netOut == null) {
            netOut = ByteBuffer.allocate(packetBytes);
        }
        SSLEngineResult result;
        try {
            result = engine.wrap(srcs, offset, length, netOut);
        } catch (SSLException e) {
            throw fail(e);
        }
        if (result.getStatus() == Status.CLOSED && result.bytesProduced() == 0) {
            // Nothing will ever go out again; saying so stops a caller that would retry forever.
            throw new IOException("TLS output is closed");
        }
        if (result.getStatus() == Status.BUFFER_OVERFLOW) {
            throw new IOException("TLS record larger than the packet buffer");
        }
        return result;
    }

    /** Sends {@link #netOut}; true when it is empty (and dropped). */
    private boolean flushNetOut() throws IOException {
        if (netOut == null) {
            return true;
        }
        netOut.flip();
        if (netOut.hasRemaining()) {
            socket.write(netOut);
        }
        if (netOut.hasRemaining()) {
            netOut.compact();
            return false;
        }
        netOut = null;
        return true;
    }

    @Override
    public boolean hasPendingWrites() {
        return netOut != null && netOut.position() > 0;
    }

    @Override
    public boolean flushPending() throws IOException {
        if (!flushNetOut()) {
            return false;
        }
        if (!handshakeDone) {
            handshake();
        }
        return !hasPendingWrites();
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
        sendCloseNotify();
        socket.shutdownOutput();
    }

    @Override
    public void close() throws IOException {
        try {
            sendCloseNotify();
        } catch (IOException e) {
            // The peer is gone or the socket is full: the close below is what matters now.
        } finally {
            socket.close();
        }
    }

    private void sendCloseNotify() throws IOException {
        if (engine.isOutboundDone()) {
            return;
        }
        engine.closeOutbound();
        if (!flushNetOut()) {
            return;
        }
        while (!engine.isOutboundDone()) {
            if (netOut == null) {
                netOut = ByteBuffer.allocate(packetBytes);
            }
            SSLEngineResult result = engine.wrap(EMPTY, netOut);
            if (!flushNetOut() || result.bytesProduced() == 0) {
                return;
            }
        }
    }

    /** Notes why the handshake or a record failed, and sends the alert the engine has for it. */
    private IOException fail(SSLException e) {
        failure = "TLS error: " + e.getMessage();
        try {
            if (engine.getHandshakeStatus() == HandshakeStatus.NEED_WRAP) {
                if (netOut == null || !hasPendingWrites()) {
                    netOut = ByteBuffer.allocate(packetBytes);
                }
                engine.wrap(EMPTY, netOut);
                flushNetOut();
            }
        } catch (IOException | RuntimeException alertFailed) {
            // The alert is a courtesy; the connection closes either way.
        }
        return e;
    }
}
