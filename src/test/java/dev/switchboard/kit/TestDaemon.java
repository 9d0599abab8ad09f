package dev.switchboard.kit;

import dev.switchboard.app.Daemon;
import dev.switchboard.app.ServeOptions;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;

/** The real daemon, in this JVM, on free ports of 127.0.0.1, its loop on its own thread. */
public final class TestDaemon implements AutoCloseable {
    private final Daemon daemon;
    private final Thread thread;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final AtomicReference<Throwable> failure = new AtomicReference<>();

    private TestDaemon(ServeOptions options) throws Exception {
        daemon = Daemon.bind(options);
        thread = new Thread(
                () -> {
                    try {
                        daemon.run();
                    } catch (Throwable t) {
                        failure.set(t);
                    } finally {
                        stopped.countDown();
                    }
                },
                "switchboard-loop");
        thread.setDaemon(true);
        thread.start();
    }

    public static TestDaemon start() throws Exception {
        return start(o -> o);
    }

    /** Starts with the defaults on free ports, changed by {@code options}. */
    public static TestDaemon start(UnaryOperator<ServeOptions> options) throws Exception {
        return new TestDaemon(options.apply(ServeOptions.defaults().onFreePorts()));
    }

    public int port(String listener) {
        return address(listener).getPort();
    }

    /** The address a listener ({@code chat}, {@code chat+tls}, {@code admin}) really bound. */
    public InetSocketAddress address(String listener) {
        InetSocketAddress address = daemon.addresses().get(listener);
        if (address == null) {
            throw new IllegalArgumentException(listener + " is not listening");
        }
        return address;
    }

    public TestClient connect(String protocol) throws Exception {
        return new TestClient(port(protocol));
    }

    /** The number of open connections, read on the loop thread. */
    public int connectionCount() throws Exception {
        AtomicReference<Integer> count = new AtomicReference<>();
        CountDownLatch done = new CountDownLatch(1);
        daemon.execute(() -> {
            count.set(daemon.loop().connectionCount());
            done.countDown();
        });
        if (!done.await(5, TimeUnit.SECONDS)) {
            throw new AssertionError("the loop did not run a task within 5 s");
        }
        return count.get();
    }

    /** Polls until the loop reports {@code expected} open connections. */
    public void awaitConnections(int expected, Duration within) throws Exception {
        long deadline = System.nanoTime() + within.toNanos();
        int now;
        while ((now = connectionCount()) != expected) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("expected " + expected + " open connections, still " + now);
            }
            Thread.sleep(10);
        }
    }

    public void shutdown() {
        daemon.shutdown();
    }

    /** Waits for the loop to leave run() after a shutdown; fails on a loop crash. */
    public void awaitStopped(Duration within) throws Exception {
        if (!stopped.await(within.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("the daemon did not stop within " + within);
        }
        if (failure.get() != null) {
            throw new AssertionError("the event loop failed", failure.get());
        }
    }

    public boolean isRunning() {
        return stopped.getCount() > 0;
    }

    @Override
    public void close() throws Exception {
        daemon.shutdown();
        awaitStopped(Duration.ofSeconds(15));
    }
}
