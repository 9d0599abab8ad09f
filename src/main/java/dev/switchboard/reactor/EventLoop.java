package dev.switchboard.reactor;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.Inet4Address;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
import java.util.List;
import java.util.PriorityQueue;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.LongSupplier;
import org.tinylog.Logger;

/**
 * The single-threaded reactor: one selector serves every listener and every connection.
 *
 * <p>Each turn, after Redis's {@code aeMain}: run tasks handed in from other threads; close
 * the connections marked for closing; write pending replies (so replies to a whole read
 * batch leave in one write); sleep in {@code select} until I/O or the next deadline; dispatch
 * ready keys; fire due deadlines. Only {@link #execute} and {@link #shutdown} may be called
 * from another thread.
 */
public final class EventLoop implements Executor {
    private static final long LINGER_NANOS = 2_000_000_000L;
    private static final long ACCEPT_BACKOFF_NANOS = 100_000_000L;
    private static final long LOG_EVERY_NANOS = 1_000_000_000L;
    /** One per loop: a 64 KiB frame and its header arrive whole (256 KiB measured slower). */
    private static final int SHARED_INPUT_BYTES = 128 * 1024;

    private final Selector selector;
    private final Limits limits;
    private final LongSupplier clock;
    private final Consumer<SelectionKey> dispatcher = this::dispatch;
    private final Queue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    private final PriorityQueue<Timer> timers = new PriorityQueue<>();
    /** One idle queue per distinct idle timeout (listeners may differ: chat never times out). */
    private final Map<Long, TimeoutQueue> idleTimeouts = new HashMap<>();
    private final TimeoutQueue partialTimeouts;
    private final TimeoutQueue lingerTimeouts = new TimeoutQueue(LINGER_NANOS);
    /** 1024 chunks: 16 MiB of direct memory for replies waiting on slow clients, then heap. */
    private final BufferPool bufferPool = new BufferPool(1024);
    private final ReplyBatch replyBatch = new ReplyBatch();
    private final ByteBuffer sharedInput = ByteBuffer.allocateDirect(SHARED_INPUT_BYTES);
    private final List<Acceptor> acceptors = new ArrayList<>();
    private ArrayList<Connection> toFlush = new ArrayList<>();
    private ArrayList<Connection> flushing = new ArrayList<>();
    private ArrayList<Connection> toClose = new ArrayList<>();
    private ArrayList<Connection> toRead = new ArrayList<>();
    private ArrayList<Connection> reading = new ArrayList<>();
    private final Counters counters = new Counters();
    private ArrayList<Connection> closing = new ArrayList<>();
    private volatile Thread thread;
    private int connections;
    private long messages;
    private boolean draining;
    private boolean stopped;
    private long timerSequence;
    private final LogThrottle refusalLog = new LogThrottle(LOG_EVERY_NANOS);
    private final LogThrottle acceptFailureLog = new LogThrottle(LOG_EVERY_NANOS);
    private final LogThrottle untrustedLog = new LogThrottle(LOG_EVERY_NANOS);
    private final LogThrottle selectFailureLog = new LogThrottle(LOG_EVERY_NANOS);

    public EventLoop(Limits limits) throws IOException {
        this(limits, System::nanoTime);
    }

    public EventLoop(Limits limits, LongSupplier nanoClock) throws IOException {
        this.selector = Selector.open();
        this.limits = limits;
        this.clock = nanoClock;
        this.partialTimeouts = new TimeoutQueue(limits.frameTimeoutNanos());
        // Load now what only rare paths use: when descriptors run out, loading a class from a
        // directory on the class path would need one more.
        CloseReason.values();
        new Timer(0, 0, () -> { });
        JdkWarmup.run(selector);
    }

    /** Binds a plaintext listener with the loop's idle timeout; call before {@link #run}. */
    public Acceptor listen(InetSocketAddress address, String protocol,
                           Function<Connection, ConnectionHandler> handlers,
                           boolean disconnectWhenOutputFull) throws IOException {
        return listen(address, ListenerSpec.of(protocol, handlers)
                .disconnectWhenOutputFull(disconnectWhenOutputFull).idleTimeoutNanos(limits.idleTimeoutNanos()));
    }

    /**
     * Binds a listener; call before {@link #run}. An IPv4 address binds IPv4 only (the JDK's
     * default socket is dual-stack, so {@code 0.0.0.0} would also take IPv6).
     */
    public Acceptor listen(InetSocketAddress address, ListenerSpec spec) throws IOException {
        ServerSocketChannel server = address.getAddress() instanceof Inet4Address
                ? ServerSocketChannel.open(StandardProtocolFamily.INET) : ServerSocketChannel.open();
        try {
            server.setOption(StandardSocketOptions.SO_REUSEADDR, true);
            server.bind(address, 4096);
            server.configureBlocking(false);
            TimeoutQueue idle = idleTimeouts.computeIfAbsent(spec.idleTimeoutNanos(), TimeoutQueue::new);
            Acceptor acceptor = new Acceptor(this, server, spec, idle);
            acceptor.attach(server.register(selector, SelectionKey.OP_ACCEPT, acceptor));
            acceptors.add(acceptor);
            counters.protocol(spec.protocol());
            return acceptor;
        } catch (IOException | RuntimeException e) {
            server.close();
            throw e;
        }
    }

    /** Runs the loop on the calling thread until a shutdown has drained every connection. */
    public void run() throws IOException {
        thread = Thread.currentThread();
        try {
            long busySince = now();
            while (!stopped) {
                counters.loopIterations++;
                runTasks();
                readRequested();
                closeRequested();
                flushRequested();
                if (stopped) {
                    break;
                }
                long idleSince = now();
                counters.loopBusyNanos += idleSince - busySince;
                selectSurvivingErrors();
                busySince = now();
                fireDeadlines();
            }
        } finally {
            closeEverything();
        }
    }

    /** Releases the listeners of a loop that will never {@link #run} (start-up failed). */
    public void close() {
        closeEverything();
    }

    /** Runs {@code task} on the loop thread; the only way in from another thread. */
    @Override
    public void execute(Runnable task) {
        tasks.add(task);
        if (Thread.currentThread() != thread) {
            selector.wakeup();
        }
    }

    /** Thread-safe: stop accepting, answer what has arrived, close, then leave {@link #run}. */
    public void shutdown(long drainNanos) {
        execute(() -> beginDrain(drainNanos));
    }

    /** Logs {@link LoopStats} every {@code intervalNanos}; call before {@link #run}. */
    public void logStatsEvery(long intervalNanos) {
        execute(() -> {
            LoopStats stats = new LoopStats(now());
            Runnable[] tick = new Runnable[1];
            tick[0] = () -> {
                stats.log(now(), messages, connections);
                schedule(intervalNanos, tick[0]);
            };
            schedule(intervalNanos, tick[0]);
        });
    }

    /** One more message handled (for {@link LoopStats}). */
    void countMessage() {
        messages++;
    }

    public Limits limits() {
        return limits;
    }

    /** True once a shutdown has begun (the admin endpoint's /health says "draining"). */
    public boolean isDraining() {
        return draining;
    }

    public int connectionCount() {
        return connections;
    }

    long now() {
        return clock.getAsLong();
    }

    BufferPool bufferPool() {
        return bufferPool;
    }

    ReplyBatch replyBatch() {
        return replyBatch;
    }

    ByteBuffer sharedInput() {
        return sharedInput;
    }

    private long firstIdleDeadline() {
        long first = Long.MAX_VALUE;
        for (TimeoutQueue idle : idleTimeouts.values()) {
            first = Math.min(first, idle.firstDeadline());
        }
        return first;
    }

    TimeoutQueue partialTimeouts() {
        return partialTimeouts;
    }

    TimeoutQueue lingerTimeouts() {
        return lingerTimeouts;
    }

    void requestFlush(Connection c) {
        toFlush.add(c);
    }

    void requestClose(Connection c) {
        toClose.add(c);
    }

    /** {@code c}'s transport holds input that no readiness event will announce. */
    void requestRead(Connection c) {
        toRead.add(c);
    }

    /** The loop's counters, for the metrics renderer; loop thread only. */
    public Counters counters() {
        return counters;
    }

    private void readRequested() {
        ArrayList<Connection> batch = toRead;
        toRead = reading;
        reading = batch;
        for (Connection c : batch) {
            try {
                c.readBuffered();
            } catch (RuntimeException | LinkageError | StackOverflowError e) {
                failed(c, e);
            }
        }
        batch.clear();
    }

    // ---- one turn -----------------------------------------------------------------------

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

    /**
     * An error out of select (a JDK class that failed to initialise, say) is logged and the
     * loop goes on: the keys it did not dispatch stay ready for the next turn.
     */
    private void selectSurvivingErrors() throws IOException {
        try {
            select();
        } catch (RuntimeException | LinkageError | StackOverflowError e) {
            long failures = selectFailureLog.occurred(now());
            if (failures > 0) {
                Logger.error(e, "select failed {} time(s); the loop goes on", failures);
            }
        }
    }

    private void select() throws IOException {
        if (!tasks.isEmpty() || !toFlush.isEmpty() || !toClose.isEmpty() || !toRead.isEmpty()) {
            selector.selectNow(dispatcher);
            return;
        }
        long next = firstIdleDeadline();
        next = Math.min(Math.min(next, partialTimeouts.firstDeadline()),
                Math.min(lingerTimeouts.firstDeadline(), timers.isEmpty() ? Long.MAX_VALUE : timers.peek().deadline));
        if (next == Long.MAX_VALUE) {
            selector.select(dispatcher, 0);
            return;
        }
        long waitNanos = next - now();
        if (waitNanos <= 0) {
            selector.selectNow(dispatcher);
        } else {
            // Round up: waking a millisecond early would only spin once more.
            selector.select(dispatcher, (waitNanos + 999_999) / 1_000_000);
        }
    }

    private void dispatch(SelectionKey key) {
        Selectable target = (Selectable) key.attachment();
        try {
            if (key.isValid()) {
                target.ready(key.readyOps());
            }
        } catch (RuntimeException | LinkageError | StackOverflowError e) {
            failed(target, e);
        }
    }

    private void fireDeadlines() {
        long now = now();
        Connection c;
        while ((c = partialTimeouts.pollExpired(now)) != null) {
            try {
                c.partialTimedOut();
            } catch (RuntimeException | LinkageError | StackOverflowError e) {
                failed(c, e);
            }
        }
        for (TimeoutQueue idle : idleTimeouts.values()) {
            while ((c = idle.pollExpired(now)) != null) {
                try {
                    c.idleTimedOut();
                } catch (RuntimeException | LinkageError | StackOverflowError e) {
                    failed(c, e);
                }
            }
        }
        while ((c = lingerTimeouts.pollExpired(now)) != null) {
            c.lingerTimedOut();
        }
        while (!timers.isEmpty() && timers.peek().deadline - now <= 0) {
            Timer timer = timers.poll();
            if (timer.task == null) {
                continue;
            }
            try {
                timer.task.run();
            } catch (RuntimeException | LinkageError | StackOverflowError e) {
                Logger.warn(e, "a timer on the event loop failed");
            }
        }
    }

    private void flushRequested() {
        ArrayList<Connection> batch = toFlush;
        toFlush = flushing;
        flushing = batch;
        for (Connection c : batch) {
            try {
                c.flush();
            } catch (RuntimeException | LinkageError | StackOverflowError e) {
                failed(c, e);
            }
        }
        batch.clear();
    }

    private void closeRequested() {
        while (!toClose.isEmpty()) {
            ArrayList<Connection> batch = toClose;
            toClose = closing;
            closing = batch;
            for (Connection c : batch) {
                try {
                    c.closeNow();
                } catch (RuntimeException | LinkageError | StackOverflowError e) {
                    Logger.warn(e, "{} {}: closing failed", c.protocol(), c.remote());
                } finally {
                    if (!c.uncounted) {
                        connections--;
                    }
                }
            }
            batch.clear();
        }
        if (draining && connections == 0) {
            stopped = true;
        }
    }

    /**
     * A handler threw: that connection closes and is logged with the stack; the loop goes on.
     * Linkage errors and stack overflows are confined the same way: they belong to one code
     * path, not to the process (out of memory and internal VM errors are not caught).
     */
    private void failed(Selectable target, Throwable e) {
        if (target instanceof Connection c) {
            Logger.warn(e, "{} {}: unexpected error; closing this connection", c.protocol(), c.remote());
            c.closeAfterError();
        } else {
            Logger.warn(e, "unexpected error on a listener");
        }
    }

    // ---- accepting ----------------------------------------------------------------------

    void adopt(SocketChannel channel, Acceptor acceptor) {
        boolean counted = acceptor.spec().counted();
        if (draining || (counted && connections >= limits.maxConnections())) {
            if (!draining) {
                counters.refusedMaxConnections++;
            }
            refuse(channel, acceptor);
            return;
        }
        Connection c;
        try {
            channel.configureBlocking(false);
            channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
            // A chat member who only listens sends nothing for hours: keepalive finds dead peers.
            channel.setOption(StandardSocketOptions.SO_KEEPALIVE, true);
            InetSocketAddress remote = (InetSocketAddress) channel.getRemoteAddress();
            List<Cidr> trusted = acceptor.spec().proxyTrusted();
            if (trusted != null && !Cidr.anyContains(trusted, remote.getAddress())) {
                untrusted(channel, acceptor, remote);
                return;
            }
            c = acceptor.newConnection(channel, remote);
            SelectionKey key = channel.register(selector, SelectionKey.OP_READ, c);
            if (counted) {
                connections++;
            } else {
                c.uncounted = true;
            }
            c.attach(key, acceptor.newHandler(c));
        } catch (IOException e) {
            Logger.debug("{}: accepted connection failed at once: {}", acceptor.protocol(), e.getMessage());
            closeQuietly(channel);
            return;
        }
        acceptor.idleTimeouts().schedule(c.idleEntry(), now());
        try {
            c.begin();
        } catch (RuntimeException | LinkageError | StackOverflowError e) {
            failed(c, e);
        }
    }

    private void untrusted(SocketChannel channel, Acceptor acceptor, InetSocketAddress remote) {
        closeQuietly(channel);
        counters.protocol(acceptor.protocol()).protocolErrors++;
        long refused = untrustedLog.occurred(now());
        if (refused > 0) {
            Logger.warn("{} {}: refused {} connection(s) from outside --proxy-trusted (a PROXY header is "
                    + "accepted only from there)", acceptor.label(), Addresses.format(remote), refused);
        }
    }

    private void refuse(SocketChannel channel, Acceptor acceptor) {
        closeQuietly(channel);
        long refused = refusalLog.occurred(now());
        if (refused > 0) {
            Logger.warn("{}: refused {} connection(s): {}", acceptor.protocol(), refused,
                    draining ? "shutting down" : "limit of " + limits.maxConnections() + " connections reached");
        }
    }

    /**
     * accept() failed, most often for want of file descriptors. Retrying at once would spin
     * (the listener stays ready), so every listener pauses briefly, as Jetty and Tomcat do.
     */
    void acceptFailed(IOException e) {
        counters.acceptErrors++;
        long failures = acceptFailureLog.occurred(now());
        if (failures > 0) {
            Logger.warn("accept failed {} time(s) ({}); pausing new connections for {} ms", failures,
                    e.getMessage(), ACCEPT_BACKOFF_NANOS / 1_000_000);
        }
        for (Acceptor a : acceptors) {
            a.setAccepting(false);
        }
        schedule(ACCEPT_BACKOFF_NANOS, () -> {
            if (!draining) {
                for (Acceptor a : acceptors) {
                    a.setAccepting(true);
                }
            }
        });
    }

    // ---- shutdown -----------------------------------------------------------------------

    private void beginDrain(long drainNanos) {
        if (draining) {
            return;
        }
        for (Acceptor a : acceptors) {
            a.acceptQueued();
        }
        draining = true;
        for (Acceptor a : acceptors) {
            a.close();
        }
        Logger.info("shutting down: answering {} connection(s) within {} s", connections, seconds(drainNanos));
        schedule(drainNanos, this::drainDeadlinePassed);
        for (Connection c : openConnections()) {
            try {
                c.startDrain();
            } catch (RuntimeException | LinkageError | StackOverflowError e) {
                failed(c, e);
            }
        }
        if (connections == 0) {
            stopped = true;
        }
    }

    private void drainDeadlinePassed() {
        List<Connection> left = openConnections();
        if (!left.isEmpty()) {
            Logger.warn("drain deadline passed; closing {} connection(s) now", left.size());
        }
        for (Connection c : left) {
            c.close(CloseReason.SHUTDOWN_TIMEOUT);
        }
        stopped = true;
    }

    private List<Connection> openConnections() {
        List<Connection> open = new ArrayList<>(connections);
        for (SelectionKey key : selector.keys()) {
            if (key.attachment() instanceof Connection c) {
                open.add(c);
            }
        }
        return open;
    }

    private void closeEverything() {
        for (Acceptor a : acceptors) {
            a.close();
        }
        for (Connection c : openConnections()) {
            c.close(CloseReason.SHUTDOWN_TIMEOUT);
        }
        closeRequested();
        try {
            selector.close();
        } catch (IOException | RuntimeException | LinkageError e) {
            Logger.warn("closing the selector failed: {}", e.toString());
        }
    }

    // ---- rare timers --------------------------------------------------------------------

    /**
     * Runs {@code task} on the loop thread after {@code delayNanos}; loop thread only. For rare
     * timers (a back-off, a delayed reply, a ping): per-connection deadlines use the O(1) queues.
     */
    public Timer schedule(long delayNanos, Runnable task) {
        Timer timer = new Timer(now() + delayNanos, timerSequence++, task);
        timers.add(timer);
        return timer;
    }

    /** A scheduled task; {@link #cancel} keeps it from running. */
    public static final class Timer implements Comparable<Timer> {
        private final long deadline;
        private final long sequence;
        private Runnable task;

        private Timer(long deadline, long sequence, Runnable task) {
            this.deadline = deadline;
            this.sequence = sequence;
            this.task = task;
        }

        public void cancel() {
            task = null;
        }

        @Override
        public int compareTo(Timer other) {
            int byTime = Long.compare(deadline - other.deadline, 0);
            return byTime != 0 ? byTime : Long.compare(sequence, other.sequence);
        }
    }

    // ---- helpers ------------------------------------------------------------------------

    static String format(InetSocketAddress address) {
        return Addresses.format(address);
    }

    /** Nanoseconds as seconds for people: 30, 0.5. */
    public static String seconds(long nanos) {
        return BigDecimal.valueOf(nanos, 9).stripTrailingZeros().toPlainString();
    }

    private static void closeQuietly(SocketChannel channel) {
        try {
            channel.close();
        } catch (IOException e) {
            Logger.debug("closing a refused connection failed: {}", e.getMessage());
        }
    }
}
