package dev.switchboard.reactor;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.tinylog.Logger;

/**
 * Which thread runs the loop. One at a time, always: {@code event-loop-1} from the start, and a
 * new one only when {@link WatchedSteps} finds the current one stuck in a step, which then leaves
 * the loop when (if ever) its step returns.
 *
 * <p>The loop never runs on the caller of {@link EventLoop#run}, which only waits for its end:
 * a caller stuck in a step for good could not return, and the daemon's exit after a drain is
 * that caller's to do. The loop's threads are daemon threads, so one stuck for good does not
 * keep the JVM alive either.
 */
final class LoopThreads {
    /** The loop's turns on the current thread; false when another thread has taken the loop over. */
    interface Turns {
        boolean run() throws IOException;
    }

    private final Turns turns;
    /** The threads made that had not ended when the last one was made; guarded by {@code this}. */
    private final List<Thread> made = new ArrayList<>();
    /** Threads made so far, for their names; guarded by {@code this}. */
    private int count;

    private volatile Thread owner;
    /** Guarded by {@code this}. */
    private boolean ended;
    /** What ended the loop, if it failed; guarded by {@code this}. */
    private Throwable failure;

    LoopThreads(Turns turns) {
        this.turns = turns;
    }

    /** Starts the loop's first thread, then waits until the loop has ended on whichever thread. */
    void run() throws IOException {
        start();
        boolean interrupted = false;
        Throwable failed;
        synchronized (this) {
            while (!ended) {
                try {
                    wait();
                } catch (InterruptedException e) {
                    // The loop stops by a shutdown, not an interrupt: wait on, and pass it on after.
                    interrupted = true;
                }
            }
            failed = failure;
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        rethrow(failed);
    }

    /** True on the thread that runs the loop now. */
    boolean onLoop() {
        return Thread.currentThread() == owner;
    }

    /** The thread that runs the loop now (null before {@link #run}). */
    Thread owner() {
        return owner;
    }

    /**
     * Any thread: a new thread takes the loop over from {@code stuck}. If none can be made, the
     * loop stays with {@code stuck} (see {@link #stillOwns}), which goes on once its step returns.
     */
    synchronized void handOver(Thread stuck) {
        try {
            start();
        } catch (OutOfMemoryError | IllegalStateException e) {
            owner = stuck;
            Logger.error("no thread could be made to take the event loop over: {}", e.toString());
        }
    }

    /** Asked by a thread whose step overran: true when the hand-over failed and the loop is still its own. */
    synchronized boolean stillOwns(Thread thread) {
        return owner == thread;
    }

    /** The loop's threads still alive, stuck ones included (for tests). */
    synchronized int alive() {
        return (int) made.stream().filter(Thread::isAlive).count();
    }

    private synchronized void start() {
        Thread next = new Thread(this::serve, "event-loop-" + ++count);
        // A daemon that lives long may hand over now and then: keep no thread that has ended.
        made.removeIf(t -> !t.isAlive());
        made.add(next);
        next.setDaemon(true);
        // Before start: the new thread must see itself as the loop's from its first turn.
        owner = next;
        next.start();
    }

    private void serve() {
        Throwable failed = null;
        try {
            if (!turns.run()) {
                return;
            }
        } catch (Throwable e) {
            failed = e;
        }
        synchronized (this) {
            ended = true;
            failure = failed;
            notifyAll();
        }
    }

    private static void rethrow(Throwable failed) throws IOException {
        if (failed == null) {
            return;
        }
        if (failed instanceof IOException e) {
            throw e;
        }
        if (failed instanceof RuntimeException e) {
            throw e;
        }
        if (failed instanceof Error e) {
            throw e;
        }
        throw new IllegalStateException(failed);
    }
}
