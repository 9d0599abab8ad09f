package dev.switchboard.reactor.tls;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.tinylog.Logger;

/**
 * Where the engines' delegated tasks run: off the loop, on one daemon thread named
 * {@code tls-tasks-N}, shared by every TLS listener of the process.
 *
 * <p>Off the loop, because a task is not always the provider's bounded CPU work: a key or trust
 * manager may block (a hardware token, a revocation check) or never return, and the JDK runs a
 * task holding its engine's lock. On the loop that would stall every client; here it stalls its
 * own connection, which its handshake deadline then closes.
 *
 * <p>One thread: on the one core the daemon is pinned to in the benchmark, a second only took
 * turns with the first (two handshakes' arithmetic interleaved, both later: 10-20 % fewer
 * handshakes per second than one). A job that has run for {@value #STUCK_MILLIS} ms (a full
 * handshake's tasks take about two) or whose connection has gone no longer counts: a watchdog
 * thread, there only while jobs run or wait, puts a new thread in its place, up to
 * {@value #MAX_THREADS} in all, so each stuck task costs one thread and the others a pause of
 * {@value #STUCK_MILLIS} ms at most, not the TLS listeners. At most {@value #MAX_QUEUED} jobs
 * wait (a connection has one at a time); past that a handshake fails at once instead of timing
 * out later. Idle threads end after a minute.
 */
public final class TlsTasks {
    static final int WORKERS = 1;
    static final int MAX_THREADS = 16;
    static final int MAX_QUEUED = 4096;
    static final long STUCK_MILLIS = 250;
    private static final TlsTasks SHARED = new TlsTasks();

    private final ThreadPoolExecutor pool;
    /** One thread, only while jobs run or wait, that replaces stuck workers. */
    private final ScheduledThreadPoolExecutor watchdog;
    /** The watchdog's round while there is work; guarded by {@code this}. */
    private ScheduledFuture<?> watching;
    /** Jobs a worker is running; guarded by {@code this}. */
    private final List<Job> running = new ArrayList<>();
    /** Of those, the ones that no longer count against the workers; guarded by {@code this}. */
    private int uncounted;

    private TlsTasks() {
        AtomicInteger made = new AtomicInteger();
        pool = new ThreadPoolExecutor(
                WORKERS, WORKERS, 60, TimeUnit.SECONDS, new ArrayBlockingQueue<>(MAX_QUEUED), work -> {
                    Thread t = new Thread(work, "tls-tasks-" + made.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
        pool.allowCoreThreadTimeOut(true);
        watchdog = new ScheduledThreadPoolExecutor(1, work -> {
            Thread t = new Thread(work, "tls-tasks-watch");
            t.setDaemon(true);
            return t;
        });
        watchdog.setKeepAliveTime(60, TimeUnit.SECONDS);
        watchdog.allowCoreThreadTimeOut(true);
        watchdog.setRemoveOnCancelPolicy(true);
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
        watch();
        return job;
    }

    /** Looks for stuck jobs every {@value #STUCK_MILLIS} ms while there is work; none when idle. */
    private synchronized void watch() {
        if (watching == null) {
            watching = watchdog.scheduleWithFixedDelay(
                    this::lookForStuckJobs, STUCK_MILLIS, STUCK_MILLIS, TimeUnit.MILLISECONDS);
        }
    }

    private synchronized void lookForStuckJobs() {
        replaceStuck();
        if (running.isEmpty() && pool.getQueue().isEmpty() && watching != null) {
            watching.cancel(false);
            watching = null;
        }
    }

    /** Threads the pool may run now (for tests). */
    synchronized int threadLimit() {
        return pool.getMaximumPoolSize();
    }

    private synchronized void replaceStuck() {
        long now = System.nanoTime();
        for (Job job : running) {
            if (!job.uncounted && now - job.startedAt > TimeUnit.MILLISECONDS.toNanos(STUCK_MILLIS)) {
                job.uncounted = true;
                uncounted++;
                Logger.warn(
                        "a TLS delegated task has run for over {} ms; another thread takes its place", STUCK_MILLIS);
            }
        }
        resize();
    }

    private synchronized void started(Job job) {
        job.startedAt = System.nanoTime();
        running.add(job);
    }

    private synchronized void ended(Job job) {
        running.remove(job);
        if (job.uncounted) {
            uncounted--;
            resize();
        }
    }

    private synchronized void abandoned(Job job) {
        if (!job.uncounted && running.contains(job)) {
            job.uncounted = true;
            uncounted++;
            resize();
        }
    }

    private void resize() {
        int size = WORKERS + Math.min(uncounted, MAX_THREADS - WORKERS);
        // The core size may never exceed the maximum, so the order depends on the direction.
        if (size > pool.getMaximumPoolSize()) {
            pool.setMaximumPoolSize(size);
            pool.setCorePoolSize(size);
        } else if (size < pool.getMaximumPoolSize()) {
            pool.setCorePoolSize(size);
            pool.setMaximumPoolSize(size);
        }
    }

    /** One connection's delegated tasks, run in order on one worker. */
    final class Job implements Runnable {
        private final List<Runnable> tasks;
        private final Executor loop;
        private final Runnable done;
        private volatile boolean cancelled;
        /** Guarded by the pool. */
        private long startedAt;
        /** Guarded by the pool. */
        private boolean uncounted;

        private Job(List<Runnable> tasks, Executor loop, Runnable done) {
            this.tasks = tasks;
            this.loop = loop;
            this.done = done;
        }

        @Override
        public void run() {
            if (cancelled) {
                return;
            }
            started(this);
            try {
                for (Runnable task : tasks) {
                    task.run();
                }
            } catch (RuntimeException | Error e) {
                // The JDK keeps a task's failure in its engine; the next unwrap or wrap throws it.
                Logger.debug(e, "a TLS delegated task failed");
            } finally {
                ended(this);
                if (!cancelled) {
                    loop.execute(done);
                }
            }
        }

        /** Loop thread: the connection is closing; a task still running is left to end alone. */
        void cancel() {
            cancelled = true;
            abandoned(this);
        }
    }
}
