package dev.switchboard.client;

import java.io.IOException;
import java.io.PrintStream;

/**
 * {@code --latency}, as redis-cli has it: send the protocol's probe, time the reply, pause
 * {@code -i}, again, until {@code -r} samples or Ctrl+C; min, avg, max and p99 redrawn on one
 * line on a terminal, printed once at the end otherwise.
 */
final class LatencyProbe {
    /** Redraws at most this often, so the terminal is not the bottleneck. */
    private static final long REDRAW_NANOS = 100_000_000L;

    private final ServerLink link;
    private final Dialect<?> dialect;
    private final ClientOptions options;
    private final PrintStream out;
    private final PrintStream err;
    private final boolean live;
    private final LatencyStats stats = new LatencyStats();

    LatencyProbe(
            ServerLink link,
            Dialect<?> dialect,
            ClientOptions options,
            PrintStream out,
            PrintStream err,
            boolean live) {
        this.link = link;
        this.dialect = dialect;
        this.options = options;
        this.out = out;
        this.err = err;
        this.live = live;
    }

    int run() throws InterruptedException {
        if (dialect.greets()) {
            Reply greeting = link.next(options.timeoutMillis());
            if (greeting == null || greeting.closed()) {
                return fail(greeting == null ? "no greeting within " + seconds() : greeting.text());
            }
        }
        Thread finalLine = new Thread(this::finish, "switchboard-latency-summary");
        if (live) {
            // Ctrl+C ends a live run: leave the last line on screen and end it with a newline.
            Runtime.getRuntime().addShutdownHook(finalLine);
        }
        byte[] probe = dialect.probe().bytes();
        long lastDraw = 0;
        for (long i = 0; options.repeat() < 0 || i < options.repeat(); i++) {
            if (i > 0 && options.intervalMillis() > 0) {
                // The pause between samples the user asked for (-i), not a wait for the server.
                Thread.sleep(options.intervalMillis());
            }
            long start = System.nanoTime();
            try {
                link.send(probe);
            } catch (IOException e) {
                return fail(link.ended() ? "connection closed by server" : "connection lost: " + e.getMessage());
            }
            Reply reply = link.next(options.timeoutMillis());
            long micros = (System.nanoTime() - start) / 1000;
            if (reply == null || reply.closed()) {
                return fail(reply == null ? "no reply within " + seconds() : reply.text());
            }
            if (reply.error()) {
                return fail("the probe got an error reply: " + reply.text());
            }
            synchronized (stats) {
                stats.add(micros);
            }
            if (live && System.nanoTime() - lastDraw > REDRAW_NANOS) {
                lastDraw = System.nanoTime();
                draw();
            }
        }
        if (live) {
            Runtime.getRuntime().removeShutdownHook(finalLine);
        }
        finish();
        return ExitStatus.OK;
    }

    private void draw() {
        synchronized (stats) {
            out.print("\r\u001b[K" + stats.line());
        }
        out.flush();
    }

    private void finish() {
        synchronized (stats) {
            out.println((live ? "\r\u001b[K" : "") + stats.line());
        }
        out.flush();
    }

    private String seconds() {
        return options.timeoutMillis() / 1000.0 + " s";
    }

    private int fail(String why) {
        if (stats.samples() > 0) {
            finish();
        }
        err.println("switchboard: " + why);
        return ExitStatus.CONNECTION;
    }
}
