package dev.switchboard.app;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.Properties;
import org.tinylog.Logger;

/** {@code switchboard serve | client | --help | --version}. */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length == 0) {
            err.println("switchboard: say what to do: serve, client, --help or --version");
            return 2;
        }
        switch (args[0]) {
            case "--help", "-h", "help" -> {
                out.print(Usage.TEXT);
                out.print(Usage.servePage());
                return 0;
            }
            case "--version", "-V" -> {
                out.println("switchboard " + version());
                return 0;
            }
            case "client" -> {
                String[] rest = new String[args.length - 1];
                System.arraycopy(args, 1, rest, 0, rest.length);
                return dev.switchboard.client.ClientMain.run(rest, Protocols.client(), System.in, out, err);
            }
            case "serve" -> {
                String[] rest = new String[args.length - 1];
                System.arraycopy(args, 1, rest, 0, rest.length);
                return serve(rest, out, err);
            }
            default -> {
                err.println("switchboard: unknown command '" + args[0] + "' (see --help)");
                return 2;
            }
        }
    }

    private static int serve(String[] args, PrintStream out, PrintStream err) {
        ServeCommand.Parsed parsed;
        try {
            parsed = ServeArgs.parse(System.getenv(), args);
        } catch (UsageException e) {
            err.println("switchboard: " + e.getMessage());
            return 2;
        }
        if (parsed.help()) {
            out.print(Usage.servePage());
            return 0;
        }
        ServeOptions options = parsed.options();
        if (parsed.printConfig()) {
            out.print(ConfigPrinter.print(options));
            out.flush();
            return 0;
        }
        // Started first: it is the longest part of start-up, and it needs no log.
        TlsLoad tls = TlsLoad.start(options);
        Logging.configure(options.logLevel());
        long descriptors = DescriptorLimit.current();
        options = DescriptorLimit.fit(options, descriptors);
        Daemon daemon;
        try {
            daemon = Daemon.bind(options, tls);
        } catch (StartupException | IOException e) {
            err.println("switchboard: " + e.getMessage());
            Logging.shutdown();
            return 2;
        }
        // SIGTERM and SIGINT start the drain; the JVM's default would exit 143 mid-reply.
        // Installed before the listening lines: a script may signal as soon as it reads them.
        Signals.on("TERM", daemon::shutdown);
        Signals.on("INT", daemon::shutdown);
        reloadOnHangup(daemon, options, args);
        for (Map.Entry<String, InetSocketAddress> listener : daemon.addresses().entrySet()) {
            String line = "listening " + listener.getKey() + " "
                    + dev.switchboard.reactor.Addresses.format(listener.getValue());
            out.println(line);
            Logger.info(line);
        }
        out.flush();
        DescriptorLimit.logFit(options, descriptors);
        setUpSecurityProviders();
        int status = 0;
        try {
            daemon.run();
            Logger.info("stopped");
        } catch (IOException | RuntimeException e) {
            Logger.error(e, "the event loop failed");
            status = 1;
        }
        Logging.shutdown();
        return status;
    }

    /**
     * The JDK's security providers, which the WebSocket handshake's SHA-1 needs, are set up on
     * a thread of their own once the listeners are up: not before them (~15 ms of start-up),
     * nor on the loop at the first browser (it reads the JDK's security files). A TLS start
     * has done it already, and then this is a no-op.
     */
    private static void setUpSecurityProviders() {
        StartupThread.start("security-setup", () -> {
            try {
                java.security.MessageDigest.getInstance("SHA-1");
            } catch (java.security.NoSuchAlgorithmException e) {
                // The handshake says so itself, should it ever happen.
            }
        });
    }

    /** SIGHUP re-reads the configuration (see {@link Reload}); the JVM's default would exit. */
    private static void reloadOnHangup(Daemon daemon, ServeOptions options, String[] args) {
        Reload reload = new Reload(daemon, options, System.getenv(), args);
        try {
            Signals.on("HUP", reload::run);
        } catch (IllegalStateException e) {
            // -Xrs, or a JVM that keeps SIGHUP for itself: serve on without reload.
            Logger.warn("SIGHUP cannot be handled here ({}); reload is off", e.getMessage());
        }
    }

    static String version() {
        Properties p = new Properties();
        try (InputStream in = Main.class.getResourceAsStream("/switchboard.properties")) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            return "unknown";
        }
        return p.getProperty("version", "unknown");
    }
}
