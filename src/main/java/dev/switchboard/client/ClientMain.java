package dev.switchboard.client;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;

/**
 * {@code switchboard client}: interactive on a terminal, scripted when standard input or
 * output is not one. Exit status: 0 done, 1 connection failure, timeout or server error, 2 usage.
 */
public final class ClientMain {
    private ClientMain() {
    }

    public static int run(String[] args, InputStream stdin, PrintStream out, PrintStream err) {
        ClientOptions options;
        Dialect<?> dialect;
        try {
            options = ClientOptions.parse(args);
            dialect = Dialect.of(options.protocol());
        } catch (UsageError e) {
            err.println("switchboard: " + e.getMessage());
            return 2;
        }
        int port = options.port() != 0 ? options.port() : dialect.defaultPort();
        String address = options.host().contains(":") ? "[" + options.host() + "]:" + port : options.host() + ":" + port;
        ServerLink link;
        try {
            link = ServerLink.open(options.host(), port, (int) options.timeoutMillis(), dialect);
        } catch (ConnectException e) {
            err.println("switchboard: cannot connect to " + address + " (" + dialect.protocol() + "): connection refused");
            return 1;
        } catch (SocketTimeoutException e) {
            err.println("switchboard: cannot connect to " + address + ": timed out");
            return 1;
        } catch (UnknownHostException e) {
            err.println("switchboard: unknown host " + options.host());
            return 1;
        } catch (IOException e) {
            err.println("switchboard: cannot connect to " + address + ": " + e.getMessage());
            return 1;
        }
        try (link) {
            if (System.console() == null) {
                BufferedReader in = new BufferedReader(new InputStreamReader(stdin, StandardCharsets.UTF_8));
                return new ScriptedSession(link, dialect, options.timeoutMillis(), out, err).run(in);
            }
            try (Terminal terminal = TerminalBuilder.builder().system(true).build()) {
                return new InteractiveSession(terminal, link, dialect, address, options.timeoutMillis(),
                        historyFile(dialect.protocol())).run();
            }
        } catch (IOException e) {
            err.println("switchboard: connection to " + address + " failed: " + e.getMessage());
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        }
    }

    /** One history file per protocol, under the user's home (Java does not expand "~"). */
    static Path historyFile(String protocol) throws IOException {
        Path dir = Path.of(System.getProperty("user.home"), ".switchboard");
        Files.createDirectories(dir);
        return dir.resolve("history-" + protocol);
    }
}
