package dev.switchboard.app;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;

/**
 * The layers under the flags: a {@code SWITCHBOARD_*} variable over the {@code --config} file's
 * key, and nothing (the {@link ServeOptions} default) under both. Both readers of the command
 * line ask it only for options not given as flags (picocli as its default provider), so flags
 * win. No picocli type here: the daemon's usual start-up loads none.
 */
final class ServeLayers {
    static final String ENV_PREFIX = "SWITCHBOARD_";
    /** The launcher's own variables, which share the prefix but are no option. */
    static final Set<String> LAUNCHER_VARIABLES = Set.of("SWITCHBOARD_JAVA_OPTS", "SWITCHBOARD_JAR");

    private final Map<String, String> environment;
    private final Map<String, String> file;

    private ServeLayers(Map<String, String> environment, Map<String, String> file) {
        this.environment = environment;
        this.file = file;
    }

    /**
     * Reads and checks both layers: an unknown variable or key is an error, as an unknown flag
     * is. {@code configFlag} is {@code --config} from the command line, or null.
     */
    static ServeLayers read(Map<String, String> env, String configFlag, Set<String> keys) throws UsageException {
        Map<String, String> environment = fromEnvironment(env, keys);
        String config = configFlag != null ? configFlag : environment.get("config");
        Map<String, String> file = config == null ? Map.of() : readConfig(Path.of(config), keys);
        return new ServeLayers(environment, file);
    }

    /** The value of {@code key} (an option's name without dashes) under the flags, or null. */
    String value(String key) {
        String value = environment.get(key);
        return value != null ? value : file.get(key);
    }

    private static Map<String, String> fromEnvironment(Map<String, String> environment, Set<String> keys)
            throws UsageException {
        Map<String, String> values = new LinkedHashMap<>();
        for (String name : new TreeSet<>(environment.keySet())) {
            if (!name.startsWith(ENV_PREFIX) || LAUNCHER_VARIABLES.contains(name)) {
                continue;
            }
            String key = keyOf(name);
            // A typo must not pass unnoticed, as an unknown flag does not.
            if (!keys.contains(key)) {
                throw new UsageException("unknown environment variable " + name + " (see serve --help)");
            }
            values.put(key, environment.get(name).strip());
        }
        return values;
    }

    /** The option a {@code SWITCHBOARD_*} variable sets: {@code SWITCHBOARD_CHAT_PORT} is {@code chat-port}. */
    static String keyOf(String variable) {
        return variable.substring(ENV_PREFIX.length()).toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** The config file's keys and values (stripped); an unreadable file or unknown key is a usage error. */
    static Map<String, String> readConfig(Path file, Set<String> keys) throws UsageException {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (NoSuchFileException e) {
            throw new UsageException("cannot read config file " + file + ": no such file");
        } catch (IOException e) {
            throw new UsageException("cannot read config file " + file + ": "
                    + e.getClass().getSimpleName()
                    + (e.getMessage() == null || e.getMessage().equals(file.toString()) ? "" : " " + e.getMessage()));
        } catch (IllegalArgumentException e) {
            throw new UsageException("config file " + file + " is not a properties file: " + e.getMessage());
        }
        Map<String, String> values = new LinkedHashMap<>();
        for (String key : properties.stringPropertyNames()) {
            if (!keys.contains(key) || key.equals("config")) {
                throw new UsageException("unknown key '" + key + "' in config file " + file);
            }
            values.put(key, properties.getProperty(key).strip());
        }
        return values;
    }
}
