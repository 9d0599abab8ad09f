package dev.switchboard.client;

/**
 * {@code switchboard client --protocol P [--host H] [--port N] [--timeout SECONDS]}.
 *
 * @param port 0 for the protocol's default port
 */
public record ClientOptions(String protocol, String host, int port, long timeoutMillis) {

    public static ClientOptions parse(String... args) throws UsageError {
        String protocol = null;
        String host = "127.0.0.1";
        int port = 0;
        long timeoutMillis = 5_000;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            String value;
            int eq = arg.indexOf('=');
            String key = eq >= 0 ? arg.substring(0, eq) : arg;
            if (eq >= 0) {
                value = arg.substring(eq + 1);
            } else if (i + 1 < args.length && key.startsWith("--")) {
                value = args[++i];
            } else {
                throw new UsageError(key.startsWith("--") ? "option " + key + " needs a value"
                        : "unexpected argument '" + arg + "' (see --help)");
            }
            switch (key) {
                case "--protocol" -> protocol = value;
                case "--host" -> host = value;
                case "--port" -> port = number(key, value, 1, 65535);
                case "--timeout" -> timeoutMillis = seconds(key, value);
                default -> throw new UsageError("unknown option " + key + " (see --help)");
            }
        }
        if (protocol == null) {
            throw new UsageError("say which protocol: --protocol command|frame5|header128|chat|echo");
        }
        return new ClientOptions(protocol, host, port, timeoutMillis);
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

    private static long seconds(String key, String value) throws UsageError {
        try {
            double s = Double.parseDouble(value.strip());
            if (s > 0 && s <= 86_400) {
                return Math.max(1, Math.round(s * 1000));
            }
        } catch (NumberFormatException e) {
            // Reported below.
        }
        throw new UsageError("option " + key + " takes seconds, more than 0");
    }
}
