package dev.switchboard.app;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.tinylog.Logger;

/**
 * Start-up's look at the file descriptor limit, as Redis does for maxclients: each client is
 * one descriptor, so {@code --max-connections} above the limit would end in failed accepts
 * instead of clean refusals. It is lowered to fit, with a WARN saying how to raise the limit.
 */
final class DescriptorLimit {
    /**
     * Descriptors kept back for what is not a counted client: listeners, the selector, the
     * JVM's jars and random source, admin connections. Redis keeps 32; a JVM holds more.
     */
    static final int RESERVED = 64;

    private DescriptorLimit() {}

    /** This process's limit (the JVM raises the soft limit to the hard one), or -1 if unknown. */
    static long current() {
        // Linux says it in a file; the MXBean would set up the JVM's container metrics, ~8 ms of every start.
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/limits"), StandardCharsets.US_ASCII)) {
                if (line.startsWith("Max open files")) {
                    return soft(line);
                }
            }
        } catch (IOException | RuntimeException e) {
            // Not Linux, or no /proc: ask the JVM.
        }
        OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        if (os instanceof com.sun.management.UnixOperatingSystemMXBean unix) {
            return unix.getMaxFileDescriptorCount();
        }
        return -1;
    }

    /** The soft limit of a {@code /proc/PID/limits} line; -1 for "unlimited". */
    static long soft(String line) {
        String[] words = line.substring("Max open files".length()).trim().split("\\s+");
        return words[0].equals("unlimited") ? -1 : Long.parseLong(words[0]);
    }

    /** The INFO line of a limit that leaves room for every connection (after start-up succeeded). */
    static void logFit(ServeOptions options, long limit) {
        if (limit <= 0) {
            Logger.info("descriptor limit unknown; --max-connections {} as given", options.maxConnections());
        } else if (options.maxConnections() <= Math.max(1, limit - RESERVED)) {
            Logger.info("descriptor limit {}: room for --max-connections {}", limit, options.maxConnections());
        }
    }

    /** {@code options} with {@code --max-connections} lowered to what {@code limit} leaves room for. */
    static ServeOptions fit(ServeOptions options, long limit) {
        long room = Math.max(1, limit - RESERVED);
        if (limit <= 0 || options.maxConnections() <= room) {
            // Said by logFit once the listeners are bound: a failed start-up stays one line.
            return options;
        }
        int lowered = (int) Math.min(Integer.MAX_VALUE, room);
        Logger.warn(
                "descriptor limit {} leaves room for {} connections, not --max-connections {}: lowered to {}"
                        + " (raise the limit with ulimit -n or the unit's LimitNOFILE=)",
                limit,
                lowered,
                options.maxConnections(),
                lowered);
        return options.withMaxConnections(lowered);
    }
}
