package dev.switchboard.app;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** The text of {@code --help} and {@code serve --help}. */
final class Usage {
    /**
     * serve's help page as picocli renders it from {@link ServeCommand}, kept as a resource:
     * rendering it costs ~0.2 s of a fresh JVM (the model, the parser, the text layout), most
     * of what a user waits for after typing {@code --help}. tools/completion rewrites it with
     * the completion script; UsageTest fails while it is stale.
     */
    static final String SERVE_PAGE_RESOURCE = "serve-help.txt";

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

    /** {@code FILE}: writes serve's help page as picocli renders it (tools/completion). */
    public static void main(String[] args) throws IOException {
        java.nio.file.Files.writeString(java.nio.file.Path.of(args[0]), ServeCommand.usage(), StandardCharsets.UTF_8);
    }

    /** serve's help page. */
    static String servePage() {
        try (InputStream in = Usage.class.getResourceAsStream(SERVE_PAGE_RESOURCE)) {
            if (in == null) {
                return ServeCommand.usage();
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
