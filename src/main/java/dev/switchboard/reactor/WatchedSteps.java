package dev.switchboard.reactor;

import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.tinylog.Logger;

/**
 * Work the loop runs at the top of a turn, outside {@code select}, under a watchdog: the TLS
 * engines' delegated tasks. Such a step is the JDK's bounded arithmetic almost always, and
 * inline it costs no hand-off between threads. But it may block (a key manager on a hardware
 * token) or never return; if one has run for over {@value #STUCK_MILLIS} ms, the watchdog gives
 * the loop to a new thread ({@link LoopThreads#handOver}) and the stuck thread leaves the loop
 * once its step returns. So the other clients wait {@value #STUCK_MILLIS} to
 * {@value #STUCK_MILLIS}×2 ms, and each stuck step costs one thread, up to {@value #MAX_STUCK}.
 *
 * <p>A step must therefore touch nothing of the loop's once it has begun: by the time it
 * returns, its thread may no longer be the loop's. What follows it ({@link WatchedStep#then})
 * runs at once if the thread still has the loop, else on the thread that took it. Outside
 * {@code select}, because a thread stuck inside it would keep the selector's lock.
 *
 * <p>The watchdog is a thread made at the first step, that looks every {@value #STUCK_MILLIS} ms
 * while steps come and sleeps after {@value #IDLE_ROUNDS} rounds without one.
 */
final class WatchedSteps {
    static final long STUCK_MILLIS = 250;
    static final int MAX_STUCK = 16;
    private static final int IDLE_ROUNDS = 40;
    private static final long ROUND_NANOS = TimeUnit.MILLISECONDS.toNanos(STUCK_MILLIS);

    private final LoopThreads threads;
    private final EventLoop loop;
    /** Loop thread only. */
    private final ArrayDeque<WatchedStep> queue = new ArrayDeque<>();
    /** Odd while a step runs: the same odd value a whole round apart is a stuck step. */
    private final AtomicLong running = new AtomicLong();
    /** Threads that lost the loop and whose step has not returned yet. */
    private final AtomicInteger stuck = new AtomicInteger();
    /** Made by the loop thread at the first step. */
    private Thread watchdog;

    private volatile boolean watchdogAsleep;

    WatchedSteps(LoopThreads threads, EventLoop loop) {
        this.threads = threads;
        this.loop = loop;
    }

    /** Loop thread: runs {@code step} at the top of the next turn. */
    void add(WatchedStep step) {
        queue.add(step);
    }

    boolean isEmpty() {
        return queue.isEmpty();
    }

    /** Loop thread: runs the steps queued; false when this thread has lost the loop meanwhile. */
    boolean runAll() {
        WatchedStep step;
        while ((step = queue.poll()) != null) {
            if (!run(step)) {
                return false;
            }
        }
        return true;
    }

    private boolean run(WatchedStep step) {
        long mark = running.incrementAndGet();
        if (watchdog == null) {
            startWatchdog();
        } else if (watchdogAsleep) {
            LockSupport.unpark(watchdog);
        }
        try {
            step.run();
        } catch (RuntimeException | LinkageError | StackOverflowError e) {
            Logger.warn(e, "a step on the event loop failed");
        }
        boolean mine = running.compareAndSet(mark, mark + 1);
        if (!mine) {
            stuck.decrementAndGet();
            mine = threads.stillOwns(Thread.currentThread());
        }
        if (!mine) {
            Logger.info(
                    "a step that overran the event loop has returned; its thread {} ends",
                    Thread.currentThread().getName());
            loop.execute(step::then);
            return false;
        }
        try {
            step.then();
        } catch (RuntimeException | LinkageError | StackOverflowError e) {
            Logger.warn(e, "a step on the event loop failed");
        }
        return true;
    }

    /** Threads that lost the loop to a stuck step and have not ended (for tests). */
    int stuckThreads() {
        return stuck.get();
    }

    private void startWatchdog() {
        watchdog = new Thread(this::watch, "event-loop-watchdog");
        watchdog.setDaemon(true);
        watchdog.start();
    }

    private void watch() {
        long seen = running.get();
        int quiet = 0;
        long reported = -1;
        while (true) {
            LockSupport.parkNanos(this, ROUND_NANOS);
            long now = running.get();
            if ((now & 1) == 1 && now == seen && now != reported && !handOver(now)) {
                reported = now;
            }
            quiet = now == seen && (now & 1) == 0 ? quiet + 1 : 0;
            seen = now;
            if (quiet >= IDLE_ROUNDS) {
                // Asleep, then checked again: a step that began between the two unparks us.
                watchdogAsleep = true;
                if (running.get() == now) {
                    LockSupport.park(this);
                }
                watchdogAsleep = false;
                quiet = 0;
                seen = running.get();
            }
        }
    }

    /** The step marked {@code mark} has run for a whole round; false when the loop must wait for it. */
    private boolean handOver(long mark) {
        Thread owner = threads.owner();
        if (stuck.incrementAndGet() > MAX_STUCK) {
            stuck.decrementAndGet();
            Logger.error(
                    "a step on the event loop has run for over {} ms and {} threads are stuck already: the loop waits for it",
                    STUCK_MILLIS,
                    MAX_STUCK);
            return false;
        }
        // Under the lock stillOwns takes: a step that returns now waits until the new thread is made.
        synchronized (threads) {
            if (!running.compareAndSet(mark, mark + 1)) {
                // It returned just now.
                stuck.decrementAndGet();
                return true;
            }
            Logger.warn(
                    "a step on the event loop (a TLS delegated task) has run for over {} ms; {} leaves the loop to a new thread",
                    STUCK_MILLIS,
                    owner.getName());
            threads.handOver(owner);
        }
        return true;
    }
}
