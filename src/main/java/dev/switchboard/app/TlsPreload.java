package dev.switchboard.app;

import dev.switchboard.reactor.tls.TlsContext;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;

/**
 * The TLS identity, loaded on a thread of its own while the rest of start-up (logging, the loop,
 * the services) runs on the main thread: reading the PEM files and making the first SSLContext
 * is about a third of the daemon's start-up, most of it the JDK's TLS classes initialising, and
 * it needs nothing the main thread makes. {@link Daemon#bind} waits for it before any listener
 * opens, so a bad file is still exit 2 with nothing bound.
 */
final class TlsPreload {
    private final FutureTask<TlsContext> task;

    private TlsPreload(FutureTask<TlsContext> task) {
        this.task = task;
    }

    /** Starts loading now, beside the caller; no thread when no listener wants TLS. */
    static TlsPreload start(ServeOptions options) {
        TlsPreload preload = new TlsPreload(new FutureTask<>(() -> Daemon.loadTls(options)));
        if (options.tlsPorts().isEmpty()) {
            preload.task.run();
        } else {
            Thread thread = new Thread(preload.task, "tls-load");
            thread.setDaemon(true);
            thread.start();
        }
        return preload;
    }

    /** Loads on the caller's thread (tests, and callers with nothing to do meanwhile). */
    static TlsPreload now(ServeOptions options) {
        TlsPreload preload = new TlsPreload(new FutureTask<>(() -> Daemon.loadTls(options)));
        preload.task.run();
        return preload;
    }

    /** The context (null without TLS listeners), once loaded; a bad file is its StartupException. */
    TlsContext get() throws StartupException {
        try {
            return task.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StartupException("interrupted while loading the TLS certificate and key");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof StartupException startup) {
                throw startup;
            }
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(cause);
        }
    }
}
