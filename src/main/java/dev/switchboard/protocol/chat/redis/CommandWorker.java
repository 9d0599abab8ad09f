package dev.switchboard.protocol.chat.redis;

import dev.switchboard.reactor.LogThrottle;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.tinylog.Logger;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Pipeline;
import redis.clients.jedis.exceptions.JedisConnectionException;

/**
 * The one thread that sends commands to Redis, over one connection, fed by a bounded queue
 * from the loop. The loop only ever {@link #offer}s (it never waits): when the queue is full
 * the job is refused and the caller counts it dropped. While Redis is away every job taken is
 * dropped at once ({@link Job#dropped}), so nothing old is sent late when it comes back. Jobs
 * that follow each other and can be pipelined go out in one write and one wait.
 */
final class CommandWorker implements Runnable {
    /** 8 Ki events: a second of a busy chat; past that the loop drops rather than waits. */
    static final int QUEUE_CAPACITY = 8192;

    private static final int MAX_BATCH = 512;
    /** With the 10 s TTL of a node's alive key: a dead node is noticed within 12 s (SPEC: 15). */
    static final long HEARTBEAT_NANOS = TimeUnit.SECONDS.toNanos(2);

    interface Job {
        void run(Jedis redis);

        /** Redis was away, or the worker is gone: the job will never run. */
        default void dropped() {}
    }

    /** A job that only queues commands on the pipeline; the worker syncs once for a run of them. */
    interface Pipelined extends Job {
        void queue(Pipeline pipeline);

        /** After the round trip: the replies on the pipeline can be read now. */
        default void synced() {}

        @Override
        default void run(Jedis redis) {
            try (Pipeline p = redis.pipelined()) {
                queue(p);
                p.sync();
            }
            synced();
        }
    }

    /** What the worker does on its own: when it (re)connects, and every few seconds while connected. */
    interface Duties {
        /** The connection is new (start-up, or after Redis was away). */
        void connected(Jedis redis);

        void heartbeat(Jedis redis);

        /** The daemon stops: last words to Redis (take this node's presence away). */
        void goodbye(Jedis redis);
    }

    private final RedisConnector connector;
    private final BackplaneStatus status;
    private final ArrayBlockingQueue<Job> queue = new ArrayBlockingQueue<>(QUEUE_CAPACITY);
    private final Backoff backoff = new Backoff();
    private Duties duties;
    private volatile boolean stopping;
    private volatile boolean restart;
    /** A job that must run once connected, however long Redis is away (the latest one asked). */
    private final AtomicReference<Job> sticky = new AtomicReference<>();

    private Jedis redis;
    /**
     * Each chat line is a job, so a Redis that refuses commands (out of memory, say) would
     * otherwise log one WARN per line a client sends: at most one in 10 s, with the count.
     * This thread's own, as the loop's log budget is the loop thread's.
     */
    private final LogThrottle failureLog = new LogThrottle(TimeUnit.SECONDS.toNanos(10));

    CommandWorker(RedisConnector connector, BackplaneStatus status) {
        this.connector = connector;
        this.status = status;
    }

    void duties(Duties duties) {
        this.duties = duties;
    }

    /** Any thread; never blocks. False when the queue is full (or the worker stopped). */
    boolean offer(Job job) {
        return !stopping && queue.offer(job);
    }

    /** Any thread: runs {@code job} as soon as the worker is connected; it is not dropped while Redis is away. */
    void offerSticky(Job job) {
        sticky.set(job);
        queue.offer(redis -> {});
    }

    int queued() {
        return queue.size();
    }

    /** Sends what is queued, says goodbye, ends; a no-op job wakes the worker if it waits for work. */
    void stop() {
        stopping = true;
        queue.offer(redis -> {});
    }

    /** Any thread: reconnect (and register again) before the next job, as the subscription just did. */
    void restart() {
        restart = true;
        queue.offer(redis -> {});
    }

    @Override
    public void run() {
        long nextBeat = System.nanoTime();
        List<Job> batch = new ArrayList<>(MAX_BATCH);
        while (true) {
            if (restart) {
                restart = false;
                disconnect();
            }
            if (redis == null) {
                if (stopping) {
                    dropAll();
                    return;
                }
                if (!connect()) {
                    dropWhileWaiting(backoff.nextMillis());
                    continue;
                }
                nextBeat = System.nanoTime();
            }
            Job pinned = sticky.getAndSet(null);
            try {
                if (pinned != null) {
                    pinned.run(redis);
                    pinned = null;
                }
                long now = System.nanoTime();
                if (now - nextBeat >= 0) {
                    duties.heartbeat(redis);
                    nextBeat = now + HEARTBEAT_NANOS;
                }
                Job first = queue.poll(stopping ? 0 : Math.max(0, nextBeat - System.nanoTime()), TimeUnit.NANOSECONDS);
                if (first == null) {
                    if (stopping) {
                        duties.goodbye(redis);
                        disconnect();
                        return;
                    }
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, MAX_BATCH - 1);
                runBatch(batch);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                disconnect();
                return;
            } catch (JedisConnectionException e) {
                if (pinned != null) {
                    sticky.compareAndSet(null, pinned);
                }
                lost(batch, e);
            } catch (RuntimeException e) {
                failed(e);
            } finally {
                batch.clear();
            }
        }
    }

    /** Runs the batch in order; consecutive pipelined jobs share one round trip. */
    private void runBatch(List<Job> batch) {
        int i = 0;
        while (i < batch.size()) {
            Job job = batch.get(i);
            if (job instanceof Pipelined) {
                int end = i;
                try (Pipeline p = redis.pipelined()) {
                    while (end < batch.size() && batch.get(end) instanceof Pipelined pj) {
                        pj.queue(p);
                        end++;
                    }
                    p.sync();
                }
                List<Job> done = batch.subList(i, end);
                for (Job j : done) {
                    ((Pipelined) j).synced();
                }
                done.clear();
            } else {
                batch.remove(i);
                try {
                    job.run(redis);
                } catch (JedisConnectionException e) {
                    batch.add(0, job);
                    throw e;
                } catch (RuntimeException e) {
                    // A refused command (a full Redis, a bad reply) loses this job, not the connection.
                    failed(e);
                    job.dropped();
                }
            }
        }
    }

    private void failed(RuntimeException e) {
        long failures = failureLog.occurred(System.nanoTime());
        if (failures > 0) {
            Logger.warn(e, "chat backplane: {} Redis command(s) failed; the last:", failures);
        }
    }

    private boolean connect() {
        try {
            redis = connector.open("switchboard-commands");
            duties.connected(redis);
            backoff.reset();
            status.commands(true, null);
            return true;
        } catch (RuntimeException e) {
            disconnect();
            status.commands(false, e);
            return false;
        }
    }

    private void lost(List<Job> unsent, Exception e) {
        disconnect();
        status.commands(false, e);
        for (Job job : unsent) {
            job.dropped();
        }
    }

    private void disconnect() {
        if (redis != null) {
            try {
                redis.close();
            } catch (RuntimeException e) {
                Logger.debug("chat backplane: closing the command connection: {}", e.toString());
            }
            redis = null;
        }
    }

    /** While Redis is away, jobs are answered "dropped" as they come rather than sent late. */
    private void dropWhileWaiting(long millis) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        try {
            long left;
            while ((left = deadline - System.nanoTime()) > 0 && !stopping) {
                Job job = queue.poll(left, TimeUnit.NANOSECONDS);
                if (job != null) {
                    job.dropped();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stopping = true;
        }
    }

    private void dropAll() {
        Job job;
        while ((job = queue.poll()) != null) {
            job.dropped();
        }
    }
}
