package dev.switchboard.kit;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A real HAProxy (Debian's), started in the foreground ({@code -db}) with its own config in a
 * temporary directory, on free loopback ports; never the system service. Each route is a
 * {@code listen} section passing TCP to one daemon port with {@code send-proxy} or
 * {@code send-proxy-v2}.
 */
public final class Haproxy implements AutoCloseable {
    private final Process process;
    private final Path log;
    private final Map<String, Integer> frontends;

    /** A route: name, daemon port, and the server option ({@code send-proxy} or {@code send-proxy-v2}). */
    public record Route(String name, int backendPort, String sendProxy) {}

    private Haproxy(Process process, Path log, Map<String, Integer> frontends) {
        this.process = process;
        this.log = log;
        this.frontends = frontends;
    }

    public static Haproxy start(Path dir, List<Route> routes) throws Exception {
        StringBuilder config = new StringBuilder(
                """
                global
                    maxconn 256
                defaults
                    mode tcp
                    timeout connect 5s
                    timeout client 30s
                    timeout server 30s
                """);
        Map<String, Integer> frontends = new LinkedHashMap<>();
        for (Route r : routes) {
            int port = freePort();
            frontends.put(r.name(), port);
            config.append("listen ")
                    .append(r.name())
                    .append('\n')
                    .append("    bind 127.0.0.1:")
                    .append(port)
                    .append('\n')
                    .append("    server daemon 127.0.0.1:")
                    .append(r.backendPort())
                    .append(' ')
                    .append(r.sendProxy())
                    .append('\n');
        }
        Path file = dir.resolve("haproxy.cfg");
        Files.writeString(file, config.toString(), StandardCharsets.UTF_8);
        Path log = dir.resolve("haproxy.log");
        Process p = new ProcessBuilder(executable(), "-db", "-f", file.toString())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        Haproxy h = new Haproxy(p, log, frontends);
        try {
            for (int port : frontends.values()) {
                h.awaitListening(port);
            }
        } catch (Exception | AssertionError e) {
            h.close();
            throw e;
        }
        return h;
    }

    private static String executable() {
        for (String candidate : new String[] {"/usr/sbin/haproxy", "/usr/bin/haproxy"}) {
            if (Files.isExecutable(Path.of(candidate))) {
                return candidate;
            }
        }
        throw new AssertionError("haproxy is not installed (apt-get install haproxy)");
    }

    /** The frontend's port on 127.0.0.1. */
    public int port(String route) {
        return frontends.get(route);
    }

    private void awaitListening(int port) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        // Bound, not connected: a probe connection would reach the daemon through the proxy.
        while (!bound(port)) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                throw new AssertionError("haproxy did not listen on " + port + ":\n" + output());
            }
            Thread.sleep(20);
        }
    }

    /** True once something listens on the port (our own bind attempt then fails). */
    private static boolean bound(int port) {
        try (ServerSocket s = new ServerSocket()) {
            s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            return false;
        } catch (IOException taken) {
            return true;
        }
    }

    /** A client connection to {@code route} from {@code localAddress} (e.g. 127.0.0.2). */
    public Socket connect(String route, String localAddress) throws IOException {
        Socket s = new Socket();
        s.bind(new InetSocketAddress(InetAddress.getByName(localAddress), 0));
        s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port(route)), 10_000);
        return s;
    }

    public String output() {
        try {
            return Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(no haproxy output: " + e.getMessage() + ")";
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
