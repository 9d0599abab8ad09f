package dev.switchboard.app;

import java.io.File;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * {@code serve}'s command line on picocli. The spec is built in code, not from annotations, so
 * that each protocol of {@link Protocols#ALL} brings its own {@code --PROTO-port},
 * {@code --PROTO-tls-port} and {@code --PROTO-idle-timeout}. picocli only parses into strings;
 * {@link ServeOptionsParser} checks them into {@link ServeOptions}, so a value from a flag, the
 * environment or the config file meets the same checks and the same messages.
 */
final class ServeCommand {
    /** {@code options} is null when only the help page was asked for. */
    record Parsed(ServeOptions options, boolean help, boolean printConfig) {}

    /** One option taking a value: its key (the flag without dashes), value label and description. */
    record Key(String name, String label, String description, boolean file, List<String> candidates) {
        Key(String name, String label, String description) {
            this(name, label, description, false, List.of());
        }
    }

    /** picocli's words for {@code --print-config=yes}; it names no option spec then. */
    private static final Pattern SWITCH_WITH_VALUE =
            Pattern.compile("option '(--[a-z0-9-]+)' should be specified without");

    private ServeCommand() {}

    /** Every option that takes a value, in the order of the help page. */
    static List<Key> keys() {
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
        return keys;
    }

    /** A fresh spec: picocli keeps parsed values in it. */
    static CommandSpec spec() {
        CommandSpec spec = CommandSpec.create().name("serve");
        for (Key key : keys()) {
            OptionSpec.Builder option = OptionSpec.builder("--" + key.name())
                    .arity("1")
                    .paramLabel(key.label())
                    .description(key.description())
                    .type(key.file() ? File.class : String.class);
            if (!key.candidates().isEmpty()) {
                option.completionCandidates(key.candidates());
            }
            spec.addOption(option.build());
        }
        spec.addOption(OptionSpec.builder("--print-config")
                .arity("0")
                .type(boolean.class)
                .description("print the effective configuration and exit")
                .build());
        spec.addOption(OptionSpec.builder("--help")
                .usageHelp(true)
                .description("this page")
                .build());
        spec.usageMessage()
                .sortOptions(false)
                .width(100)
                .longOptionsMaxWidth(36)
                .synopsisHeading("")
                .customSynopsis("Usage: java -jar target/switchboard.jar serve [options]")
                .descriptionHeading("%n")
                .description(Usage.SERVE_HEADER.split("\n"))
                .optionListHeading("%n")
                .footerHeading("%n")
                .footer(Usage.SERVE_FOOTER.split("\n"));
        return spec;
    }

    /** Flags as picocli reads them here: no {@code @file} expansion, and the last of a repeat wins. */
    static CommandLine commandLine(CommandSpec spec) {
        return new CommandLine(spec).setExpandAtFiles(false).setOverwrittenOptionsAllowed(true);
    }

    static String usage() {
        return commandLine(spec()).getUsageMessage(CommandLine.Help.Ansi.OFF);
    }

    /**
     * Parses twice: once to find {@code --help} and {@code --config}, then with the environment
     * and that config file as picocli's default provider, which fills each option no flag set.
     */
    static Parsed parse(Map<String, String> environment, String... args) throws UsageException {
        CommandSpec spec = spec();
        CommandLine line = commandLine(spec);
        try {
            line.parseArgs(args);
            if (line.isUsageHelpRequested()) {
                return new Parsed(null, true, false);
            }
            Object config = spec.findOption("config").getValue();
            line.setDefaultValueProvider(ServeLayers.read(
                    environment, config == null ? null : config.toString(), ServeOptionsParser.knownKeys()));
            line.parseArgs(args);
        } catch (ParameterException e) {
            throw new UsageException(message(e));
        }
        Map<String, String> values = new LinkedHashMap<>();
        for (String key : ServeOptionsParser.knownKeys()) {
            Object value = spec.findOption(key).getValue();
            if (value != null) {
                values.put(key, value.toString());
            }
        }
        boolean printConfig =
                Boolean.TRUE.equals(spec.findOption("print-config").getValue());
        return new Parsed(ServeOptionsParser.build(values), false, printConfig);
    }

    /** picocli's exception as the one line the daemon has always printed. */
    private static String message(ParameterException e) {
        if (e instanceof UnmatchedArgumentException unmatched
                && !unmatched.getUnmatched().isEmpty()) {
            String arg = unmatched.getUnmatched().get(0);
            if (arg.startsWith("-") && arg.length() > 1 && !arg.equals("--")) {
                int eq = arg.indexOf('=');
                return "unknown option " + (eq > 0 ? arg.substring(0, eq) : arg) + " (see serve --help)";
            }
            return "unexpected argument '" + arg + "' (options start with --; see serve --help)";
        }
        if (e instanceof CommandLine.MissingParameterException missing
                && !missing.getMissing().isEmpty()
                && missing.getMissing().get(0) instanceof OptionSpec option) {
            return "option " + option.longestName() + " needs a value";
        }
        Matcher switchWithValue = SWITCH_WITH_VALUE.matcher(e.getMessage());
        if (switchWithValue.lookingAt()) {
            return "option " + switchWithValue.group(1) + " takes no value";
        }
        // Any other picocli complaint: its own words, on one line.
        return e.getMessage().replaceAll("\\s+", " ").strip();
    }
}
