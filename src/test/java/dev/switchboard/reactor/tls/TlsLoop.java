package dev.switchboard.reactor.tls;

import dev.switchboard.kit.TestCerts;
import dev.switchboard.kit.TestClient;
import dev.switchboard.protocol.EchoService;
import dev.switchboard.protocol.ServiceHandler;
import dev.switchboard.reactor.EventLoop;
import dev.switchboard.reactor.Limits;
import dev.switchboard.reactor.ListenerSpec;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import javax.net.ssl.SSLEngine;

/**
 * A real event loop on a thread of its own serving echo three ways on free ports of 127.0.0.1:
 * plaintext ({@code echo}), TLS ({@code echo+tls}) and TLS through engines changed by the test
 * ({@code odd+tls}, e.g. one whose delegated task never returns). Its thread's CPU time can be
 * read, to show the loop idles while a hostile client waits.
 */
final class TlsLoop implements AutoCloseable {
    private static final int MAX_FRAME_BYTES = 1 << 20;
    private final EventLoop loop;
    private final Map<String, Integer> ports = new HashMap<>();
    private final Thread thread;

    TlsLoop(long frameTimeoutMillis, UnaryOperator<SSLEngine> oddEngines) throws Exception {
        long frameNanos = TimeUnit.MILLISECONDS.toNanos(frameTimeoutMillis);
        loop = new EventLoop(new Limits(MAX_FRAME_BYTES + 256, 1 << 20, 1000, frameNanos, 0));
        TlsContext tls = TlsContext.load(TestCerts.cert(), TestCerts.key());
        EchoService echo = new EchoService(MAX_FRAME_BYTES);
        ListenerSpec plain = ListenerSpec.of(echo.name(), c -> new ServiceHandler<>(echo, c, frameNanos));
        listen(plain);
        listen(plain.label("echo+tls").transports(tls::transport));
        listen(plain.label("odd+tls").transports(s -> new TlsTransport(s, oddEngines.apply(tls.newEngine()))));
        thread = new Thread(
                () -> {
                    try {
                        loop.run();
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                },
                "tls-test-loop");
        thread.setDaemon(true);
        thread.start();
    }

    private void listen(ListenerSpec spec) throws Exception {
        ports.put(
                spec.label(),
                loop.listen(new InetSocketAddress("127.0.0.1", 0), spec)
                        .localAddress()
                        .getPort());
    }

    int port(String listener) {
        return ports.get(listener);
    }

    TestClient connect(String listener) throws Exception {
        return new TestClient(port(listener));
    }

    TestClient connectTls(String listener) throws Exception {
        return new TestClient(TestCerts.connect(port(listener)));
    }

    /** The loop thread's CPU time so far. */
    long loopCpuNanos() {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        return threads.getThreadCpuTime(loop.thread().getId());
    }

    /** Threads that lost the loop to a stuck task and have not ended yet. */
    int stuckThreads() {
        return loop.stuckThreads();
    }

    /** The loop's threads alive, stuck ones included. */
    int loopThreads() {
        return loop.threadsAlive();
    }

    int connections() throws Exception {
        CompletableFuture<Integer> n = new CompletableFuture<>();
        loop.execute(() -> n.complete(loop.connectionCount()));
        return n.get(5, TimeUnit.SECONDS);
    }

    void awaitConnections(int expected, Duration within) throws Exception {
        long deadline = System.nanoTime() + within.toNanos();
        int now;
        while ((now = connections()) != expected) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("expected " + expected + " open connections, still " + now);
            }
            Thread.sleep(10);
        }
    }

    @Override
    public void close() throws Exception {
        loop.shutdown(TimeUnit.SECONDS.toNanos(1));
        thread.join(10_000);
    }
}
