package dev.switchboard.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServeOptionsParserTest {

    @Test
    void defaultsAreSpecsDefaults() throws UsageException {
        ServeOptions o = ServeOptionsParser.parse();
        assertEquals("127.0.0.1", o.bindAddress());
        assertEquals(
                List.of(12340, 65432, 5050, 8080, 65433, 8081),
                List.copyOf(o.ports().values()));
        assertEquals(0, o.idleTimeoutMillis("chat"));
        assertEquals(0, o.idleTimeoutMillis("web"));
        assertEquals(300_000, o.idleTimeoutMillis("echo"));
        assertEquals(1048576, o.maxFrameBytes());
        assertEquals(10000, o.maxConnections());
        assertEquals(30_000, o.frameTimeoutMillis());
        assertEquals(300_000, o.idleTimeoutMillis());
        assertEquals(5_000, o.drainTimeoutMillis());
        assertEquals("info", o.logLevel());
    }

    @Test
    void flagsTakeBothForms() throws UsageException {
        ServeOptions o = ServeOptionsParser.parse(
                "--bind",
                "::",
                "--max-frame=100",
                "--idle-timeout",
                "0",
                "--frame-timeout",
                "0.25",
                "--log-level",
                "DEBUG",
                "--chat-port",
                "off",
                "--echo-port",
                "0");
        assertEquals("::", o.bindAddress());
        assertEquals(100, o.maxFrameBytes());
        assertEquals(0, o.idleTimeoutMillis());
        assertEquals(250, o.frameTimeoutMillis());
        assertEquals("debug", o.logLevel());
        assertFalse(o.ports().containsKey("chat"));
        assertEquals(0, o.ports().get("echo"));
    }

    @Test
    void configFileKeysApplyAndFlagsWin(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("c.properties");
        Files.writeString(f, "max-frame = 10\nmax-connections=7\necho-port=off\n");
        ServeOptions o = ServeOptionsParser.parse("--config", f.toString(), "--max-frame", "20");
        assertEquals(20, o.maxFrameBytes());
        assertEquals(7, o.maxConnections());
        assertFalse(o.ports().containsKey("echo"));
    }

    @Test
    void badInputIsAUsageError(@TempDir Path dir) throws Exception {
        Path unknownKey = dir.resolve("u.properties");
        Files.writeString(unknownKey, "colour=blue\n");
        String[][] cases = {
            {"--max-frame", "0"},
            {"--max-frame", "x"},
            {"--command-port", "-1"},
            {"--idle-timeout", "-3"},
            {"--log-level", "loud"},
            {"--unknown", "1"},
            {"stray"},
            {"--bind"},
            {"--config", dir.resolve("missing").toString()},
            {"--config", unknownKey.toString()},
            Protocols.names().stream()
                    .flatMap(p -> java.util.stream.Stream.of("--" + p + "-port", "off"))
                    .toArray(String[]::new) // every listener off
        };
        for (String[] args : cases) {
            assertThrows(UsageException.class, () -> ServeOptionsParser.parse(args), String.join(" ", args));
        }
    }
}
