package dev.switchboard.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** tools/switchboard (the launcher) and tools/switchboard.service (the systemd unit). */
class LauncherTest {
    @TempDir
    Path dir;

    @Test
    void launcherExecsTheJvmWithItsFlagsAndSigtermDrainsToExitZero() throws Exception {
        ProcessBuilder b = new ProcessBuilder(
                        "tools/switchboard",
                        "serve",
                        "--command-port",
                        "0",
                        "--frame5-port",
                        "off",
                        "--header128-port",
                        "off",
                        "--chat-port",
                        "off",
                        "--echo-port",
                        "off")
                .redirectError(dir.resolve("stderr.log").toFile());
        // The tests run before the jar is packaged: a manifest-only jar of this classpath stands in.
        b.environment().put("SWITCHBOARD_JAR", classpathJar().toString());
        b.environment().put("SWITCHBOARD_MAX_CONNECTIONS", "123");
        Process p = b.start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
            String line = out.readLine();
            assertTrue(
                    line != null && line.startsWith("listening command 127.0.0.1:"),
                    line + "\n" + Files.readString(dir.resolve("stderr.log")));
            String cmdline = Files.readString(Path.of("/proc", Long.toString(p.pid()), "cmdline"))
                    .replace('\0', ' ');
            assertTrue(
                    cmdline.contains("java") && cmdline.contains("-XX:+UseSerialGC"),
                    "exec'd: the launcher's own PID is the JVM's: " + cmdline);
            p.destroy();
            assertTrue(p.waitFor(30, TimeUnit.SECONDS));
            assertEquals(0, p.exitValue());
            String log = Files.readString(dir.resolve("stderr.log"));
            assertTrue(log.contains("room for --max-connections 123"), "SWITCHBOARD_* reached the daemon: " + log);
        } finally {
            p.destroyForcibly();
        }
    }

    @Test
    void systemdAcceptsTheServiceUnit() throws Exception {
        Assumptions.assumeTrue(
                new File("/usr/bin/systemd-analyze").canExecute() || new File("/bin/systemd-analyze").canExecute(),
                "systemd-analyze is not installed: the unit is not verified here");
        Process p = new ProcessBuilder("systemd-analyze", "verify", "tools/switchboard.service")
                .redirectErrorStream(true)
                .start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), out);
        assertEquals("", out.strip(), "no warnings either");
        String unit = Files.readString(Path.of("tools/switchboard.service"));
        for (String line : List.of(
                "Type=exec",
                "TimeoutStopSec=",
                "LimitNOFILE=",
                "NoNewPrivileges=yes",
                "ProtectSystem=strict",
                "ExecReload=/bin/kill -HUP $MAINPID")) {
            assertTrue(unit.contains("\n" + line), line);
        }
    }

    /** A jar holding only a manifest: the test classpath as Class-Path, and the daemon's main class. */
    private Path classpathJar() throws Exception {
        List<String> urls = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            urls.add(Path.of(entry).toAbsolutePath().toUri().toString());
        }
        Manifest m = new Manifest();
        m.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        m.getMainAttributes().put(Attributes.Name.MAIN_CLASS, "dev.switchboard.app.Main");
        m.getMainAttributes().put(Attributes.Name.CLASS_PATH, String.join(" ", urls));
        Path jar = dir.resolve("switchboard.jar");
        try (OutputStream out = Files.newOutputStream(jar);
                JarOutputStream j = new JarOutputStream(out, m)) {
            j.flush();
        }
        return jar;
    }
}
