package dev.switchboard.kit;

import dev.switchboard.app.Protocols;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The daemon as a separate JVM, started as a user would ({@code switchboard serve ...}) from
 * this build's classes, for what only a process shows: exit status, signals, stdout, stderr.
 */
public final class DaemonProcess implements AutoCloseable {
    private static final Pattern LISTENING = Pattern.compile("listening (\\S+) (.+):(\\d+)");
    private final Process process;
    private final LinkedBlockingQueue<String> stdout = new LinkedBlockingQueue<>();
    /** A file, not a pipe: a pipe read at the moment the child exits can lose its tail. */
    private final Path stderrFile;

    private final Thread stdoutPump;
    private final Map<String, Integer> ports = new LinkedHashMap<>();
    private final List<String> listeningLines = new ArrayList<>();

    private DaemonProcess(List<String> args) throws IOException {
        this(args, false);
    }

    private DaemonProcess(List<String> args, boolean raw) throws IOException {
        List<String> command = new ArrayList<>();
        if (!raw) {
            command.addAll(javaCommand());
        }
        command.addAll(args);
        stderrFile = Files.createTempFile("switchboard-stderr", ".log");
        stderrFile.toFile().deleteOnExit();
        process = new ProcessBuilder(command).redirectError(stderrFile.toFile()).start();
        process.getOutputStream().close();
        stdoutPump = pump(process.getInputStream(), line -> stdout.add(line));
    }

    private static List<String> javaCommand() {
        return List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                "dev.switchboard.app.Main");
    }

    /** Runs {@code switchboard ARGS} and returns once it has printed {@code listeners} listening lines. */
    public static DaemonProcess serve(int listeners, String... args) throws Exception {
        List<String> all = new ArrayList<>(List.of("serve"));
        all.addAll(List.of(args));
        DaemonProcess p = new DaemonProcess(all);
        p.awaitListening(listeners);
        return p;
    }

    /** {@code serve ARGS} under {@code ulimit -n LIMIT} (a shell sets the limit, then runs java). */
    public static DaemonProcess serveUnderUlimit(int limit, String... args) throws Exception {
        List<String> java = new ArrayList<>(javaCommand());
        java.add("serve");
        java.addAll(List.of(args));
        StringBuilder script = new StringBuilder("ulimit -n " + limit + " && exec");
        for (String word : java) {
            script.append(" '").append(word.replace("'", "'\\''")).append('\'');
        }
        DaemonProcess p = new DaemonProcess(List.of("bash", "-c", script.toString()), true);
        p.awaitListening(
                args.length == 0
                        ? Protocols.ALL.size()
                        : (int) java.stream().filter(w -> w.equals("0")).count());
        return p;
    }

    /**
     * Serve's arguments for the protocols {@code kept} only, each on a free port, every other
     * protocol of the list off, then {@code more}: a test names what it needs, and a protocol
     * added to the list stays out of its way.
     */
    public static String[] only(List<String> kept, String... more) {
        List<String> args = new ArrayList<>();
        for (String protocol : Protocols.names()) {
            args.addAll(List.of("--" + protocol + "-port", kept.contains(protocol) ? "0" : "off"));
        }
        args.addAll(List.of(more));
        return args.toArray(new String[0]);
    }

    /** Every listener on a free port, plus {@code extra} options. */
    public static DaemonProcess serveOnFreePorts(String... extra) throws Exception {
        List<String> args = new ArrayList<>();
        for (String protocol : Protocols.names()) {
            args.addAll(List.of("--" + protocol + "-port", "0"));
        }
        args.addAll(List.of(extra));
        return serve(Protocols.ALL.size(), args.toArray(new String[0]));
    }

    /** Runs a command that is expected to end by itself. */
    public static Result run(Duration within, String... args) throws Exception {
        DaemonProcess p = new DaemonProcess(List.of(args));
        int status = p.awaitExit(within);
        List<String> out = new ArrayList<>();
        p.stdout.drainTo(out);
        return new Result(status, String.join("\n", out), p.stderr());
    }

    public record Result(int status, String stdout, String stderr) {}

    private void awaitListening(int count) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (listeningLines.size() < count) {
            String line = stdout.poll(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (line == null) {
                throw new AssertionError("no listening lines within 30 s; stderr:\n" + stderr());
            }
            Matcher m = LISTENING.matcher(line);
            if (!m.matches()) {
                throw new AssertionError("unexpected stdout line: " + line);
            }
            listeningLines.add(line);
            ports.put(m.group(1), Integer.parseInt(m.group(3)));
        }
    }

    public int port(String protocol) {
        return ports.get(protocol);
    }

    public List<String> listeningLines() {
        return listeningLines;
    }

    /** SIGTERM, as {@code kill PID} sends it. */
    public void sigterm() {
        process.destroy();
    }

    public void sigint() throws Exception {
        new ProcessBuilder("kill", "-INT", Long.toString(process.pid())).start().waitFor();
    }

    /** SIGHUP (reload), as {@code kill -HUP PID} sends it: the JDK has no way to send it. */
    public void sighup() throws Exception {
        new ProcessBuilder("kill", "-HUP", Long.toString(process.pid())).start().waitFor();
    }

    public int awaitExit(Duration within) throws Exception {
        if (!process.waitFor(within.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("the process did not exit within " + within + "; stderr:\n" + stderr());
        }
        stdoutPump.join(5000);
        return process.exitValue();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** Polls the log (stderr) for {@code text}. */
    public boolean waitForLog(String text, Duration within) throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        while (!stderr().contains(text)) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(50);
        }
        return true;
    }

    /** Polls the log (stderr) for a line part matching {@code pattern}. */
    public boolean waitForLog(Pattern pattern, Duration within) throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        while (!pattern.matcher(stderr()).find()) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(50);
        }
        return true;
    }

    /** Polls the daemon's open sockets (its descriptors) until {@code count} clients are in. */
    public boolean waitForConnections(int count, Duration within) throws Exception {
        long deadline = System.nanoTime() + within.toNanos();
        long base = -1;
        while (true) {
            long sockets = openSockets();
            if (base < 0) {
                base = sockets;
            }
            if (sockets >= count + 5) {
                return true;
            }
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(50);
        }
    }

    private long openSockets() throws IOException {
        long n = 0;
        try (var fds = Files.list(Path.of("/proc", Long.toString(process.pid()), "fd"))) {
            for (Path fd : (Iterable<Path>) fds::iterator) {
                try {
                    if (Files.readSymbolicLink(fd).toString().startsWith("socket:")) {
                        n++;
                    }
                } catch (IOException gone) {
                    // Closed while we looked.
                }
            }
        }
        return n;
    }

    /** Resident memory, from /proc/PID/status. */
    public long rssKib() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(process.pid()), "status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        throw new IOException("no VmRSS for " + process.pid());
    }

    /** CPU time (user + system) the process uses during {@code period}, from /proc/PID/stat. */
    public double cpuSecondsOver(Duration period) throws Exception {
        long before = cpuTicks();
        Thread.sleep(period.toMillis());
        return (cpuTicks() - before) / 100.0;
    }

    private long cpuTicks() throws IOException {
        String stat = Files.readString(Path.of("/proc", Long.toString(process.pid()), "stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    }

    public String stderr() {
        try {
            return Files.readString(stderrFile, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }

    private static Thread pump(InputStream stream, java.util.function.Consumer<String> sink) {
        Thread t = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    sink.accept(line);
                }
            } catch (IOException e) {
                sink.accept("[pump failed: " + e + "]");
            }
        });
        t.setDaemon(true);
        t.start();
        return t;
    }
}
