package dev.switchboard.protocol.chat.redis;

import dev.switchboard.kit.RedisServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Numbers for the README, not a test: lines per second delivered to CLIENTS members of one
 * room spread over 1, 2 and 3 nodes (and 1 node without Redis) (one JVM, one Redis, loopback), and the latency a line
 * takes to a member on another node against one on the sender's node.
 * {@code mvn -o -q test -Dtest=BackplaneBench -Dbench=true -Dbench.clients=300}; prints to stdout.
 */
@EnabledIfSystemProperty(named = "bench", matches = "true")
class BackplaneBench {
    private static final int CLIENTS = Integer.getInteger("bench.clients", 300);
    private static final int SENDERS = 10;
    private static final int LINES_EACH = Integer.getInteger("bench.lines", 300);

    @Test
    void measure() throws Exception {
        try (RedisServer redis = RedisServer.start()) {
            throughput(null, 1); // warm-up: the JIT, the first connections
            throughput(null, 1);
            for (int nodes = 1; nodes <= 3; nodes++) {
                throughput(redis, nodes);
            }
            latency(redis);
        }
    }

    private static void throughput(RedisServer redis, int nodeCount) throws Exception {
        List<ClusterNode> nodes = new ArrayList<>();
        try {
            for (int i = 0; i < nodeCount; i++) {
                ClusterNode n = new ClusterNode(redis == null ? null : redis.url());
                if (redis != null) {
                    n.awaitUp(java.time.Duration.ofSeconds(10));
                }
                nodes.add(n);
            }
            List<SocketChannel> clients = new ArrayList<>();
            for (int i = 0; i < CLIENTS; i++) {
                clients.add(SocketChannel.open(new InetSocketAddress(
                        "127.0.0.1", nodes.get(i % nodeCount).port())));
            }
            try (Selector selector = Selector.open()) {
                long[] lines = new long[1];
                for (SocketChannel c : clients) {
                    c.configureBlocking(false);
                    c.register(selector, SelectionKey.OP_READ);
                }
                quiet(selector, lines, 1500);
                lines[0] = 0;
                long expected = (long) CLIENTS * SENDERS * LINES_EACH;
                byte[] line = "a line of about the length people type in a chat room, give or take\n"
                        .getBytes(StandardCharsets.UTF_8);
                long start = System.nanoTime();
                for (int k = 0; k < LINES_EACH; k++) {
                    for (int s = 0; s < SENDERS; s++) {
                        write(clients.get(s), line);
                    }
                    read(selector, lines, 0);
                }
                long deadline = System.nanoTime() + 60_000_000_000L;
                while (lines[0] < expected && System.nanoTime() < deadline) {
                    read(selector, lines, 100);
                }
                double seconds = (System.nanoTime() - start) / 1e9;
                System.out.printf(
                        Locale.ROOT,
                        "BENCH %s nodes=%d clients=%d lines sent=%d delivered=%d/%d in %.2f s:"
                                + " %.0f lines/s delivered%n",
                        redis == null ? "local" : "redis",
                        nodeCount,
                        CLIENTS,
                        SENDERS * LINES_EACH,
                        lines[0],
                        expected,
                        seconds,
                        lines[0] / seconds);
            }
            for (SocketChannel c : clients) {
                c.close();
            }
        } finally {
            for (ClusterNode n : nodes) {
                n.close();
            }
        }
    }

    /** One line every 5 ms from node A; a member on A and one on B timestamp each. */
    private static void latency(RedisServer redis) throws Exception {
        try (ClusterNode a = new ClusterNode(redis.url());
                ClusterNode b = new ClusterNode(redis.url())) {
            a.awaitUp(java.time.Duration.ofSeconds(10));
            b.awaitUp(java.time.Duration.ofSeconds(10));
            SocketChannel sender = SocketChannel.open(new InetSocketAddress("127.0.0.1", a.port()));
            SocketChannel local = SocketChannel.open(new InetSocketAddress("127.0.0.1", a.port()));
            SocketChannel remote = SocketChannel.open(new InetSocketAddress("127.0.0.1", b.port()));
            try (Selector selector = Selector.open()) {
                local.configureBlocking(false);
                remote.configureBlocking(false);
                local.register(selector, SelectionKey.OP_READ, "local");
                remote.register(selector, SelectionKey.OP_READ, "remote");
                long[] ignored = new long[1];
                quiet(selector, ignored, 1500);
                int count = 1000;
                long[] localNanos = new long[count];
                long[] remoteNanos = new long[count];
                ByteBuffer in = ByteBuffer.allocate(1 << 16);
                for (int i = 0; i < count; i++) {
                    long sent = System.nanoTime();
                    write(sender, ("ping " + i + "\n").getBytes(StandardCharsets.UTF_8));
                    boolean gotLocal = false;
                    boolean gotRemote = false;
                    while (!gotLocal || !gotRemote) {
                        selector.select(1000);
                        for (SelectionKey k : selector.selectedKeys()) {
                            in.clear();
                            int n = ((SocketChannel) k.channel()).read(in);
                            if (n > 0 && k.attachment().equals("local")) {
                                localNanos[i] = System.nanoTime() - sent;
                                gotLocal = true;
                            } else if (n > 0) {
                                remoteNanos[i] = System.nanoTime() - sent;
                                gotRemote = true;
                            }
                        }
                        selector.selectedKeys().clear();
                    }
                    Thread.sleep(5);
                }
                Arrays.sort(localNanos);
                Arrays.sort(remoteNanos);
                System.out.printf(
                        Locale.ROOT,
                        "BENCH latency over %d lines: same node p50 %.0f us p99 %.0f us;"
                                + " other node p50 %.0f us p99 %.0f us; added by the backplane p50 %.0f us p99 %.0f us%n",
                        count,
                        localNanos[count / 2] / 1e3,
                        localNanos[count * 99 / 100] / 1e3,
                        remoteNanos[count / 2] / 1e3,
                        remoteNanos[count * 99 / 100] / 1e3,
                        (remoteNanos[count / 2] - localNanos[count / 2]) / 1e3,
                        (remoteNanos[count * 99 / 100] - localNanos[count * 99 / 100]) / 1e3);
            } finally {
                sender.close();
                local.close();
                remote.close();
            }
        }
    }

    private static void write(SocketChannel c, byte[] bytes) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(bytes);
        while (b.hasRemaining()) {
            c.write(b);
        }
    }

    /** Reads until nothing has come for {@code quietMillis}: the joins are over. */
    private static void quiet(Selector selector, long[] lines, long quietMillis) throws IOException {
        long last = System.nanoTime();
        while (System.nanoTime() - last < quietMillis * 1_000_000L) {
            if (read(selector, lines, 100) > 0) {
                last = System.nanoTime();
            }
        }
    }

    private static final ByteBuffer BUFFER = ByteBuffer.allocateDirect(1 << 16);

    /** Counts newlines read from every ready client; returns the bytes read. */
    private static long read(Selector selector, long[] lines, long timeoutMillis) throws IOException {
        if (timeoutMillis == 0) {
            selector.selectNow();
        } else {
            selector.select(timeoutMillis);
        }
        long bytes = 0;
        for (SelectionKey k : selector.selectedKeys()) {
            SocketChannel c = (SocketChannel) k.channel();
            int n;
            while (true) {
                BUFFER.clear();
                n = c.read(BUFFER);
                if (n <= 0) {
                    break;
                }
                bytes += n;
                for (int i = 0; i < n; i++) {
                    if (BUFFER.get(i) == '\n') {
                        lines[0]++;
                    }
                }
            }
            if (n < 0) {
                k.cancel();
            }
        }
        selector.selectedKeys().clear();
        return bytes;
    }
}
