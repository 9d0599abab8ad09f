package dev.switchboard.kit;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real {@code redis-server} for a test: its own process, a free port on 127.0.0.1, its own
 * directory, no persistence (so a restart loses everything, as the chat must survive).
 * {@link #stop} and {@link #start} again keep the port, as a Redis restarted in place would.
 */
public final class RedisServer implements AutoCloseable {
    private final Path dir;
    private final int port;
    private Process process;

    private RedisServer(Path dir, int port) {
        this.dir = dir;
        this.port = port;
    }

    /** Starts one, or fails the test if {@code redis-server} is not installed. */
    public static RedisServer start() throws Exception {
        RedisServer r = new RedisServer(Files.createTempDirectory("switchboard-redis"), freePort());
        r.begin();
        return r;
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    public int port() {
        return port;
    }

    public String url() {
        return "redis://127.0.0.1:" + port;
    }

    /** Starts it again after {@link #stop}, empty, on the same port. */
    public void begin() throws Exception {
        Path log = dir.resolve("redis.log");
        process = new ProcessBuilder(
                        "redis-server",
                        "--port",
                        Integer.toString(port),
                        "--bind",
                        "127.0.0.1",
                        "--dir",
                        dir.toString(),
                        "--save",
                        "",
                        "--appendonly",
                        "no",
                        "--daemonize",
                        "no",
                        "--logfile",
                        log.toString())
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("redis.out").toFile())
                .start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!"+PONG".equals(command("PING"))) {
            if (!process.isAlive() || System.nanoTime() - deadline > 0) {
                throw new AssertionError("redis-server did not answer on port " + port + ": "
                        + (Files.exists(log) ? Files.readString(log) : "no log"));
            }
            Thread.sleep(20);
        }
    }

    /** Kills it at once (SIGKILL: what a crash looks like to its clients) and waits until it is gone. */
    public void stop() throws InterruptedException {
        if (process != null) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
            process = null;
        }
    }

    /**
     * One inline command and its reply: a status, error or number line as sent ({@code +PONG},
     * {@code :3}), a bulk string's content ({@code $-1} for none), a multi-bulk's first line; null if unreachable.
     */
    public String command(String line) {
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.setSoTimeout(2000);
            OutputStream out = s.getOutputStream();
            out.write((line + "\r\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
            InputStream in = s.getInputStream();
            String first = line(in);
            if (first.startsWith("$") && !first.equals("$-1")) {
                byte[] bulk = in.readNBytes(Integer.parseInt(first.substring(1)));
                return new String(bulk, StandardCharsets.UTF_8);
            }
            return first;
        } catch (IOException e) {
            return null;
        }
    }

    private static String line(InputStream in) throws IOException {
        StringBuilder reply = new StringBuilder();
        int b;
        while ((b = in.read()) >= 0 && b != '\n') {
            if (b != '\r') {
                reply.append((char) b);
            }
        }
        return reply.toString();
    }

    /** Throws IOException only, so try-with-resources does not have to expect an interrupt. */
    @Override
    public void close() throws IOException {
        try {
            stop();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
