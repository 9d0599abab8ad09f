package dev.switchboard.reactor;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Selector;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.function.Function;
import java.util.function.LongSupplier;
import org.tinylog.Logger;

/**
 * The single-threaded reactor: one selector serves every listener and every connection.
 *
 * <p>Each turn, after Redis's {@code aeMain}: run the watched steps (TLS delegated tasks, see
 * {@link WatchedSteps}); run the tasks handed in from other threads;
 * read what transports hold back (decrypted TLS records no readiness event announces); close
 * the connections marked for closing (a safe point: never inside their own callbacks); write
 * pending replies (so the replies to a whole read batch leave in one write); sleep in
 * {@code select} until I/O or the next deadline, dispatching each ready key to its attachment
 * ({@link Selecting}); fire the deadlines that are due. {@link Admission} decides who gets in, {@link Drain} runs a
 * shutdown, {@link Timers} keeps every deadline, {@link LoopThreads} says which thread runs it.
 * Only {@link #execute} and {@link #shutdown} may be called from another thread.
 */
public final class EventLoop implements Executor {
    /** One per loop: a 64 KiB frame and its header arrive whole (256 KiB measured slower). */
    private static final int SHARED_INPUT_BYTES = 128 * 1024;

    /** A task scheduled with {@link #schedule}; {@link #cancel} keeps it from running. */
    public interface Timer {
        void cancel();
    }

    private final Selector selector;
    /** Replaced by a reload; each limit is read where it applies. */
    private Limits limits;

    private final LongSupplier clock;
    private final Queue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    final Timers timers;
    private final Counters counters = new Counters();
    final Admission admission;
    private final Drain drain;
    final List<Acceptor> acceptors = new ArrayList<>();
    /** 1024 chunks: 16 MiB of direct memory for replies waiting on slow clients, then heap. */
    final BufferPool bufferPool = new BufferPool(1024);

    final ReplyBatch replyBatch = new ReplyBatch();
    final ByteBuffer sharedInput = ByteBuffer.allocateDirect(SHARED_INPUT_BYTES);
    /** Transports holding input that no readiness event will announce (decrypted TLS records). */
    final Requests toRead = new Requests();

    final Requests toClose = new Requests();
    final Requests toFlush = new Requests();
    final LogBudget logBudget = new LogBudget(this);
    private final Selecting selecting;
    private final LoopThreads threads = new LoopThreads(this::turns);
    private final WatchedSteps steps = new WatchedSteps(threads, this);
    private boolean stopped;

    public EventLoop(Limits limits) throws IOException {
        this(limits, System::nanoTime);
    }

    /** {@code nanoClock} is the loop's time (tests pass a manual clock). */
    public EventLoop(Limits limits, LongSupplier nanoClock) throws IOException {
        this.selector = Selector.open();
        this.limits = limits;
        this.clock = nanoClock;
        this.timers = new Timers(limits.frameTimeoutNanos());
        this.selecting = new Selecting(selector, timers, nanoClock);
        this.admission = new Admission(this, selector, counters);
        this.drain = new Drain(this, selector);
        // Load now what only rare paths use, while descriptors are plenty.
        JdkWarmup.run(selector);
    }

    /** Binds a plaintext listener with the loop's idle timeout; call before {@link #run}. */
    public Acceptor listen(
            InetSocketAddress address,
            String protocol,
            Function<Connection, ConnectionHandler> handlers,
            boolean disconnectWhenOutputFull)
            throws IOException {
        return listen(
                address,
                ListenerSpec.of(protocol, handlers)
                        .disconnectWhenOutputFull(disconnectWhenOutputFull)
                        .idleTimeoutNanos(limits.idleTimeoutNanos()));
    }

    /** Binds a listener (see {@link Acceptor#open}); call before {@link #run}. */
    public Acceptor listen(InetSocketAddress address, ListenerSpec spec) throws IOException {
        // Its own idle queue, not one shared by duration: a reload may change one protocol's timeout.
        Acceptor acceptor = Acceptor.open(this, selector, address, spec, timers.idleQueue(spec.idleTimeoutNanos()));
        acceptors.add(acceptor);
        counters.protocol(spec.protocol());
        return acceptor;
    }

    /** Runs the loop (on a thread of its own, see {@link LoopThreads}) until a shutdown has drained every connection. */
    public void run() throws IOException {
        threads.run();
    }

    /** The turns on the current thread; false when it has lost the loop to another (left to it as it is). */
    private boolean turns() throws IOException {
        boolean handedOver = false;
        try {
            long busySince = now();
            while (!stopped) {
                counters.loopIterations++;
                if (!steps.runAll()) {
                    handedOver = true;
                    return false;
                }
                runTasks();
                toRead.each(Connection::readBuffered);
                closeRequested();
                toFlush.each(Connection::flush);
                if (stopped) {
                    break;
                }
                long idleSince = now();
                counters.loopBusyNanos += idleSince - busySince;
                boolean woken = selecting.select(workWaiting());
                // Counted now, so a task of the next turn reading the counter sees this work.
                busySince = now();
                if (woken) {
                    counters.loopBusyNanos += busySince - selecting.wokeAt();
                }
                timers.fire(busySince);
            }
            return true;
        } finally {
            if (!handedOver) {
                drain.closeAll();
            }
        }
    }

    private void runTasks() {
        Runnable task;
        while ((task = tasks.poll()) != null) {
            try {
                task.run();
            } catch (RuntimeException | LinkageError | StackOverflowError e) {
                Logger.warn(e, "a task on the event loop failed");
            }
        }
    }

    void closeRequested() {
        while (!toClose.isEmpty()) {
            ArrayList<Connection> batch = toClose.take();
            for (int i = 0; i < batch.size(); i++) {
                Connection c = batch.get(i);
                try {
                    c.closeNow();
                } catch (RuntimeException | LinkageError | StackOverflowError e) {
                    Logger.warn(e, "{}: closing failed", c);
                } finally {
                    admission.released(c);
                }
            }
            batch.clear();
        }
        drain.connectionsClosed();
    }

    private boolean workWaiting() {
        return !tasks.isEmpty() || !toFlush.isEmpty() || !toClose.isEmpty() || !toRead.isEmpty() || !steps.isEmpty();
    }

    // ---- from other threads -------------------------------------------------------------

    /** Runs {@code task} on the loop thread; the only way in from another thread. */
    @Override
    public void execute(Runnable task) {
        tasks.add(task);
        if (!threads.onLoop()) {
            selector.wakeup();
        }
    }

    /** Thread-safe: stop accepting, answer what has arrived, close, then leave {@link #run}. */
    public void shutdown(long drainNanos) {
        execute(() -> drain.begin(drainNanos));
    }

    /** Releases the listeners of a loop that will never {@link #run} (start-up failed). */
    public void close() {
        drain.closeAll();
    }

    /** Logs {@link LoopStats} every {@code intervalNanos}; call before {@link #run}. */
    public void logStatsEvery(long intervalNanos) {
        execute(() -> LoopStats.every(this, intervalNanos));
    }

    // ---- loop thread only ---------------------------------------------------------------

    /**
     * Runs {@code task} on the loop thread after {@code delayNanos}; loop thread only. For rare
     * timers (a back-off, a delayed reply, a ping): per-connection deadlines use the O(1) queues.
     */
    public Timer schedule(long delayNanos, Runnable task) {
        return timers.schedule(now() + delayNanos, task);
    }

    /** Runs {@code step} at the top of the next turn under the loop's watchdog (see {@link WatchedSteps}); loop thread only. */
    public void runWatched(WatchedStep step) {
        steps.add(step);
    }

    /** The thread that runs the loop now (tests read its CPU time). */
    public Thread thread() {
        return threads.owner();
    }

    /** Threads that lost the loop to a stuck step and have not ended yet (for tests). */
    public int stuckThreads() {
        return steps.stuckThreads();
    }

    /** The loop's threads alive, stuck ones included (for tests). */
    public int threadsAlive() {
        return threads.alive();
    }

    public Limits limits() {
        return limits;
    }

    /** A reload's limits, loop thread only; running deadlines move by the change (see TimeoutQueue). */
    public void limits(Limits newLimits) {
        timers.partial.changeDuration(newLimits.frameTimeoutNanos());
        limits = newLimits;
    }

    /** A reload's idle timeout for the listeners of {@code protocol}, loop thread only. */
    public void idleTimeoutNanos(String protocol, long nanos) {
        for (Acceptor a : acceptors) {
            if (a.protocol().equals(protocol)) {
                a.idleTimeouts().changeDuration(nanos);
            }
        }
    }

    /** The loop's counters, for the metrics renderer. */
    public Counters counters() {
        return counters;
    }

    /** The budget every log line a client can trigger is spent from; loop thread only. */
    public LogBudget logBudget() {
        return logBudget;
    }

    /** True once a shutdown has begun (the admin endpoint's /health says "draining"). */
    public boolean isDraining() {
        return drain.isDraining();
    }

    public int connectionCount() {
        return admission.connections();
    }

    long now() {
        return clock.getAsLong();
    }

    void stop() {
        stopped = true;
    }
}
