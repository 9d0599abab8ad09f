package dev.switchboard.app;

import java.io.IOException;
import java.io.Reader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

/**
 * {@code serve}'s options: {@code --key value} or {@code --key=value} on the command line, and
 * the same keys (without the dashes) in a {@code --config} properties file; flags win.
 */
public final class ServeOptionsParser {
    static final List<String> LOG_LEVELS = List.of("trace", "debug", "info", "warn", "error");
    private static final Set<String> KEYS = Set.of("bind", "command-port", "frame5-port",
            "header128-port", "chat-port", "echo-port", "max-frame", "max-connections",
            "max-pending-output", "frame-timeout", "idle-timeout", "drain-timeout", "stats-interval", "log-level",
            "config");
    /** Room for the largest header (128 bytes) above the frame limit, inside an int. */
    private static final long MAX_FRAME_LIMIT = Integer.MAX_VALUE - 1024;

    private ServeOptionsParser() {
    }

    public static ServeOptions parse(String... args) throws UsageException {
        Map<String, String> flags = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (!arg.startsWith("--") || arg.length() == 2) {
                throw new UsageException("unexpected argument '" + arg + "' (options start with --; see --help)");
            }
            String key = arg.substring(2);
            String value;
            int eq = key.indexOf('=');
            if (eq >= 0) {
                value = key.substring(eq + 1);
                key = key.substring(0, eq);
            } else {
                if (i + 1 >= args.length) {
                    throw new UsageException("option --" + key + " needs a value");
                }
                value = args[++i];
            }
            if (!KEYS.contains(key)) {
                throw new UsageException("unknown option --" + key + " (see --help)");
            }
            flags.put(key, value);
        }
        Map<String, String> merged = new LinkedHashMap<>();
        if (flags.containsKey("config")) {
            merged.putAll(readConfig(Path.of(flags.get("config"))));
        }
        merged.putAll(flags);
        return build(merged);
    }

    private static Map<String, String> readConfig(Path file) throws UsageException {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (IOException e) {
            throw new UsageException("cannot read config file " + file + ": " + e.getMessage());
        } catch (IllegalArgumentException e) {
            throw new UsageException("config file " + file + " is not a properties file: " + e.getMessage());
        }
        Map<String, String> values = new LinkedHashMap<>();
        for (String key : properties.stringPropertyNames()) {
            if (!KEYS.contains(key) || key.equals("config")) {
                throw new UsageException("unknown key '" + key + "' in config file " + file);
            }
            values.put(key, properties.getProperty(key).strip());
        }
        return values;
    }

    private static ServeOptions build(Map<String, String> v) throws UsageException {
        ServeOptions d = ServeOptions.defaults();
        Map<String, Integer> ports = new LinkedHashMap<>();
        for (String protocol : ServeOptions.PROTOCOLS) {
            String key = protocol + "-port";
            if (!v.containsKey(key)) {
                ports.put(protocol, d.ports().get(protocol));
            } else if (!v.get(key).equalsIgnoreCase("off")) {
                ports.put(protocol, (int) integer(key, v.get(key), 0, 65535));
            }
        }
        if (ports.isEmpty()) {
            throw new UsageException("every listener is off; nothing to serve");
        }
        String bind = v.getOrDefault("bind", d.bindAddress());
        if (bind.isBlank()) {
            throw new UsageException("option --bind needs an address");
        }
        String level = v.getOrDefault("log-level", d.logLevel()).toLowerCase(Locale.ROOT);
        if (!LOG_LEVELS.contains(level)) {
            throw new UsageException("option --log-level must be one of " + String.join(", ", LOG_LEVELS));
        }
        return new ServeOptions(
                bind,
                ports,
                (int) integerOr(v, "max-frame", d.maxFrameBytes(), 1, MAX_FRAME_LIMIT),
                (int) integerOr(v, "max-connections", d.maxConnections(), 1, Integer.MAX_VALUE),
                (int) integerOr(v, "max-pending-output", d.maxPendingOutputBytes(), 1, Integer.MAX_VALUE),
                millisOr(v, "frame-timeout", d.frameTimeoutMillis()),
                millisOr(v, "idle-timeout", d.idleTimeoutMillis()),
                millisOr(v, "drain-timeout", d.drainTimeoutMillis()),
                millisOr(v, "stats-interval", d.statsIntervalMillis()),
                level);
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
            return seconds.movePointRight(3).setScale(0, java.math.RoundingMode.CEILING).longValueExact();
        } catch (NumberFormatException | ArithmeticException e) {
            throw new UsageException("option --" + key + " takes seconds, not '" + text + "'");
        }
    }
}
