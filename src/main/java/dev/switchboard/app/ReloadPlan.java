package dev.switchboard.app;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What a reload (SIGHUP) does with the options it read: which keys changed, which of those the
 * running daemon takes live, and which need a restart and are kept as they are. Pure: the
 * options in, the plan out; {@link Reload} reads the files and applies it.
 *
 * @param live    changed keys applied now
 * @param restart changed keys kept at their running value until a restart
 * @param applied the options in force after the reload: the running ones with the live changes
 */
record ReloadPlan(List<Change> live, List<Change> restart, ServeOptions applied) {

    /** One key whose effective value differs, as {@code --print-config} would print both. */
    record Change(String key, String from, String to) {
        @Override
        public String toString() {
            return key + " " + shown(from) + " -> " + shown(to);
        }
    }

    static ReloadPlan between(ServeOptions running, ServeOptions wanted) {
        List<Change> live = new ArrayList<>();
        List<Change> restart = new ArrayList<>();
        for (String key : ServeOptionsParser.knownKeys()) {
            if (key.equals("config")) {
                continue;
            }
            String from = ConfigPrinter.value(running, key);
            String to = ConfigPrinter.value(wanted, key);
            if (!Objects.equals(from, to)) {
                (isLive(key, running) ? live : restart).add(new Change(key, from, to));
            }
        }
        return new ReloadPlan(live, restart, applied(running, wanted));
    }

    /**
     * Limits, timeouts, the log level, the TLS files and the chat's limits change live; what
     * shapes the listeners (ports, addresses, PROXY, origins), where data lives and the
     * backplane need a restart. With {@code --chat-redis} the history length does too: the
     * Redis streams are trimmed to a length fixed when the backplane starts.
     */
    static boolean isLive(String key, ServeOptions running) {
        if (key.endsWith("-idle-timeout")) {
            return true;
        }
        return switch (key) {
            case "max-frame",
                    "max-connections",
                    "max-pending-output",
                    "frame-timeout",
                    "idle-timeout",
                    "drain-timeout",
                    "log-level",
                    "tls-cert",
                    "tls-key",
                    "chat-rate",
                    "chat-max-rooms" -> true;
            case "chat-history" -> running.chat().redisUrl() == null;
            default -> false;
        };
    }

    /** {@code running} with every live value taken from {@code wanted}. */
    private static ServeOptions applied(ServeOptions running, ServeOptions wanted) {
        return running.with(b -> {
            b.maxFrameBytes = wanted.maxFrameBytes();
            b.maxConnections = wanted.maxConnections();
            b.maxPendingOutputBytes = wanted.maxPendingOutputBytes();
            b.frameTimeoutMillis = wanted.frameTimeoutMillis();
            b.idleTimeoutMillis = wanted.idleTimeoutMillis();
            b.idleTimeoutMillisByProtocol.clear();
            b.idleTimeoutMillisByProtocol.putAll(wanted.idleTimeoutMillisByProtocol());
            b.drainTimeoutMillis = wanted.drainTimeoutMillis();
            b.logLevel = wanted.logLevel();
            b.tlsCert = wanted.tlsCert();
            b.tlsKey = wanted.tlsKey();
            int history = isLive("chat-history", running)
                    ? wanted.chat().historyLines()
                    : running.chat().historyLines();
            b.chat = running.chat()
                    .withHistoryLines(history)
                    .withLinesPerSecond(wanted.chat().linesPerSecond())
                    .withMaxRooms(wanted.chat().maxRooms());
        });
    }

    boolean changed(String key) {
        return live.stream().anyMatch(c -> c.key().equals(key));
    }

    private static String shown(String value) {
        return value == null ? "(unset)" : value.isEmpty() ? "(none)" : value;
    }
}
