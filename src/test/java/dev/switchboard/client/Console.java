package dev.switchboard.client;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.jline.terminal.Terminal;
import org.jline.terminal.impl.ExternalTerminal;

/**
 * An interactive session on a JLine terminal over in-memory streams, run on its own thread:
 * the test types keys and waits (with a deadline) for what the screen shows.
 */
final class Console implements AutoCloseable {
    final LiveKeyboard keys = new LiveKeyboard();
    private final ByteArrayOutputStream screen = new ByteArrayOutputStream();
    private final Terminal terminal;
    private final CompletableFuture<Integer> status = new CompletableFuture<>();

    Console(String terminalType, Dialect<?> dialect, int port, Path history) throws Exception {
        this(terminalType, dialect, new Endpoint("127.0.0.1", port, dialect.protocol(), 5000, null), history);
    }

    Console(String terminalType, Dialect<?> dialect, Endpoint endpoint, Path history) throws Exception {
        terminal = new ExternalTerminal("test", terminalType, keys, screen, StandardCharsets.UTF_8);
        ServerLink first = endpoint.open(dialect);
        InteractiveSession session = new InteractiveSession(terminal, endpoint, dialect, 5000, history);
        session.reader();
        Thread thread = new Thread(
                () -> {
                    try {
                        status.complete(session.run(first));
                    } catch (Throwable t) {
                        status.completeExceptionally(t);
                    }
                },
                "interactive-session");
        thread.setDaemon(true);
        thread.start();
    }

    Console type(String typed) {
        keys.type(typed);
        return this;
    }

    String screen() {
        synchronized (screen) {
            return screen.toString(StandardCharsets.UTF_8);
        }
    }

    /** Waits until the screen shows {@code text} {@code times} times; fails after 10 s. */
    Console awaitShown(String text, int times) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (count(screen(), text) < times) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the screen never showed '" + text + "' " + times + " times:\n" + screen());
            }
            Thread.sleep(10);
        }
        return this;
    }

    Console awaitShown(String text) throws InterruptedException {
        return awaitShown(text, 1);
    }

    int exitStatus() throws Exception {
        return status.get(10, TimeUnit.SECONDS);
    }

    static int count(String haystack, String needle) {
        int n = 0;
        for (int i = haystack.indexOf(needle); i >= 0; i = haystack.indexOf(needle, i + needle.length())) {
            n++;
        }
        return n;
    }

    @Override
    public void close() throws java.io.IOException {
        terminal.close();
    }
}
