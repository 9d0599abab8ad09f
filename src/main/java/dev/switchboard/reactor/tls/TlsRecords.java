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
 * The TLS records of one connection on their way between the socket and the engine. Records
 * are read into, and wrapped into, the loop thread's {@link Scratch}, as the loop's shared
 * input and reply buffers do for plaintext: only what is left when a call ends (part of a
 * record, records the socket did not take) is copied into buffers of the connection's own,
 * made then and dropped as soon as they are empty (tls-channel's habit), so an idle
 * connection holds neither and a request costs no buffer. Loop thread only; every call that
 * reads or wraps ends with {@link #park} or {@link #flush}, so the scratch is free between calls.
 */
final class TlsRecords {
    private static final ByteBuffer EMPTY = ByteBuffer.allocate(0);
    private final SocketTransport socket;
    private final SSLEngine engine;
    private final int packetBytes;
    /** The loop thread's scratch, looked up on first use. */
    private Scratch scratch;
    /** Records read but not unwrapped when the last call ended, in read mode; null when none. */
    private ByteBuffer netIn;
    /** Records wrapped that the socket did not take, in write mode; null when none. */
    private ByteBuffer netOut;
    /** The last unwrap wanted more bytes than are here. */
    private boolean incomplete;
    /** The last socket read filled what it was given: the socket may hold more. */
    private boolean socketFull = true;

    private String failure;

    TlsRecords(SocketTransport socket, SSLEngine engine) {
        this.socket = socket;
        this.engine = engine;
        this.packetBytes = engine.getSession().getPacketBufferSize();
    }

    String failure() {
        return failure;
    }

    /** The records waiting to be unwrapped, in read mode: ours, else the scratch's. */
    private ByteBuffer input() {
        if (netIn != null) {
            return netIn;
        }
        Scratch shared = scratch();
        if (shared.reader == null || shared.reader == this) {
            shared.reader = this;
            return shared.in;
        }
        // Another connection's read is under way further up the stack (a handler's send resumed
        // this one): its records are in the scratch, so this read takes a buffer of its own.
        netIn = ByteBuffer.allocate(packetBytes).limit(0);
        return netIn;
    }

    private Scratch scratch() {
        if (scratch == null) {
            scratch = Scratch.SHARED.get();
        }
        return scratch;
    }

    /** The loop thread's buffer for one record's plaintext, cleared (write mode). */
    ByteBuffer scratchApp() {
        return scratch().app.clear();
    }

    /** True when no whole record waits to be unwrapped: only the socket can bring one. */
    boolean needsBytes() {
        return incomplete || !input().hasRemaining();
    }

    /** Between calls: a whole record (as far as we know) waits to be unwrapped. */
    boolean hasInput() {
        return netIn != null && !incomplete;
    }

    /** True unless the last read left the socket empty (another read would only say so). */
    boolean socketMayHaveMore() {
        return socketFull;
    }

    /** Reads records from the socket: the count, 0 if none now, -1 at end of stream. */
    int read() throws IOException {
        ByteBuffer target = input();
        target.compact();
        if (!target.hasRemaining()) {
            // Only ours can be full: a record larger than its buffer, which grows by doubling.
            ByteBuffer bigger = ByteBuffer.allocate(target.capacity() * 2);
            target.flip();
            target = netIn = bigger.put(target);
        }
        int space = target.remaining();
        int n;
        try {
            n = socket.read(target);
        } finally {
            target.flip();
        }
        socketFull = n == space;
        if (n > 0) {
            incomplete = false;
        }
        releaseInIfEmpty();
        return n;
    }

    /** Unwraps one record into {@code target}. */
    SSLEngineResult unwrap(ByteBuffer target) throws IOException {
        ByteBuffer source = input();
        SSLEngineResult result;
        try {
            result = engine.unwrap(source, target);
        } catch (SSLException e) {
            throw fail(e);
        }
        incomplete = result.getStatus() == Status.BUFFER_UNDERFLOW;
        if (result.getStatus() == Status.BUFFER_OVERFLOW) {
            // The target always has room for a whole record: only a peer breaking the record
            // size limit gets here.
            throw fail(new SSLException("record larger than the negotiated limit"));
        }
        releaseInIfEmpty();
        return result;
    }

    /** A call ends: records still in the scratch move into a buffer of our own. */
    void park() {
        if (scratch == null || scratch.reader != this) {
            return;
        }
        scratch.reader = null;
        ByteBuffer in = scratch.in;
        if (in.hasRemaining()) {
            netIn = ByteBuffer.allocate(Math.max(packetBytes, in.remaining()));
            netIn.put(in).flip();
        }
        in.clear().limit(0);
    }

    /** Wraps into the outgoing records: the caller flushes before its call ends. */
    SSLEngineResult wrap(ByteBuffer[] srcs, int offset, int length) throws IOException {
        ByteBuffer out = output();
        SSLEngineResult result;
        try {
            result = engine.wrap(srcs, offset, length, out);
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

    /** True while another whole record fits behind the ones wrapped so far. */
    boolean roomForRecord() {
        return netOut == null && scratch().out.remaining() >= packetBytes;
    }

    /** Where wrapped records go: behind ours if the socket has not taken them, else the scratch. */
    private ByteBuffer output() {
        if (netOut == null) {
            return scratch().out;
        }
        if (netOut.remaining() < packetBytes) {
            ByteBuffer bigger = ByteBuffer.allocate(netOut.position() + packetBytes);
            netOut.flip();
            netOut = bigger.put(netOut);
        }
        return netOut;
    }

    /** Sends the outgoing records; true when none are left. What the socket does not take is kept. */
    boolean flush() throws IOException {
        ByteBuffer out = netOut != null ? netOut : scratch == null ? null : scratch.out;
        if (out == null || out.position() == 0) {
            return netOut == null;
        }
        out.flip();
        try {
            socket.write(out);
        } finally {
            if (out == netOut) {
                netOut = out.hasRemaining() ? out.compact() : null;
            } else {
                if (out.hasRemaining()) {
                    netOut = ByteBuffer.allocate(Math.max(packetBytes, out.remaining()));
                    netOut.put(out);
                }
                out.clear();
            }
        }
        return netOut == null;
    }

    boolean hasPendingWrites() {
        return netOut != null;
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
                engine.wrap(EMPTY, output());
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
        if (netIn != null && !netIn.hasRemaining()) {
            netIn = null;
        }
    }

    /**
     * The loop thread's buffers for records in and out: room for eight records each, so a
     * 64 KiB reply leaves in one write and a read takes what a bulk sender has sent. Heap
     * buffers: the JDK's ciphers work on arrays.
     */
    static final class Scratch {
        private static final int BYTES = 8 * 17 * 1024;
        static final ThreadLocal<Scratch> SHARED = ThreadLocal.withInitial(Scratch::new);
        /** In read mode; empty between calls. */
        final ByteBuffer in = ByteBuffer.allocate(BYTES).limit(0);
        /** Whose records {@link #in} holds during a call; null between calls. */
        TlsRecords reader;
        /** In write mode; empty between calls. */
        final ByteBuffer out = ByteBuffer.allocate(BYTES);
        /** Plaintext of one record, for an unwrap whose caller lacks the room; empty between calls. */
        final ByteBuffer app = ByteBuffer.allocate(BYTES);
    }
}
