package dev.switchboard.reactor.tls;

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
 * One engine's handshake, driven by its {@link TlsTransport}'s reads and writes, and the
 * engine's delegated tasks, handed to {@link TlsTasks}: while a task runs the transport neither
 * reads nor writes (the JDK runs a task holding its engine's lock, so the loop must not touch
 * the engine), and the result comes back through the loop's {@code execute}, which drives the
 * connection on. Loop thread only.
 */
final class TlsHandshake {
    private final TlsTransport transport;
    private final SSLEngine engine;
    private final TlsRecords records;
    private final TlsTasks tasks;
    /** The loop and the connection's way back onto it; null until attached (tasks then run inline). */
    private Executor loop;

    private Runnable resume;
    /** The delegated tasks running off the loop; null when none. */
    private TlsTasks.Job job;

    private boolean begun;
    private boolean done;
    private boolean closed;

    TlsHandshake(TlsTransport transport, SSLEngine engine, TlsRecords records, TlsTasks tasks) {
        this.transport = transport;
        this.engine = engine;
        this.records = records;
        this.tasks = tasks;
    }

    void attach(Executor eventLoop, Runnable resumeConnection) {
        this.loop = eventLoop;
        this.resume = resumeConnection;
    }

    boolean isDone() {
        return done;
    }

    /** True while a task runs off the loop: the engine is not ours to touch. */
    boolean isWorking() {
        return job != null;
    }

    /** Drives the handshake as far as the socket (and the tasks) allow; true once it is done. */
    boolean advance() throws IOException {
        if (!begun) {
            // Until this, a server engine says NOT_HANDSHAKING, which would pass for done.
            begun = true;
            engine.beginHandshake();
        }
        try {
            return drive();
        } finally {
            // A flight's records (ServerHello, the encrypted rest, a ticket) leave in one write.
            records.flush();
        }
    }

    private boolean drive() throws IOException {
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
                        int n = transport.readFromSocket();
                        if (n < 0) {
                            throw new EOFException(records.failure());
                        }
                        if (n == 0) {
                            return false;
                        }
                    }
                    ByteBuffer plain = records.scratchApp();
                    SSLEngineResult result = records.unwrap(plain);
                    transport.keepPlaintext(plain.flip());
                    if (result.getStatus() == Status.CLOSED) {
                        transport.inboundClosed();
                        return false;
                    }
                    if (result.getHandshakeStatus() == HandshakeStatus.FINISHED) {
                        done = true;
                        return true;
                    }
                }
                case FINISHED, NOT_HANDSHAKING -> {
                    done = true;
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
        if (done) {
            try {
                afterwards(engine.getHandshakeStatus());
            } catch (IOException e) {
                // The connection's next read or write meets the same failure and closes it.
            } finally {
                records.park();
            }
        }
        resume.run();
    }

    /** After the handshake: a TLS 1.3 ticket or key update may still want work or a record. */
    void afterwards(HandshakeStatus status) throws IOException {
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

    /** The connection closes; true if a task still holds the engine (it is left to end alone). */
    boolean abandon() {
        closed = true;
        if (job == null) {
            return false;
        }
        job.cancel();
        return true;
    }
}
