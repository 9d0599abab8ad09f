package dev.switchboard.reactor.tls;

import dev.switchboard.reactor.EventLoop;
import dev.switchboard.reactor.WatchedStep;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;
import javax.net.ssl.SSLEngineResult.Status;
import org.tinylog.Logger;

/**
 * One engine's handshake, driven by its {@link TlsTransport}'s reads and writes, and the
 * engine's delegated tasks, which the loop runs at the top of its next turn as a watched step
 * ({@link EventLoop#runWatched}): until they are done the transport neither reads nor writes,
 * and then the loop drives the connection on. A task that never returns has the loop handed
 * to another thread; its engine stays locked by it (the JDK runs a task holding its engine's
 * lock), so the loop must not touch it, and the handshake deadline closes the connection.
 * Loop thread only, but for {@link Job#run}, which may be on a thread that loses the loop.
 */
final class TlsHandshake {
    private final TlsTransport transport;
    private final SSLEngine engine;
    private final TlsRecords records;
    /** The loop and the connection's way back onto it; null until attached (tasks then run at once). */
    private EventLoop loop;

    private Runnable resume;
    /** The delegated tasks given to the loop and not done yet; null when none. */
    private Job job;

    private boolean begun;
    private boolean done;
    private boolean closed;

    TlsHandshake(TlsTransport transport, SSLEngine engine, TlsRecords records) {
        this.transport = transport;
        this.engine = engine;
        this.records = records;
    }

    void attach(EventLoop eventLoop, Runnable resumeConnection) {
        this.loop = eventLoop;
        this.resume = resumeConnection;
    }

    boolean isDone() {
        return done;
    }

    /** True until the delegated tasks are done: the engine is not ours to touch. */
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

    /** Gives the engine's delegated tasks to the loop; runs them at once only for an unattached transport. */
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
        job = new Job(pending);
        loop.runWatched(job);
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

    /** The connection closes; true if a task may still hold the engine (it is left to end alone). */
    boolean abandon() {
        closed = true;
        if (job == null) {
            return false;
        }
        job.cancelled = true;
        return true;
    }

    /** One batch of delegated tasks, run in order as one watched step of the loop. */
    private final class Job implements WatchedStep {
        private final List<Runnable> tasks;
        /** Set by the loop when the connection closes before the tasks are done (then none run). */
        private volatile boolean cancelled;

        private Job(List<Runnable> tasks) {
            this.tasks = tasks;
        }

        @Override
        public void run() {
            if (cancelled) {
                return;
            }
            try {
                for (Runnable task : tasks) {
                    task.run();
                }
            } catch (RuntimeException | Error e) {
                // The JDK keeps a task's failure in its engine; the next unwrap or wrap throws it.
                Logger.debug(e, "a TLS delegated task failed");
            }
        }

        @Override
        public void then() {
            tasksDone();
        }
    }
}
