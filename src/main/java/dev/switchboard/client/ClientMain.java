package dev.switchboard.client;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;

/**
 * {@code switchboard client}: interactive on a terminal, scripted when standard input is not
 * one, one-shot when the command is on the command line. Exit statuses in {@link ExitStatus}.
 */
public final class ClientMain {
    private ClientMain() {}

    /** {@code protocols}: the ones it speaks, from the daemon's protocol list. */
    public static int run(
            String[] args, List<ClientProtocol> protocols, InputStream stdin, PrintStream out, PrintStream err) {
        ClientOptions options;
        ClientProtocol protocol;
        Dialect<?> dialect;
        ClientTls tls;
        try {
            options = ClientOptions.parse(protocols, args);
            if (options.help()) {
                out.print(ClientHelp.text(protocols));
                out.flush();
                return ExitStatus.OK;
            }
            protocol = ClientProtocol.find(protocols, options.protocol());
            dialect = protocol.dialect().get();
            if (options.latency() && dialect.probe() == null) {
                throw new UsageError("--latency needs a request-reply protocol ("
                        + String.join(", ", ClientProtocol.requestReply(protocols)) + "), not " + dialect.protocol());
            }
            tls = options.tls() ? ClientTls.of(options) : null;
        } catch (UsageError e) {
            err.println("switchboard: " + e.getMessage());
            return ExitStatus.USAGE;
        }
        int port = options.port() != 0 ? options.port() : protocol.defaultPort();
        Endpoint endpoint = new Endpoint(
                options.host(),
                port,
                dialect.protocol(),
                (int) Math.min(Integer.MAX_VALUE, options.timeoutMillis()),
                tls);
        ServerLink link;
        try {
            link = endpoint.open(dialect);
        } catch (ConnectFailure e) {
            err.println("switchboard: " + e.getMessage());
            return ExitStatus.CONNECTION;
        }
        try (link) {
            if (options.latency()) {
                return new LatencyProbe(link, dialect, options, out, err, System.console() != null).run();
            }
            if (options.oneShot()) {
                return new ScriptedSession(link, dialect, options.timeoutMillis(), out, err)
                        .runOnce(String.join(" ", options.command()), options.repeat(), options.intervalMillis());
            }
            if (System.console() == null) {
                BufferedReader in = new BufferedReader(new InputStreamReader(stdin, StandardCharsets.UTF_8));
                return new ScriptedSession(link, dialect, options.timeoutMillis(), out, err).run(in);
            }
            try (Terminal terminal = TerminalBuilder.builder().system(true).build()) {
                return new InteractiveSession(
                                terminal, endpoint, dialect, options.timeoutMillis(), History.file(dialect.protocol()))
                        .run(link);
            }
        } catch (IOException e) {
            err.println("switchboard: connection to " + endpoint.address() + " failed: " + e.getMessage());
            return ExitStatus.CONNECTION;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ExitStatus.CONNECTION;
        }
    }

    /** For the tests: the history file a protocol's sessions share. */
    static Path historyFile(String protocol) throws IOException {
        return History.file(protocol);
    }
}
