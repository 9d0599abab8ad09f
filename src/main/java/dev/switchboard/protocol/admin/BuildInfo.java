package dev.switchboard.protocol.admin;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/**
 * The version and commit this jar was built from, as Maven wrote them into
 * {@code switchboard.properties}; {@code unknown} where the build could not tell (no git, or
 * classes run unfiltered from an IDE).
 */
public record BuildInfo(String version, String commit) {
    private static final String UNKNOWN = "unknown";

    public static BuildInfo load() {
        Properties p = new Properties();
        try (InputStream in = BuildInfo.class.getResourceAsStream("/switchboard.properties")) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            return new BuildInfo(UNKNOWN, UNKNOWN);
        }
        return new BuildInfo(known(p.getProperty("version")), known(p.getProperty("commit")));
    }

    private static String known(String value) {
        // An unfiltered placeholder (${...}) or an empty value says nothing.
        if (value == null || value.isBlank() || value.contains("${")) {
            return UNKNOWN;
        }
        return value.strip();
    }
}
