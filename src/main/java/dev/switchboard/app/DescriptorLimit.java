package dev.switchboard.app;

import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;
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

    private DescriptorLimit() {
    }

    /** This process's limit (the JVM raises the soft limit to the hard one), or -1 if unknown. */
    static long current() {
        OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        if (os instanceof com.sun.management.UnixOperatingSystemMXBean unix) {
            return unix.getMaxFileDescriptorCount();
        }
        return -1;
    }

    /** The options to serve with, and the line start-up logs about the limit once it is bound. */
    record Fit(ServeOptions options, boolean lowered, String message) {
        /** Logged after the listeners are bound: a failed start-up stays one stderr line. */
        void log() {
            if (lowered) {
                Logger.warn(message);
            } else {
                Logger.info(message);
            }
        }
    }

    /** {@code options} with {@code --max-connections} lowered to what {@code limit} leaves room for. */
    static Fit fit(ServeOptions options, long limit) {
        if (limit <= 0) {
            return new Fit(options, false, "descriptor limit unknown; --max-connections "
                    + options.maxConnections() + " as given");
        }
        long room = Math.max(1, limit - RESERVED);
        if (options.maxConnections() <= room) {
            return new Fit(options, false, "descriptor limit " + limit + ": room for --max-connections "
                    + options.maxConnections());
        }
        int lowered = (int) Math.min(Integer.MAX_VALUE, room);
        return new Fit(options.withMaxConnections(lowered), true, "descriptor limit " + limit
                + " leaves room for " + lowered + " connections, not --max-connections " + options.maxConnections()
                + ": lowered to " + lowered + " (raise the limit with ulimit -n or the unit's LimitNOFILE=)");
    }
}
