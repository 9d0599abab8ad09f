package dev.switchboard.app;

import dev.switchboard.protocol.ChatService;
import dev.switchboard.protocol.Service;
import dev.switchboard.protocol.admin.AdminService;
import dev.switchboard.reactor.EventLoop;
import dev.switchboard.reactor.Limits;
import dev.switchboard.reactor.tls.TlsContext;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.tinylog.Logger;

/**
 * SIGHUP: the config file read again, the environment and the command line's flags over it as
 * at start-up (flags still win), and what may change live handed to the loop. Reading and
 * checking (the file, a new certificate and key) happen here, on the JDK's signal thread; the
 * loop only swaps values in, in one task, so it never waits on a file. A reload that fails
 * changes nothing and says why in one ERROR line; the daemon goes on serving.
 */
final class Reload {
    private final Daemon daemon;
    private final Map<String, String> environment;
    private final String[] args;
    /** {@code --config} or {@code SWITCHBOARD_CONFIG}, or null: then only the TLS files are re-read. */
    private final Path configFile;

    private final Set<String> flagKeys;
    private final Map<String, String> environmentKeys;
    /** The options in force, and the file as last read (to tell what the file changed). */
    private ServeOptions running;

    private Map<String, String> fileValues;

    Reload(Daemon daemon, ServeOptions running, Map<String, String> environment, String[] args) {
        this.daemon = daemon;
        this.running = running;
        this.environment = Map.copyOf(environment);
        this.args = args.clone();
        this.flagKeys = flagKeys(args);
        this.environmentKeys = environmentKeys(environment);
        String config = lastFlagValue(args, "config");
        if (config == null) {
            config = environment.get(ServeLayers.ENV_PREFIX + "CONFIG");
        }
        this.configFile = config == null ? null : Path.of(config);
        Map<String, String> file;
        try {
            file = configFile == null ? Map.of() : readFile(configFile);
        } catch (UsageException e) {
            file = Map.of();
        }
        this.fileValues = file;
    }

    /** One SIGHUP. The JDK runs each signal on a thread of its own: two reloads take turns. */
    synchronized void run() {
        try {
            reload();
        } catch (UsageException | StartupException | IOException | IllegalArgumentException e) {
            Logger.error("reload failed: {}; nothing changed, still serving as before", why(e));
        } catch (RuntimeException e) {
            Logger.error(e, "reload failed; nothing changed, still serving as before");
        }
    }

    /** The exception's own words, without a closing full stop before ours. */
    private static String why(Exception e) {
        String message = String.valueOf(e.getMessage()).strip();
        return message.endsWith(".") ? message.substring(0, message.length() - 1) : message;
    }

    private void reload() throws UsageException, StartupException, IOException {
        List<String> notes = new ArrayList<>();
        ServeOptions wanted = running;
        Map<String, String> file = Map.of();
        if (configFile != null) {
            wanted = DescriptorLimit.fit(ServeArgs.parse(environment, args).options(), DescriptorLimit.current());
            file = readFile(configFile);
            notes.addAll(shadowed(file, wanted));
        }
        ReloadPlan plan = ReloadPlan.between(running, wanted);
        if (plan.changed("log-level") && !LevelGate.active()) {
            notes.add("reload: --log-level cannot change under this logging provider; needs a restart");
        }
        for (ReloadPlan.Change c : plan.restart()) {
            notes.add("reload: --" + c.key() + " changed to " + c.to() + "; needs a restart (kept " + c.from() + ")");
        }
        ServeOptions applied = plan.applied();
        if (!LevelGate.active()) {
            applied = applied.with(b -> b.logLevel = running.logLevel());
        }
        // Checked and read as at start-up: a reload is refused for what start-up would refuse.
        TlsContext tls = TlsLoad.read(applied);
        String summary = summary(plan, tls == null ? null : "TLS certificate and key re-read (" + tls.describe() + ")");
        TlsContext context = tls;
        String previousLevel = running.logLevel();
        daemon.execute(() -> apply(plan, context, notes, summary, previousLevel));
        running = applied;
        fileValues = file;
    }

    private String summary(ReloadPlan plan, String tlsNote) {
        if (configFile == null) {
            return "reload: no config file; " + (tlsNote == null ? "nothing to re-read" : tlsNote);
        }
        List<String> parts = new ArrayList<>();
        List<String> changes = new ArrayList<>();
        for (ReloadPlan.Change c : plan.live()) {
            if (!c.key().equals("log-level") || LevelGate.active()) {
                changes.add(c.toString());
            }
        }
        if (!changes.isEmpty()) {
            parts.add("applied " + String.join(", ", changes));
        } else {
            parts.add(plan.restart().isEmpty() && plan.live().isEmpty() ? "nothing changed" : "nothing applied");
        }
        if (tlsNote != null) {
            parts.add(tlsNote);
        }
        return "reload: " + String.join("; ", parts);
    }

    /** On the loop thread: everything at once, between two turns, so no request sees half of it. */
    private void apply(ReloadPlan plan, TlsContext tls, List<String> notes, String summary, String previousLevel) {
        ServeOptions o = plan.applied();
        EventLoop loop = daemon.loop();
        Limits now = loop.limits();
        Limits wanted = Daemon.limits(o);
        // The reactor's input bound is a backstop behind each decoder's own limit: it never
        // shrinks, so a connection that made its decoder under a larger --max-frame is not cut.
        loop.limits(new Limits(
                Math.max(now.maxInputBytes(), wanted.maxInputBytes()),
                wanted.maxPendingOutputBytes(),
                wanted.maxConnections(),
                wanted.frameTimeoutNanos(),
                wanted.idleTimeoutNanos()));
        List<String> protocols = new ArrayList<>(Protocols.names());
        protocols.add(AdminService.NAME);
        for (String protocol : protocols) {
            loop.idleTimeoutNanos(protocol, TimeUnit.MILLISECONDS.toNanos(o.idleTimeoutMillis(protocol)));
        }
        for (Service<?> service : daemon.services()) {
            service.maxFrameBytes(o.maxFrameBytes());
        }
        ChatService chat = daemon.wiring().chatIfMade();
        if (chat != null) {
            chat.settings(o.chat());
        }
        if (tls != null) {
            daemon.tls(tls);
        }
        daemon.drainTimeoutMillis(o.drainTimeoutMillis());
        for (String note : notes) {
            Logger.warn(note);
        }
        // The summary goes out under the more talkative of the two levels, so it is always seen.
        boolean quieter = level(o.logLevel()) > level(previousLevel);
        if (!quieter) {
            LevelGate.set(o.logLevel());
        }
        Logger.info(summary);
        if (quieter) {
            LevelGate.set(o.logLevel());
        }
    }

    private static int level(String name) {
        return ServeOptionsParser.LOG_LEVELS.indexOf(name.toLowerCase(Locale.ROOT));
    }

    /** Keys the file changed that a flag or a variable overrides: said, since nothing happens. */
    private List<String> shadowed(Map<String, String> file, ServeOptions wanted) {
        List<String> notes = new ArrayList<>();
        Set<String> keys = new TreeSet<>(file.keySet());
        keys.addAll(fileValues.keySet());
        for (String key : keys) {
            String value = file.get(key);
            if (Objects.equals(value, fileValues.get(key))) {
                continue;
            }
            String winner = flagKeys.contains(key) ? "the flag --" + key : environmentKeys.get(key);
            if (winner != null) {
                notes.add("reload: the config file "
                        + (value == null ? "no longer sets " + key : "sets " + key + "=" + value) + ", but " + winner
                        + " wins (kept " + ConfigPrinter.value(wanted, key) + ")");
            }
        }
        return notes;
    }

    private static Set<String> flagKeys(String[] args) {
        Set<String> keys = new LinkedHashSet<>();
        for (String arg : args) {
            if (arg.startsWith("--")) {
                int eq = arg.indexOf('=');
                String key = arg.substring(2, eq < 0 ? arg.length() : eq);
                if (ServeOptionsParser.knownKeys().contains(key)) {
                    keys.add(key);
                }
            }
        }
        return keys;
    }

    /** Key to the variable that sets it. */
    private static Map<String, String> environmentKeys(Map<String, String> environment) {
        Map<String, String> keys = new HashMap<>();
        for (String name : environment.keySet()) {
            if (name.startsWith(ServeLayers.ENV_PREFIX) && !ServeLayers.LAUNCHER_VARIABLES.contains(name)) {
                keys.put(ServeLayers.keyOf(name), name);
            }
        }
        return keys;
    }

    /** The value of the last {@code --key V} or {@code --key=V}, as picocli takes the last. */
    static String lastFlagValue(String[] args, String key) {
        String value = null;
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--" + key) && i + 1 < args.length) {
                value = args[++i];
            } else if (args[i].startsWith("--" + key + "=")) {
                value = args[i].substring(key.length() + 3);
            }
        }
        return value;
    }

    private static Map<String, String> readFile(Path file) throws UsageException {
        return ServeLayers.readConfig(file, ServeOptionsParser.knownKeys());
    }
}
