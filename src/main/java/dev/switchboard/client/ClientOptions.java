package dev.switchboard.client;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code switchboard client [options] [COMMAND WORDS...]}, parsed as redis-cli users expect:
 * {@code -h HOST}, {@code -p PORT}, {@code -P PROTOCOL} beside the long names, and the words
 * after the options are one command sent once (or {@code -r COUNT} times).
 *
 * @param port           0 for the protocol's default port
 * @param cacert         a PEM file of certificates to trust, or null for the JDK's trust store
 * @param repeat         how often the one-shot command (or the latency probe) runs; -1 = forever
 * @param intervalMillis the pause between repeats
 * @param command        the one-shot command's words; empty for a session
 */
public record ClientOptions(
        String protocol,
        String host,
        int port,
        long timeoutMillis,
        boolean tls,
        Path cacert,
        boolean insecure,
        long repeat,
        long intervalMillis,
        boolean latency,
        List<String> command,
        boolean help) {
    /** redis-cli's pause between latency samples. */
    static final long LATENCY_INTERVAL_MILLIS = 10;

    public boolean oneShot() {
        return !command.isEmpty();
    }

    /** {@code protocols}: the ones the client speaks, named when none is given. */
    public static ClientOptions parse(List<ClientProtocol> protocols, String... args) throws UsageError {
        String protocol = null;
        String host = "127.0.0.1";
        int port = 0;
        long timeoutMillis = 5_000;
        boolean tls = false;
        Path cacert = null;
        boolean insecure = false;
        Long repeat = null;
        Long intervalMillis = null;
        boolean latency = false;
        boolean help = false;
        List<String> command = new ArrayList<>();
        int i = 0;
        for (; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("--")) {
                i++;
                break;
            }
            if (!arg.startsWith("-") || arg.equals("-")) {
                break;
            }
            int eq = arg.startsWith("--") ? arg.indexOf('=') : -1;
            String key = eq >= 0 ? arg.substring(0, eq) : arg;
            switch (key) {
                case "--tls" -> tls = true;
                case "--insecure" -> insecure = true;
                case "--latency" -> latency = true;
                case "--help" -> help = true;
                default -> {
                    String value;
                    if (eq >= 0) {
                        value = arg.substring(eq + 1);
                    } else if (i + 1 < args.length) {
                        value = args[++i];
                    } else {
                        throw new UsageError(
                                isKnown(key)
                                        ? "option " + key + " needs a value"
                                        : "unknown option " + key + " (see --help)");
                    }
                    switch (key) {
                        case "--protocol", "-P" -> protocol = value;
                        case "--host", "-h" -> host = value;
                        case "--port", "-p" -> port = number(key, value, 1, 65535);
                        case "--timeout" -> timeoutMillis = seconds(key, value);
                        case "--cacert" -> cacert = Path.of(value);
                        case "-r", "--repeat" -> repeat = count(key, value);
                        case "-i", "--interval" -> intervalMillis = interval(key, value);
                        default -> throw new UsageError("unknown option " + key + " (see --help)");
                    }
                }
            }
        }
        for (; i < args.length; i++) {
            command.add(args[i]);
        }
        if (help) {
            return new ClientOptions(
                    protocol,
                    host,
                    port,
                    timeoutMillis,
                    tls,
                    cacert,
                    insecure,
                    1,
                    0,
                    latency,
                    List.copyOf(command),
                    true);
        }
        if (protocol == null) {
            throw new UsageError("say which protocol: --protocol " + ClientProtocol.names(protocols, "|"));
        }
        if (cacert != null && insecure) {
            throw new UsageError("--cacert and --insecure contradict each other: trust that file, or check nothing");
        }
        if (latency && !command.isEmpty()) {
            throw new UsageError(
                    "--latency sends its own probe; leave out the command '" + String.join(" ", command) + "'");
        }
        if ((repeat != null || intervalMillis != null) && command.isEmpty() && !latency) {
            throw new UsageError("-r and -i repeat a command given after the options (or --latency samples)");
        }
        // --cacert and --insecure only mean something over TLS, so they ask for it.
        tls |= cacert != null || insecure;
        long interval = intervalMillis != null ? intervalMillis : latency ? LATENCY_INTERVAL_MILLIS : 0;
        long times = repeat != null ? repeat : latency ? -1 : 1;
        return new ClientOptions(
                protocol,
                host,
                port,
                timeoutMillis,
                tls,
                cacert,
                insecure,
                times,
                interval,
                latency,
                List.copyOf(command),
                false);
    }

    private static boolean isKnown(String key) {
        return List.of(
                        "--protocol",
                        "-P",
                        "--host",
                        "-h",
                        "--port",
                        "-p",
                        "--timeout",
                        "--cacert",
                        "-r",
                        "--repeat",
                        "-i",
                        "--interval")
                .contains(key);
    }

    private static int number(String key, String value, int min, int max) throws UsageError {
        try {
            int n = Integer.parseInt(value.strip());
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // Reported below with the accepted range.
        }
        throw new UsageError("option " + key + " must be a whole number from " + min + " to " + max);
    }

    /** A repeat count: 1 or more, or -1 for "until interrupted" as in redis-cli. */
    private static long count(String key, String value) throws UsageError {
        try {
            long n = Long.parseLong(value.strip());
            if (n >= 1 || n == -1) {
                return n;
            }
        } catch (NumberFormatException e) {
            // Reported below.
        }
        throw new UsageError("option " + key + " takes a count of 1 or more (-1 = until Ctrl+C)");
    }

    private static long seconds(String key, String value) throws UsageError {
        double s = decimal(key, value);
        if (s > 0) {
            return Math.max(1, Math.round(s * 1000));
        }
        throw new UsageError("option " + key + " takes seconds, more than 0");
    }

    private static long interval(String key, String value) throws UsageError {
        return Math.round(decimal(key, value) * 1000);
    }

    private static double decimal(String key, String value) throws UsageError {
        try {
            double s = Double.parseDouble(value.strip());
            if (s >= 0 && s <= 86_400) {
                return s;
            }
        } catch (NumberFormatException e) {
            // Reported below.
        }
        throw new UsageError("option " + key + " takes seconds, from 0 to 86400");
    }
}
