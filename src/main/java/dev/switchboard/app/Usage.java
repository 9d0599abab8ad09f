package dev.switchboard.app;

/** The text of {@code --help} and {@code serve --help}. */
final class Usage {
    static final String TEXT =
            """
            Switchboard: five tiny TCP protocols, TLS, an admin endpoint and a web chat,
            served from one selector thread.

            Usage:
              java -jar target/switchboard.jar serve [options]
              java -jar target/switchboard.jar client --protocol P [--host H] [--port N] [--tls]
              java -jar target/switchboard.jar client --help
              java -jar target/switchboard.jar --help | --version

            """;

    /** Above serve's options; the options themselves are picocli's, from {@link ServeCommand}. */
    static final String SERVE_HEADER =
            """
            serve options, also as KEY=VALUE lines (without the dashes) in --config FILE and as
            SWITCHBOARD_KEY in the environment (SWITCHBOARD_CHAT_PORT=9000):
            defaults < config file < environment < flags. --key value or --key=value; N|off is a
            port, 0 for any free port (printed at start-up) or off for none; SECONDS may have
            decimals (0.5).
            """;

    static final String SERVE_FOOTER =
            """
            Start-up prints "listening LISTENER ADDRESS:PORT" per listener on stdout (e.g.
            "listening chat+tls 127.0.0.1:8443"); logs go to stderr. A bad option, an unusable
            TLS file or a busy port: one line on stderr, exit status 2.
            """;

    private Usage() {}
}
