package dev.switchboard.reactor.tls;

import dev.switchboard.reactor.SocketTransport;
import dev.switchboard.reactor.Transport;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;
import javax.net.ssl.SSLEngineResult.Status;

/**
 * TLS over the socket, driven by the loop: an {@link SSLEngine} with no thread of its own.
 *
 * <p>Records travel through {@link TlsRecords}; plaintext that did not fit the caller's buffer
 * waits in a buffer of its own, made when needed and dropped when empty, so an idle TLS
 * connection holds nothing. Delegated tasks (key exchange and certificate work) run on
 * {@link TlsTasks}, off the loop: meanwhile the connection neither reads nor writes (the JDK
 * runs a task holding its engine's lock, so the loop must not touch the engine), and the
 * result comes back through the loop's {@code execute}, which drives the connection on.
 */
public final class TlsTransport implements Transport {
    private final SocketTransport socket;
    private final SSLEngine engine;
    private final TlsRecords records;
    private final TlsTasks tasks;
    /** The plaintext of one record at most. */
    private final int appBytes;
    /** Plaintext unwrapped but not yet taken, in read mode; null when none. */
    private ByteBuffer appIn;
    /** The loop and the connection's way back onto it; null until attached (tasks then run inline). */
    private Executor loop;

    private Runnable resume;
    /** The delegated tasks running off the loop; null when none. */
    private TlsTasks.Job job;

    private boolean begun;
    private boolean handshakeDone;
    private boolean inboundClosed;
    private boolean closed;

    public TlsTransport(SocketTransport socket, SSLEngine engine, TlsTasks tasks) {
        this.socket = socket;
        this.engine = engine;
        this.tasks = tasks;
        this.records = new TlsRecords(socket, engine);
        this.appBytes = engine.getSession().getApplicationBufferSize();
    }

    @Override
    public void attach(Executor eventLoop, Runnable resumeConnection) {
        this.loop = eventLoop;
        this.resume = resumeConnection;
    }

    @Override
    public boolean isReady() {
        return handshakeDone;
    }

    @Override
    public boolean isWorking() {
        return job != null;
    }

    @Override
    public String failure() {
        return records.failure();
    }

    // ---- reading ------------------------------------------------------------------------

    @Override
    public int read(ByteBuffer dst) throws IOException {
        if (job != null) {
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
            if (!handshakeDone && !handshake()) {
                return count > 0 ? count : (inboundClosed ? -1 : 0);
            }
            if (inboundClosed) {
                return count > 0 ? count : -1;
            }
            if (job != null) {
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

    private int readFromSocket() throws IOException {
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
        afterHandshake(result.getHandshakeStatus());
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

    @Override
    public boolean hasBufferedInput() {
        return job == null && (appIn != null || records.hasInput());
    }

    // ---- the handshake ------------------------------------------------------------------

    /** Drives the handshake as far as the socket (and the tasks) allow; true once it is done. */
    private boolean handshake() throws IOException {
        if (!begun) {
            // Until this, a server engine says NOT_HANDSHAKING, which would pass for done.
            begun = true;
            engine.beginHandshake();
        }
        try {
            return driveHandshake();
        } finally {
            // A flight's records (ServerHello, the encrypted rest, a ticket) leave in one write.
            records.flush();
        }
    }

    private boolean driveHandshake() throws IOException {
        while (job == null) {
            HandshakeStatus status = engine.getHandshakeStatus();
            switch (status) {
                case NEED_TASK -> runTasks();
                case NEED_WRAP -> {
                    if (!records.roomForRecord() && !records.flush()) {
                        return false;
                    }
                    records.wrapNothing();
                }
                case NEED_UNWRAP, NEED_UNWRAP_AGAIN -> {
                    if (status == HandshakeStatus.NEED_UNWRAP && records.needsBytes()) {
                        int n = readFromSocket();
                        if (n < 0) {
                            throw new EOFException(records.failure());
                        }
                        if (n == 0) {
                            return false;
                        }
                    }
                    ByteBuffer plain = records.scratchApp();
                    SSLEngineResult result = records.unwrap(plain);
                    takeAndKeep(plain.flip(), null);
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
        return false;
    }

    /** Hands the engine's delegated tasks to a worker; inline only for an unattached transport. */
    private void runTasks() throws IOException {
        List<Runnable> pending = new ArrayList<>(1);
        Runnable task;
        while ((task = engine.getDelegatedTask()) != null) {
            pending.add(task);
        }
        if (pending.isEmpty()) {
            // Only while a task is out, and none is while we ask: looping on it would spin.
            throw new IOException("the TLS engine wants a task but has none to give");
        }
        if (loop == null) {
            pending.forEach(Runnable::run);
            return;
        }
        job = tasks.submit(pending, loop, this::tasksDone);
        if (job == null) {
            records.failed("too many TLS handshakes waiting for a worker");
            throw new IOException("too many TLS handshakes waiting for a worker");
        }
    }

    /** Loop thread: the tasks are done; the engine is ours again. */
    private void tasksDone() {
        job = null;
        if (closed) {
            return;
        }
        if (handshakeDone) {
            try {
                afterHandshake(engine.getHandshakeStatus());
            } catch (IOException e) {
                // The connection's next read or write meets the same failure and closes it.
            } finally {
                records.park();
            }
        }
        resume.run();
    }

    /** After the handshake: a TLS 1.3 ticket or key update may still want work or a record. */
    private void afterHandshake(HandshakeStatus status) throws IOException {
        if (status == HandshakeStatus.NEED_TASK) {
            runTasks();
            if (job != null) {
                return;
            }
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
        if (!handshakeDone || job != null || !flushPending()) {
            return 0;
        }
        long taken = 0;
        while (hasRemaining(srcs, offset, length)) {
            SSLEngineResult result = records.wrap(srcs, offset, length);
            taken += result.bytesConsumed();
            if (result.bytesConsumed() == 0 && result.bytesProduced() == 0) {
                // The engine wants something else first (a key update's reply): never spin on it.
                records.flush();
                afterHandshake(result.getHandshakeStatus());
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
        if (!handshakeDone && job == null) {
            try {
                handshake();
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
        if (job != null) {
            // The engine is locked by its task: no close_notify can be made; close instead.
            throw new IOException("TLS engine busy with a delegated task");
        }
        records.sendCloseNotify();
        socket.shutdownOutput();
    }

    @Override
    public void close() throws IOException {
        closed = true;
        if (job != null) {
            // A task that has not returned holds the engine: the socket closes without a close_notify.
            job.cancel();
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
