package dev.switchboard.app;

import java.io.File;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * {@code serve}'s command line on picocli: the help page, the completion script, and every
 * command line {@link ServeArgs} leaves to it (help, mistakes, unusual values). The spec is built
 * in code from {@link ServeArgs#keys()}, not from annotations, so that each protocol of
 * {@link Protocols#ALL} brings its own {@code --PROTO-port}, {@code --PROTO-tls-port} and
 * {@code --PROTO-idle-timeout}. picocli only parses into strings;
 * {@link ServeOptionsParser} checks them into {@link ServeOptions}, so a value from a flag, the
 * environment or the config file meets the same checks and the same messages.
 */
final class ServeCommand {
    /** {@code options} is null when only the help page was asked for. */
    record Parsed(ServeOptions options, boolean help, boolean printConfig) {}

    /** picocli's words for {@code --print-config=yes}; it names no option spec then. */
    private static final Pattern SWITCH_WITH_VALUE =
            Pattern.compile("option '(--[a-z0-9-]+)' should be specified without");

    private ServeCommand() {}

    /** A fresh spec: picocli keeps parsed values in it. */
    static CommandSpec spec() {
        CommandSpec spec = CommandSpec.create().name("serve");
        for (ServeArgs.Key key : ServeArgs.keys()) {
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
            ServeLayers layers = ServeLayers.read(
                    environment, config == null ? null : config.toString(), ServeOptionsParser.knownKeys());
            line.setDefaultValueProvider(arg -> arg instanceof OptionSpec option
                    ? layers.value(option.longestName().substring(2))
                    : null);
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
