package dev.switchboard.app;

import dev.switchboard.protocol.chat.ChatSettings;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * {@code serve}'s options, checked: {@link ServeArgs} (or, for anything but the usual shape,
 * picocli in {@link ServeCommand}) reads the command line, the {@code SWITCHBOARD_*} environment
 * and the {@code --config} file into strings; {@link #build} turns them into {@link ServeOptions} with one clear line per mistake.
 * Precedence: defaults < config file < environment < flags.
 */
public final class ServeOptionsParser {
    static final List<String> LOG_LEVELS = List.of("trace", "debug", "info", "warn", "error");
    /** Room for the largest header (128 bytes) above the frame limit, inside an int. */
    private static final long MAX_FRAME_LIMIT = Integer.MAX_VALUE - 1024;

    private ServeOptionsParser() {}

    /** Every key, as the help text and the bash completion list them. */
    public static Set<String> knownKeys() {
        return ServeArgs.names();
    }

    /** With this process's environment ({@code SWITCHBOARD_*} variables). */
    public static ServeOptions parse(String... args) throws UsageException {
        return parse(System.getenv(), args);
    }

    /**
     * Defaults, then the {@code --config} file, then {@code SWITCHBOARD_*} variables of
     * {@code environment} ({@code SWITCHBOARD_CHAT_PORT} is {@code --chat-port}), then flags;
     * null for {@code --help}.
     */
    public static ServeOptions parse(Map<String, String> environment, String... args) throws UsageException {
        return ServeArgs.parse(environment, args).options();
    }

    /** {@code v}: key to value, for the keys that were given. */
    static ServeOptions build(Map<String, String> v) throws UsageException {
        ServeOptions d = ServeOptions.defaults();
        ServeOptions.Builder b = new ServeOptions.Builder(d);
        b.ports.clear();
        for (String protocol : Protocols.names()) {
            Integer port = port(v, protocol + "-port", d.ports().get(protocol));
            if (port != null) {
                b.ports.put(protocol, port);
            }
            Integer tls = port(v, protocol + "-tls-port", null);
            if (tls != null) {
                b.tlsPorts.put(protocol, tls);
            }
            if (v.containsKey(protocol + "-idle-timeout")) {
                b.idleTimeoutMillisByProtocol.put(protocol, millisOr(v, protocol + "-idle-timeout", 0));
            }
        }
        if (b.ports.isEmpty() && b.tlsPorts.isEmpty()) {
            throw new UsageException("every listener is off; nothing to serve");
        }
        b.bindAddress = address(v, "bind", d.bindAddress());
        b.adminBind = address(v, "admin-bind", d.adminBind());
        Integer admin = port(v, "admin-port", null);
        b.adminPort = admin == null ? -1 : admin;
        b.logLevel = v.getOrDefault("log-level", d.logLevel()).toLowerCase(Locale.ROOT);
        if (!LOG_LEVELS.contains(b.logLevel)) {
            throw new UsageException("option --log-level must be one of " + String.join(", ", LOG_LEVELS));
        }
        b.maxFrameBytes = (int) integerOr(v, "max-frame", d.maxFrameBytes(), 1, MAX_FRAME_LIMIT);
        b.maxConnections = (int) integerOr(v, "max-connections", d.maxConnections(), 1, Integer.MAX_VALUE);
        b.maxPendingOutputBytes =
                (int) integerOr(v, "max-pending-output", d.maxPendingOutputBytes(), 1, Integer.MAX_VALUE);
        b.frameTimeoutMillis = millisOr(v, "frame-timeout", d.frameTimeoutMillis());
        b.idleTimeoutMillis = millisOr(v, "idle-timeout", d.idleTimeoutMillis());
        b.drainTimeoutMillis = millisOr(v, "drain-timeout", d.drainTimeoutMillis());
        b.statsIntervalMillis = millisOr(v, "stats-interval", d.statsIntervalMillis());
        b.tlsCert = v.get("tls-cert");
        b.tlsKey = v.get("tls-key");
        proxy(v, b);
        b.webOrigins = list(v, "web-origin", d.webOrigins());
        b.chat = chat(v, d.chat());
        return b.build();
    }

    private static void proxy(Map<String, String> v, ServeOptions.Builder b) throws UsageException {
        List<String> named = list(v, "proxy-protocol", List.of());
        if (named.size() == 1 && named.get(0).equalsIgnoreCase("all")) {
            named = Protocols.names();
        }
        for (String protocol : named) {
            if (!Protocols.names().contains(protocol)) {
                throw new UsageException("option --proxy-protocol: unknown protocol '" + protocol + "' (one of "
                        + String.join(", ", Protocols.names()) + ", or all)");
            }
            b.proxyProtocols.add(protocol);
        }
        b.proxyTrusted = list(v, "proxy-trusted", b.proxyTrusted);
    }

    private static ChatSettings chat(Map<String, String> v, ChatSettings d) throws UsageException {
        String redis = v.get("chat-redis");
        if (redis != null && (redis.isBlank() || redis.equalsIgnoreCase("off"))) {
            redis = null;
        }
        if (redis != null && !redis.matches("redis://[^/:\\s]+(:\\d{1,5})?(/\\d+)?/?")) {
            throw new UsageException("option --chat-redis takes redis://HOST:PORT[/DB], not '" + redis + "'");
        }
        String dir = v.get("data-dir");
        return new ChatSettings(
                (int) integerOr(v, "chat-history", d.historyLines(), 0, 100_000),
                (int) integerOr(v, "chat-rate", d.linesPerSecond(), 0, 1_000_000),
                (int) integerOr(v, "chat-max-rooms", d.maxRooms(), 1, 1_000_000),
                dir == null ? d.dataDir() : Path.of(expandHome(dir)),
                redis);
    }

    /** Java does not expand "~", but users (and the SPEC's default) write it. */
    private static String expandHome(String path) {
        if (path.equals("~") || path.startsWith("~/")) {
            return System.getProperty("user.home") + path.substring(1);
        }
        return path;
    }

    private static List<String> list(Map<String, String> v, String key, List<String> fallback) {
        if (!v.containsKey(key)) {
            return fallback;
        }
        List<String> out = new ArrayList<>();
        for (String item : v.get(key).split(",")) {
            if (!item.isBlank()) {
                out.add(item.strip());
            }
        }
        return out;
    }

    private static String address(Map<String, String> v, String key, String fallback) throws UsageException {
        String value = v.getOrDefault(key, fallback);
        if (value.isBlank()) {
            throw new UsageException("option --" + key + " needs an address");
        }
        return value.strip();
    }

    /** A port, 0 for any free port, or null for "off" (and when absent, {@code fallback}). */
    private static Integer port(Map<String, String> v, String key, Integer fallback) throws UsageException {
        if (!v.containsKey(key)) {
            return fallback;
        }
        String text = v.get(key).strip();
        return text.equalsIgnoreCase("off") ? null : (int) integer(key, text, 0, 65535);
    }

    private static long integerOr(Map<String, String> v, String key, long fallback, long min, long max)
            throws UsageException {
        return v.containsKey(key) ? integer(key, v.get(key), min, max) : fallback;
    }

    private static long integer(String key, String text, long min, long max) throws UsageException {
        long value;
        try {
            value = Long.parseLong(text.strip());
        } catch (NumberFormatException e) {
            throw new UsageException("option --" + key + " takes a whole number, not '" + text + "'");
        }
        if (value < min || value > max) {
            throw new UsageException("option --" + key + " must be from " + min + " to " + max + ", not " + value);
        }
        return value;
    }

    /** Seconds, decimals allowed (0.5), as milliseconds; 0 means never. */
    private static long millisOr(Map<String, String> v, String key, long fallback) throws UsageException {
        if (!v.containsKey(key)) {
            return fallback;
        }
        String text = v.get(key).strip();
        try {
            BigDecimal seconds = new BigDecimal(text);
            if (seconds.signum() < 0 || seconds.compareTo(BigDecimal.valueOf(31_536_000)) > 0) {
                throw new UsageException("option --" + key + " must be from 0 to 31536000 seconds, not " + text);
            }
            return seconds.movePointRight(3).setScale(0, RoundingMode.CEILING).longValueExact();
        } catch (NumberFormatException | ArithmeticException e) {
            throw new UsageException("option --" + key + " takes seconds, not '" + text + "'");
        }
    }
}
