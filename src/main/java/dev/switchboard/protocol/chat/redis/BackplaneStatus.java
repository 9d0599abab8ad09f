package dev.switchboard.protocol.chat.redis;

import java.util.concurrent.atomic.AtomicLong;
import org.tinylog.Logger;

/**
 * Whether this node reaches Redis (both its command connection and its subscription), what it
 * says about it, and the backplane's counters. One WARN when Redis goes away (or cannot be
 * reached at start-up), one INFO when it is back; nothing per failed retry above DEBUG.
 * Read from any thread; the counters bumped off the loop are atomic.
 */
final class BackplaneStatus {
    private final String where;
    private final String nodeId;
    private volatile boolean commands;
    private volatile boolean subscription;
    private boolean everUp;
    private boolean warned;
    /** Told when one link fails, so the other reconnects too: one outage, then one fresh start for both. */
    private Runnable restartCommands = () -> {};

    private Runnable restartSubscription = () -> {};
    final AtomicLong published = new AtomicLong();
    final AtomicLong dropped = new AtomicLong();
    final AtomicLong reconnects = new AtomicLong();
    final AtomicLong received = new AtomicLong();
    final AtomicLong gaps = new AtomicLong();

    BackplaneStatus(String where, String nodeId) {
        this.where = where;
        this.nodeId = nodeId;
    }

    void restarts(Runnable commands, Runnable subscription) {
        this.restartCommands = commands;
        this.restartSubscription = subscription;
    }

    boolean up() {
        return commands && subscription;
    }

    void commands(boolean up, Exception why) {
        change(true, up, why);
    }

    void subscription(boolean up, Exception why) {
        change(false, up, why);
    }

    private synchronized void change(boolean commandLink, boolean up, Exception why) {
        boolean wasUp = up();
        if (commandLink) {
            commands = up;
        } else {
            subscription = up;
        }
        if (!up && wasUp) {
            // The other link has most likely lost Redis too and does not know yet: it starts again now.
            if (commandLink) {
                subscription = false;
                restartSubscription.run();
            } else {
                commands = false;
                restartCommands.run();
            }
        }
        boolean nowUp = up();
        if (!wasUp && nowUp) {
            if (everUp) {
                reconnects.incrementAndGet();
                Logger.info("chat backplane: Redis at {} is back; node {} is in the cluster chat again", where, nodeId);
            } else {
                Logger.info("chat backplane: connected to Redis at {} as node {}", where, nodeId);
            }
            everUp = true;
            warned = false;
        } else if (!up && !warned) {
            warned = true;
            Logger.warn(
                    "chat backplane: {} Redis at {} ({}: {}); this node's chat goes on alone,"
                            + " reconnecting with back-off",
                    everUp ? "lost" : "cannot reach",
                    where,
                    link(commandLink),
                    why == null ? "closed" : describe(why));
        } else if (!up) {
            Logger.debug(
                    "chat backplane: Redis at {} still away ({}: {})",
                    where,
                    link(commandLink),
                    why == null ? "closed" : describe(why));
        }
    }

    private static String link(boolean commandLink) {
        return commandLink ? "commands" : "subscription";
    }

    static String describe(Exception e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage();
        return root.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }
}
