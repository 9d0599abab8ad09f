package dev.switchboard.app;

import java.io.File;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code serve}'s options, and the start of every {@code serve}: a command line of the usual
 * shape ({@code --key value}, {@code --key=value}, {@code --print-config}, {@code --help}) is
 * read here, and anything else (a mistake, a value that starts with {@code -}) goes to
 * picocli ({@link ServeCommand}), which gives the error messages.
 *
 * <p>Why not picocli every time: building its model and parser costs about 60 ms of a JVM's
 * first moments (its classes, its converters' reflection), a third of the daemon's start-up,
 * and a service manager starts the daemon with a well-formed command line. This class loads
 * no picocli class. On what it reads it gives what picocli gives (ServeArgsTest compares the
 * two over generated command lines), so the command line has one meaning either way.
 */
final class ServeArgs {
    /** One option taking a value: its key (the flag without dashes), value label and description. */
    record Key(String name, String label, String description, boolean file, List<String> candidates) {
        Key(String name, String label, String description) {
            this(name, label, description, false, List.of());
        }
    }

    private static final List<Key> KEYS = build();
    private static final Map<String, Key> BY_NAME = byName();

    private ServeArgs() {}

    /** Defaults, then the config file, the {@code SWITCHBOARD_*} environment, then the flags. */
    static ServeCommand.Parsed parse(Map<String, String> environment, String... args) throws UsageException {
        ServeCommand.Parsed direct = direct(environment, args);
        return direct != null ? direct : ServeCommand.parse(environment, args);
    }

    /** The command line read without picocli, or null when it is not of the usual shape. */
    static ServeCommand.Parsed direct(Map<String, String> environment, String... args) throws UsageException {
        Map<String, String> flags = new LinkedHashMap<>();
        boolean printConfig = false;
        boolean help = false;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("--print-config")) {
                printConfig = true;
                continue;
            }
            if (arg.equals("--help")) {
                help = true;
                continue;
            }
            if (!arg.startsWith("--")) {
                return null;
            }
            int eq = arg.indexOf('=');
            String name = eq < 0 ? arg.substring(2) : arg.substring(2, eq);
            Key key = BY_NAME.get(name);
            String value = eq < 0 ? (i + 1 < args.length ? args[++i] : null) : arg.substring(eq + 1);
            // picocli decides what an empty value or one like an option means.
            if (key == null || !plain(value)) {
                return null;
            }
            flags.put(name, converted(key, value));
        }
        if (help) {
            // As picocli: the page, whatever the values and the layers say.
            return new ServeCommand.Parsed(null, true, false);
        }
        String config = flags.get("config");
        ServeLayers layers = ServeLayers.read(environment, config, names());
        Map<String, String> values = new LinkedHashMap<>();
        for (Key key : KEYS) {
            String value = flags.get(key.name());
            if (value == null) {
                value = layers.value(key.name());
                // picocli expands ${...} in its default provider's values, and reads them as
                // it reads flags: it decides those.
                if (value != null && (!plain(value) || value.contains("${"))) {
                    return null;
                }
            }
            if (value != null) {
                values.put(key.name(), converted(key, value));
            }
        }
        return new ServeCommand.Parsed(ServeOptionsParser.build(values), false, printConfig);
    }

    /** A value picocli takes as it is: not empty, and nothing like an option. */
    private static boolean plain(String value) {
        return value != null && !value.isEmpty() && !value.startsWith("-");
    }

    /** As picocli converts a value for its option's type: a file's name as {@link File} spells it. */
    private static String converted(Key key, String value) {
        return key.file() ? new File(value).toString() : value;
    }

    /** Every option that takes a value, in the order of the help page. */
    static List<Key> keys() {
        return KEYS;
    }

    /** Their names, in the same order. */
    static Set<String> names() {
        return Collections.unmodifiableSet(BY_NAME.keySet());
    }

    private static List<Key> build() {
        List<Key> keys = new ArrayList<>();
        keys.add(new Key("bind", "ADDR", "listen address (127.0.0.1); 0.0.0.0, ::, ::1 work"));
        List<String> portWords = List.of("off", "0");
        for (Protocols.Listener p : Protocols.ALL) {
            keys.add(new Key(
                    p.name() + "-port",
                    "N|off",
                    "the " + p.name() + " listener (" + p.defaultPort() + ")",
                    false,
                    portWords));
        }
        for (Protocols.Listener p : Protocols.ALL) {
            keys.add(new Key(
                    p.name() + "-tls-port",
                    "N|off",
                    "a TLS listener for " + p.name() + " beside the plaintext one (off)",
                    false,
                    portWords));
        }
        keys.add(new Key("tls-cert", "FILE", "PEM certificate chain for the TLS listeners", true, List.of()));
        keys.add(new Key("tls-key", "FILE", "PEM PKCS#8 private key (RSA or EC)", true, List.of()));
        keys.add(new Key("admin-port", "N|off", "HTTP /metrics and /health (off)", false, portWords));
        keys.add(new Key("admin-bind", "ADDR", "the admin endpoint's address (127.0.0.1)"));
        List<String> proxyWords = new ArrayList<>(Protocols.names());
        proxyWords.add("all");
        keys.add(new Key(
                "proxy-protocol",
                "LIST|all",
                "listeners that want a PROXY v1/v2 header first (none)",
                false,
                proxyWords));
        keys.add(new Key("proxy-trusted", "CIDRS", "where a PROXY header is accepted from (127.0.0.0/8,::1/128)"));
        keys.add(new Key("max-frame", "BYTES", "largest frame payload or line (1048576)"));
        keys.add(new Key("max-connections", "N", "open connections, all listeners together (10000)"));
        keys.add(new Key(
                "max-pending-output",
                "BYTES",
                "unread replies per client before it is paused (chat: disconnected) (1048576)"));
        keys.add(new Key(
                "frame-timeout", "SECONDS", "deadline for a partial frame, line or TLS handshake; 0 = never (30)"));
        keys.add(new Key("idle-timeout", "SECONDS", "no traffic at all; 0 = never (300)"));
        for (Protocols.Listener p : Protocols.ALL) {
            keys.add(new Key(
                    p.name() + "-idle-timeout",
                    "SECONDS",
                    "the idle timeout of " + p.name()
                            + (p.idleFallsBack() ? " (--idle-timeout)" : " (0; never --idle-timeout)")));
        }
        keys.add(new Key("drain-timeout", "SECONDS", "how long SIGTERM waits for replies to flush (5)"));
        keys.add(new Key("web-origin", "ORIGINS", "browser origins allowed besides the page's own"));
        keys.add(new Key("chat-history", "N", "lines a room replays to newcomers; 0 = off (50)"));
        keys.add(new Key("chat-rate", "N", "lines per second per chat client; 0 = off (0)"));
        keys.add(new Key("chat-max-rooms", "N", "rooms at once, #lobby included (1000)"));
        keys.add(new Key("data-dir", "DIR", "registered chat names (~/.switchboard/data)", true, List.of()));
        keys.add(new Key("chat-redis", "URL", "redis://HOST:PORT[/DB]: one chat across nodes (off)"));
        keys.add(new Key(
                "stats-interval",
                "SECONDS",
                "log messages handled and bytes allocated per message on the loop thread this often; "
                        + "0 = never (0)"));
        keys.add(new Key(
                "log-level", "LEVEL", "trace, debug, info, warn, error (info)", false, ServeOptionsParser.LOG_LEVELS));
        keys.add(new Key("config", "FILE", "a properties file with the same keys", true, List.of()));
        return List.copyOf(keys);
    }

    private static Map<String, Key> byName() {
        Map<String, Key> byName = new LinkedHashMap<>();
        for (Key key : KEYS) {
            byName.put(key.name(), key);
        }
        return byName;
    }
}
