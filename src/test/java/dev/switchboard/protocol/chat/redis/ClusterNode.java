package dev.switchboard.protocol.chat.redis;

import dev.switchboard.app.Daemon;
import dev.switchboard.app.ServeOptions;
import dev.switchboard.kit.TestClient;
import dev.switchboard.reactor.Counters;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * One daemon of a test cluster, in this JVM: the chat alone on a free port, --chat-redis set,
 * cheap password hashes. Reads the loop's gauges on the loop thread; closes its clients with it.
 */
final class ClusterNode implements AutoCloseable {
    private final Daemon daemon;
    private final Thread thread;
    private final List<TestClient> clients = new ArrayList<>();

    ClusterNode(String redisUrl) throws Exception {
        this(redisUrl, false);
    }

    /** @param behindProxy the chat listener takes a PROXY header first (a load balancer in front) */
    ClusterNode(String redisUrl, boolean behindProxy) throws Exception {
        ServeOptions options = ServeOptions.defaults()
                .onFreePorts()
                .withPorts(Map.of("chat", 0))
                .with(b -> {
                    b.chat = b.chat.withRedisUrl(redisUrl).withHashIterations(1000);
                    if (behindProxy) {
                        b.proxyProtocols.add("chat");
                    }
                });
        daemon = Daemon.bind(options);
        thread = new Thread(
                () -> {
                    try {
                        daemon.run();
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                },
                "switchboard-loop-test-node");
        thread.setDaemon(true);
        thread.start();
    }

    int port() {
        return daemon.addresses().get("chat").getPort();
    }

    /** A chat client, its welcome read; the guest name is returned by {@link #guestName}. */
    TestClient connect() throws Exception {
        TestClient c = new TestClient(port());
        clients.add(c);
        return c;
    }

    /** A client named {@code name}: welcome, the lobby's history if any, and the rename read. */
    TestClient named(String name) throws Exception {
        TestClient c = connect();
        String welcome = c.readLine();
        if (!welcome.startsWith("* welcome guest-")) {
            throw new AssertionError(welcome);
        }
        c.send("/nick " + name + "\n");
        ClusterAsserts.awaitLine(c, "* you are now " + name);
        return c;
    }

    /** What /health would add to "ok" (null: nothing). */
    String healthDetail() {
        return daemon.healthDetail().get();
    }

    /** The gauge's value, read on the loop thread. */
    long gauge(String name) throws Exception {
        CompletableFuture<Long> value = new CompletableFuture<>();
        daemon.execute(() -> {
            for (Counters.Gauge g : daemon.loop().counters().gauges()) {
                if (g.name().equals(name)) {
                    value.complete(g.value().getAsLong());
                    return;
                }
            }
            value.complete(-1L);
        });
        return value.get(5, TimeUnit.SECONDS);
    }

    /** Waits until this node reaches Redis (both connections). */
    void awaitUp(Duration within) throws Exception {
        awaitGauge("switchboard_backplane_up", 1, within);
    }

    void awaitGauge(String name, long expected, Duration within) throws Exception {
        long deadline = System.nanoTime() + within.toNanos();
        long now;
        while ((now = gauge(name)) != expected) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError(name + " stayed " + now + ", expected " + expected);
            }
            Thread.sleep(20);
        }
    }

    /** SIGTERM's drain, with its clients still connected; returns once the daemon has stopped. */
    void stop() throws Exception {
        daemon.shutdown();
        thread.join(TimeUnit.SECONDS.toMillis(15));
    }

    /** Throws IOException only, so try-with-resources does not have to expect an interrupt. */
    @Override
    public void close() throws IOException {
        for (TestClient c : clients) {
            c.close();
        }
        daemon.shutdown();
        try {
            thread.join(TimeUnit.SECONDS.toMillis(15));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
