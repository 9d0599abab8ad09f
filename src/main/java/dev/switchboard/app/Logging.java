package dev.switchboard.app;

import org.tinylog.configuration.Configuration;
import org.tinylog.provider.ProviderRegistry;

/**
 * tinylog set-up for the daemon: one console writer on stderr, fed by tinylog's writing
 * thread so that the loop never waits on the terminal. Its own shutdown hook is off: it
 * would race ours and could drop the last lines, so {@link #shutdown} is called last.
 */
final class Logging {
    private Logging() {}

    static void configure(String level) {
        Configuration.set("writer", "console");
        Configuration.set("writer.stream", "err");
        Configuration.set("writer.format", "{date:yyyy-MM-dd'T'HH:mm:ss.SSSXXX} {level|min-size=5} {message}");
        // Everything passes tinylog; LevelGate filters, so that a reload can change the level.
        Configuration.set("level", "trace");
        Configuration.set("provider", LevelGate.class.getName());
        Configuration.set("writingthread", "true");
        Configuration.set("autoshutdown", "false");
        LevelGate.preset(level);
        // tinylog makes its provider, writer and date format at the first line (~16 ms, much of
        // it the time zone database): on a thread of its own, while the main thread binds. A line
        // logged before that is done waits for it (the JVM's class initialisation lock).
        StartupThread.start("log-setup", ProviderRegistry::getLoggingProvider);
    }

    static void shutdown() {
        try {
            ProviderRegistry.getLoggingProvider().shutdown();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
