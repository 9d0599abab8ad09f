package dev.switchboard.reactor.tls;

import dev.switchboard.reactor.SocketTransport;
import java.io.IOException;
import java.nio.ByteBuffer;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;
import javax.net.ssl.SSLEngineResult.Status;
import javax.net.ssl.SSLException;

/**
 * The TLS records of one connection on their way between the socket and the engine: records
 * read but not yet unwrapped, and records wrapped but not yet written. Both buffers are made
 * when first needed and dropped as soon as they are empty (tls-channel's habit), so an idle
 * connection holds neither. Loop thread only.
 */
final class TlsRecords {
    private static final ByteBuffer EMPTY = ByteBuffer.allocate(0);
    private final SocketTransport socket;
    private final SSLEngine engine;
    private final int packetBytes;
    /** Records read, in write mode; null when empty. */
    private ByteBuffer netIn;
    /** Records to send, in write mode; null when empty. */
    private ByteBuffer netOut;
    /** The last unwrap wanted more bytes than {@link #netIn} holds. */
    private boolean incomplete;

    private String failure;

    TlsRecords(SocketTransport socket, SSLEngine engine) {
        this.socket = socket;
        this.engine = engine;
        this.packetBytes = engine.getSession().getPacketBufferSize();
    }

    String failure() {
        return failure;
    }

    /** True when no whole record waits to be unwrapped: only the socket can bring one. */
    boolean needsBytes() {
        return netIn == null || netIn.position() == 0 || incomplete;
    }

    /** True when a whole record (as far as we know) waits to be unwrapped. */
    boolean hasInput() {
        return !needsBytes();
    }

    /** Reads records from the socket: the count, 0 if none now, -1 at end of stream. */
    int read() throws IOException {
        if (netIn == null) {
            netIn = ByteBuffer.allocate(packetBytes);
        } else if (!netIn.hasRemaining()) {
            ByteBuffer bigger = ByteBuffer.allocate(netIn.capacity() * 2);
            netIn.flip();
            netIn = bigger.put(netIn);
        }
        int n = socket.read(netIn);
        if (n > 0) {
            incomplete = false;
        } else {
            releaseInIfEmpty();
        }
        return n;
    }

    /** Unwraps one record into {@code target}. */
    SSLEngineResult unwrap(ByteBuffer target) throws IOException {
        if (netIn == null) {
            netIn = ByteBuffer.allocate(packetBytes);
        }
        netIn.flip();
        SSLEngineResult result;
        try {
            result = engine.unwrap(netIn, target);
        } catch (SSLException e) {
            netIn.compact();
            throw fail(e);
        }
        netIn.compact();
        incomplete = result.getStatus() == Status.BUFFER_UNDERFLOW;
        if (result.getStatus() == Status.BUFFER_OVERFLOW) {
            // The target always has room for a whole record: only a peer breaking the record
            // size limit gets here.
            throw fail(new SSLException("record larger than the negotiated limit"));
        }
        releaseInIfEmpty();
        return result;
    }

    /** Wraps into the outgoing records. */
    SSLEngineResult wrap(ByteBuffer[] srcs, int offset, int length) throws IOException {
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

    SSLEngineResult wrapNothing() throws IOException {
        return wrap(new ByteBuffer[] {EMPTY}, 0, 1);
    }

    /** Sends the outgoing records; true when none are left (and the buffer is dropped). */
    boolean flush() throws IOException {
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

    boolean hasPendingWrites() {
        return netOut != null && netOut.position() > 0;
    }

    /** Our {@code close_notify}, as far as the socket takes it now (never waited for). */
    void sendCloseNotify() throws IOException {
        if (engine.isOutboundDone()) {
            return;
        }
        engine.closeOutbound();
        if (!flush()) {
            return;
        }
        while (!engine.isOutboundDone()) {
            SSLEngineResult result = wrapNothing();
            if (!flush() || result.bytesProduced() == 0) {
                return;
            }
        }
    }

    /** Notes why a record failed, and sends the alert the engine has for it. */
    IOException fail(SSLException e) {
        failure = "TLS error: " + e.getMessage();
        try {
            if (engine.getHandshakeStatus() == HandshakeStatus.NEED_WRAP) {
                if (netOut == null) {
                    netOut = ByteBuffer.allocate(packetBytes);
                }
                engine.wrap(EMPTY, netOut);
                flush();
            }
        } catch (IOException | RuntimeException alertFailed) {
            // The alert is a courtesy; the connection closes either way.
        }
        return e;
    }

    void failed(String why) {
        failure = why;
    }

    private void releaseInIfEmpty() {
        if (netIn != null && netIn.position() == 0) {
            netIn = null;
        }
    }
}
