package dev.switchboard.app;

import dev.switchboard.reactor.tls.TlsConfigException;
import dev.switchboard.reactor.tls.TlsContext;
import java.nio.file.Path;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;

/**
 * The TLS certificate and key, read on a thread of their own at start-up: the JDK's security
 * providers take ~90 ms to set up the first time, which the main thread spends meanwhile on
 * logging and the descriptor limit instead of waiting (README: start-up). A one-shot thread
 * that ends before the first connection is served.
 */
final class TlsLoad {
    private final FutureTask<TlsContext> task;

    private TlsLoad(FutureTask<TlsContext> task) {
        this.task = task;
    }

    /** Starts reading the files {@code options} names, if any TLS listener is wanted. */
    static TlsLoad start(ServeOptions options) {
        FutureTask<TlsContext> task = new FutureTask<>(() -> read(options));
        if (options.tlsPorts().isEmpty()) {
            task.run();
        } else {
            StartupThread.start("tls-load", task);
        }
        return new TlsLoad(task);
    }

    /** The context (null without TLS listeners), once read; a bad file is one line, as before. */
    TlsContext get() throws StartupException {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return task.get();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        } catch (ExecutionException e) {
            if (e.getCause() instanceof StartupException s) {
                throw s;
            }
            throw new IllegalStateException("reading the TLS files failed", e.getCause());
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** The context {@code options} name, read now (null without TLS listeners); start-up and reload. */
    static TlsContext read(ServeOptions options) throws StartupException {
        if (options.tlsPorts().isEmpty()) {
            return null;
        }
        String port = "--" + options.tlsPorts().keySet().iterator().next() + "-tls-port";
        if (options.tlsCert() == null) {
            throw new StartupException(port + " needs --tls-cert FILE (a PEM certificate chain)");
        }
        if (options.tlsKey() == null) {
            throw new StartupException(port + " needs --tls-key FILE (a PEM PKCS#8 private key)");
        }
        try {
            return TlsContext.load(Path.of(options.tlsCert()), Path.of(options.tlsKey()));
        } catch (TlsConfigException e) {
            throw new StartupException(e.getMessage());
        }
    }
}
