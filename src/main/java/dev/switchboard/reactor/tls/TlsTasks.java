package dev.switchboard.reactor.tls;

import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.tinylog.Logger;

/**
 * Where the engines' delegated tasks run: off the loop, on {@value #WORKERS} daemon threads
 * named {@code tls-tasks-N}, shared by every TLS listener of the process.
 *
 * <p>Off the loop, because a task is not always the provider's bounded CPU work: a key or trust
 * manager may block (a hardware token, a revocation check) or never return, and the JDK runs a
 * task holding its engine's lock. On the loop that would stall every client; here it stalls its
 * own connection, which its handshake deadline then closes.
 *
 * <p>Two threads: the loop pinned to one core gives a handshake's tasks all the CPU they can
 * use either way, and the second keeps handshakes going while one thread is stuck. A job whose
 * connection gave up on it while it ran no longer counts: a thread takes its place, up to
 * {@value #MAX_THREADS} in all, so each stuck task costs one thread, not the TLS listeners. At
 * most {@value #MAX_QUEUED} jobs wait (a connection has one at a time); past that a handshake
 * fails at once instead of timing out later. Idle threads end after a minute.
 */
public final class TlsTasks {
    static final int WORKERS = 2;
    static final int MAX_THREADS = 16;
    static final int MAX_QUEUED = 4096;
    private static final TlsTasks SHARED = new TlsTasks();

    private final ThreadPoolExecutor pool;
    /** Jobs still running whose connection has gone; guarded by {@code this}. */
    private int abandoned;

    private TlsTasks() {
        AtomicInteger made = new AtomicInteger();
        pool = new ThreadPoolExecutor(
                WORKERS, WORKERS, 60, TimeUnit.SECONDS, new ArrayBlockingQueue<>(MAX_QUEUED), work -> {
                    Thread t = new Thread(work, "tls-tasks-" + made.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
        pool.allowCoreThreadTimeOut(true);
    }

    /** The process's one pool. */
    public static TlsTasks shared() {
        return SHARED;
    }

    /**
     * Runs {@code tasks} on a worker, then {@code done} on the loop (through {@code loop}),
     * unless the job was cancelled first. Null when the queue is full.
     */
    Job submit(List<Runnable> tasks, Executor loop, Runnable done) {
        Job job = new Job(tasks, loop, done);
        try {
            pool.execute(job);
        } catch (RejectedExecutionException e) {
            return null;
        }
        return job;
    }

    private synchronized void resize(int change) {
        abandoned += change;
        // A job's end may be counted before its abandonment: never below the workers.
        int size = WORKERS + Math.max(0, Math.min(abandoned, MAX_THREADS - WORKERS));
        // The core size may never exceed the maximum, so the order depends on the direction.
        if (size > pool.getMaximumPoolSize()) {
            pool.setMaximumPoolSize(size);
            pool.setCorePoolSize(size);
        } else if (size < pool.getMaximumPoolSize()) {
            pool.setCorePoolSize(size);
            pool.setMaximumPoolSize(size);
        }
    }

    /** Threads the pool may run now (for tests). */
    int threadLimit() {
        return pool.getMaximumPoolSize();
    }

    /** One connection's delegated tasks, run in order on one worker. */
    final class Job implements Runnable {
        private static final int QUEUED = 0;
        private static final int RUNNING = 1;
        private static final int DONE = 2;
        private static final int CANCELLED = 3;
        private static final int ABANDONED = 4;

        private final List<Runnable> tasks;
        private final Executor loop;
        private final Runnable done;
        private final AtomicInteger state = new AtomicInteger(QUEUED);

        private Job(List<Runnable> tasks, Executor loop, Runnable done) {
            this.tasks = tasks;
            this.loop = loop;
            this.done = done;
        }

        @Override
        public void run() {
            if (!state.compareAndSet(QUEUED, RUNNING)) {
                return;
            }
            try {
                for (Runnable task : tasks) {
                    task.run();
                }
            } catch (RuntimeException | Error e) {
                // The JDK keeps a task's failure in its engine; the next unwrap or wrap throws it.
                Logger.debug(e, "a TLS delegated task failed");
            } finally {
                if (state.compareAndSet(RUNNING, DONE)) {
                    loop.execute(done);
                } else {
                    resize(-1);
                }
            }
        }

        /** Loop thread: the connection is closing; a task still running is left to finish alone. */
        void cancel() {
            if (state.compareAndSet(RUNNING, ABANDONED)) {
                resize(1);
            } else {
                state.compareAndSet(QUEUED, CANCELLED);
            }
        }
    }
}
