package dev.switchboard.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Defaults < config file < SWITCHBOARD_* environment < flags, and --print-config showing the result. */
class PrintConfigTest {
    @TempDir
    Path dir;

    @Test
    void eachLayerWinsOverTheOneBeforeIt() throws Exception {
        Path file = dir.resolve("sb.properties");
        Files.writeString(file, "chat-port=9001\nmax-connections=11\nframe-timeout=7\nlog-level=warn\n");
        Map<String, String> env = Map.of(
                "SWITCHBOARD_MAX_CONNECTIONS",
                "22",
                "SWITCHBOARD_FRAME_TIMEOUT",
                "8",
                "PATH",
                "/bin",
                "SWITCHBOARD_JAVA_OPTS",
                "-Xmx64m");
        ServeOptions o = ServeOptionsParser.parse(env, "--config", file.toString(), "--frame-timeout", "9");
        assertEquals(9001, o.ports().get("chat"), "from the file");
        assertEquals(22, o.maxConnections(), "the environment over the file");
        assertEquals(9_000, o.frameTimeoutMillis(), "a flag over the environment");
        assertEquals("warn", o.logLevel(), "from the file");
        assertEquals(5_000, o.drainTimeoutMillis(), "the default");
    }

    @Test
    void theConfigFileCanBeNamedInTheEnvironment() throws Exception {
        Path file = dir.resolve("sb.properties");
        Files.writeString(file, "echo-port=off\n");
        ServeOptions o = ServeOptionsParser.parse(Map.of("SWITCHBOARD_CONFIG", file.toString()));
        assertTrue(!o.ports().containsKey("echo"));
    }

    @Test
    void anUnknownSwitchboardVariableIsAnErrorAsAnUnknownFlagIs() {
        UsageException e = assertThrows(
                UsageException.class, () -> ServeOptionsParser.parse(Map.of("SWITCHBOARD_CHAT_POTR", "1")));
        assertEquals("unknown environment variable SWITCHBOARD_CHAT_POTR (see serve --help)", e.getMessage());
        assertThrows(UsageException.class, () -> ServeOptionsParser.parse(Map.of("SWITCHBOARD_MAX_CONNECTIONS", "x")));
    }

    @Test
    void printedConfigurationReadsBackToTheSameConfiguration() throws Exception {
        ServeOptions o = ServeOptionsParser.parse(
                Map.of("SWITCHBOARD_ADMIN_PORT", "9100"),
                "--chat-tls-port",
                "8443",
                "--tls-cert",
                "/etc/sb/cert.pem",
                "--tls-key",
                "/etc/sb/key.pem",
                "--proxy-protocol",
                "chat,echo",
                "--idle-timeout",
                "0.25",
                "--frame5-port",
                "off",
                "--data-dir",
                "/var/lib/sb dir\\x");
        String printed = ConfigPrinter.print(o);
        Path file = dir.resolve("printed.properties");
        Files.writeString(file, printed);
        ServeOptions again = ServeOptionsParser.parse(Map.of(), "--config", file.toString());
        assertEquals(printed, ConfigPrinter.print(again));
        assertTrue(printed.contains("\nadmin-port=9100\n"), printed);
        assertTrue(printed.contains("\nframe5-port=off\n"), printed);
        assertTrue(printed.contains("\nproxy-protocol=chat,echo\n"), printed);
        assertTrue(printed.contains("\nidle-timeout=0.25\n"), printed);
        assertTrue(printed.contains("\nchat-idle-timeout=0\n"), "chat does not fall back: " + printed);
    }

    @Test
    void everyOptionIsShown() {
        assertEquals(List.of(), ConfigPrinter.unknownKeys(), "teach ConfigPrinter.value these options");
    }

    @Test
    void printConfigPrintsAndExitsZeroWithoutListening() throws Exception {
        Process p = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-cp",
                        System.getProperty("java.class.path"),
                        "dev.switchboard.app.Main",
                        "serve",
                        "--print-config",
                        "--command-port",
                        "1")
                .redirectErrorStream(true)
                .start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), out);
        assertTrue(out.startsWith("# switchboard "), out);
        assertTrue(out.contains("\ncommand-port=1\n"), "port 1 is not bindable: nothing listened; " + out);
        assertTrue(!out.contains("listening"), out);
    }

    @Test
    void printConfigReadsTheEnvironmentOfTheProcess() throws Exception {
        ProcessBuilder b = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-cp",
                        System.getProperty("java.class.path"),
                        "dev.switchboard.app.Main",
                        "serve",
                        "--print-config")
                .redirectErrorStream(true);
        b.environment().put("SWITCHBOARD_CHAT_HISTORY", "7");
        Process p = b.start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), out);
        assertTrue(out.contains("\nchat-history=7\n"), out);
    }
}
