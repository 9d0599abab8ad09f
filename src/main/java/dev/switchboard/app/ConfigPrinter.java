package dev.switchboard.app;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code serve --print-config}: the effective configuration (defaults, then the config file,
 * then {@code SWITCHBOARD_*}, then flags) as a properties file that {@code --config} reads
 * back to the same options. Unset paths are shown commented out, since an empty value is not
 * "unset" to the parser.
 */
final class ConfigPrinter {
    private ConfigPrinter() {}

    static String print(ServeOptions o) {
        StringBuilder out = new StringBuilder();
        out.append("# switchboard ")
                .append(Main.version())
                .append(": effective configuration (defaults < --config file < SWITCHBOARD_* < flags)\n");
        for (String key : ServeOptionsParser.knownKeys()) {
            if (key.equals("config")) {
                continue;
            }
            String value;
            try {
                value = value(o, key);
            } catch (IllegalStateException e) {
                // An option added without teaching this class: say so rather than fail.
                out.append("# ").append(key).append(": not shown by --print-config\n");
                continue;
            }
            if (value == null) {
                out.append("#").append(key).append("=\n");
            } else {
                out.append(key).append('=').append(escape(value)).append('\n');
            }
        }
        return out.toString();
    }

    /** The key's effective value as the parser reads it, or null when unset. */
    static String value(ServeOptions o, String key) {
        for (String p : Protocols.names()) {
            if (key.equals(p + "-port")) {
                return port(o.ports().get(p));
            }
            if (key.equals(p + "-tls-port")) {
                return port(o.tlsPorts().get(p));
            }
            if (key.equals(p + "-idle-timeout")) {
                return seconds(o.idleTimeoutMillis(p));
            }
        }
        return switch (key) {
            case "bind" -> o.bindAddress();
            case "max-frame" -> Integer.toString(o.maxFrameBytes());
            case "max-connections" -> Integer.toString(o.maxConnections());
            case "max-pending-output" -> Integer.toString(o.maxPendingOutputBytes());
            case "frame-timeout" -> seconds(o.frameTimeoutMillis());
            case "idle-timeout" -> seconds(o.idleTimeoutMillis());
            case "drain-timeout" -> seconds(o.drainTimeoutMillis());
            case "stats-interval" -> seconds(o.statsIntervalMillis());
            case "log-level" -> o.logLevel();
            case "tls-cert" -> o.tlsCert();
            case "tls-key" -> o.tlsKey();
            case "admin-port" -> port(o.adminPort() < 0 ? null : o.adminPort());
            case "admin-bind" -> o.adminBind();
            case "proxy-protocol" -> String.join(",", o.proxyProtocols());
            case "proxy-trusted" -> String.join(",", o.proxyTrusted());
            case "web-origin" -> String.join(",", o.webOrigins());
            case "chat-history" -> Integer.toString(o.chat().historyLines());
            case "chat-rate" -> Integer.toString(o.chat().linesPerSecond());
            case "chat-max-rooms" -> Integer.toString(o.chat().maxRooms());
            case "data-dir" -> o.chat().dataDir().toString();
            case "chat-redis" -> o.chat().redisUrl() == null ? "off" : o.chat().redisUrl();
            default -> throw new IllegalStateException("--print-config does not know option --" + key);
        };
    }

    /** Keys the printer cannot show (a new option nobody taught it): the test lists them. */
    static List<String> unknownKeys() {
        List<String> unknown = new ArrayList<>();
        for (String key : ServeOptionsParser.knownKeys()) {
            try {
                if (!key.equals("config")) {
                    value(ServeOptions.defaults(), key);
                }
            } catch (IllegalStateException e) {
                unknown.add(key);
            }
        }
        return unknown;
    }

    private static String port(Integer port) {
        return port == null ? "off" : Integer.toString(port);
    }

    private static String seconds(long millis) {
        return BigDecimal.valueOf(millis, 3).stripTrailingZeros().toPlainString();
    }

    /** What java.util.Properties would misread: a backslash, and leading spaces it strips. */
    private static String escape(String value) {
        String v = value.replace("\\", "\\\\");
        return v.startsWith(" ") ? "\\" + v : v;
    }
}
