package dev.switchboard.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** serve's command line as picocli reads it: messages, the generated options, the layers, --help. */
class ServeCommandTest {
    @TempDir
    Path dir;

    private static String error(String... args) {
        return assertThrows(UsageException.class, () -> ServeCommand.parse(Map.of(), args), String.join(" ", args))
                .getMessage();
    }

    @Test
    void anUnknownOptionIsNamedAsUnknownWithOrWithoutAValue() {
        assertEquals("unknown option --bogus (see serve --help)", error("--bogus"));
        assertEquals("unknown option --bogus (see serve --help)", error("--bogus=1"));
        assertEquals("unknown option --nope (see serve --help)", error("--echo-port", "0", "--nope", "1"));
        assertEquals("unexpected argument 'stray' (options start with --; see serve --help)", error("stray"));
    }

    @Test
    void aMissingValueNamesTheOptionEvenWhenAnotherOptionFollows() {
        assertEquals("option --bind needs a value", error("--bind"));
        assertEquals("option --bind needs a value", error("--bind", "--max-frame", "3"));
        assertEquals("option --print-config takes no value", error("--print-config=yes"));
    }

    @Test
    void aBadNumberNamesTheOptionAndTheValue() {
        assertEquals("option --max-frame takes a whole number, not 'lots'", error("--max-frame", "lots"));
        assertEquals("option --echo-port must be from 0 to 65535, not 70000", error("--echo-port", "70000"));
        assertEquals("option --idle-timeout must be from 0 to 31536000 seconds, not -3", error("--idle-timeout", "-3"));
    }

    @Test
    void everyProtocolOfTheListHasItsThreeOptions() throws UsageException {
        for (Protocols.Listener p : Protocols.ALL) {
            String n = p.name();
            ServeOptions o = ServeCommand.parse(
                            Map.of(),
                            "--" + n + "-port",
                            "0",
                            "--" + n + "-tls-port",
                            "1",
                            "--" + n + "-idle-timeout",
                            "2")
                    .options();
            assertEquals(0, o.ports().get(n), n);
            assertEquals(1, o.tlsPorts().get(n), n);
            assertEquals(2_000, o.idleTimeoutMillis(n), n);
        }
    }

    @Test
    void theEnvironmentFillsAGeneratedOptionAndAFlagStillWins() throws Exception {
        Path file = dir.resolve("sb.properties");
        Files.writeString(file, "echo-tls-port=7000\nchat-idle-timeout=4\nweb-port=7001\n");
        ServeOptions o = ServeCommand.parse(
                        Map.of(
                                "SWITCHBOARD_CONFIG",
                                file.toString(),
                                "SWITCHBOARD_ECHO_TLS_PORT",
                                "7002",
                                "SWITCHBOARD_WEB_PORT",
                                "7003"),
                        "--web-port",
                        "7004")
                .options();
        assertEquals(7002, o.tlsPorts().get("echo"), "the environment over the file");
        assertEquals(4_000, o.idleTimeoutMillis("chat"), "the file over the default");
        assertEquals(7004, o.ports().get("web"), "the flag over both");
    }

    @Test
    void aConfigFlagWinsOverAConfigVariable() throws Exception {
        Path named = dir.resolve("env.properties");
        Path flagged = dir.resolve("flag.properties");
        Files.writeString(named, "max-connections=5\n");
        Files.writeString(flagged, "max-connections=6\n");
        ServeOptions o = ServeCommand.parse(Map.of("SWITCHBOARD_CONFIG", named.toString()), "--config=" + flagged)
                .options();
        assertEquals(6, o.maxConnections());
    }

    @Test
    void theLastOfARepeatedFlagWinsAndAnAtFileIsNoFile() throws Exception {
        assertEquals(
                7,
                ServeCommand.parse(Map.of(), "--max-connections", "3", "--max-connections", "7")
                        .options()
                        .maxConnections());
        Path args = dir.resolve("args");
        Files.writeString(args, "--max-connections 9\n");
        assertEquals(
                "unexpected argument '@" + args + "' (options start with --; see serve --help)", error("@" + args));
    }

    @Test
    void helpNeedsNoValidEnvironmentAndPrintConfigIsASwitch() throws UsageException {
        ServeCommand.Parsed help = ServeCommand.parse(Map.of("SWITCHBOARD_NO_SUCH", "1"), "--max-frame", "x", "--help");
        assertTrue(help.help());
        assertNull(help.options());
        ServeCommand.Parsed print = ServeCommand.parse(Map.of(), "--print-config", "--chat-port", "9");
        assertTrue(print.printConfig());
        assertEquals(9, print.options().ports().get("chat"));
    }

    @Test
    void theHelpPageListsEveryOptionWithItsDescription() {
        String page = ServeCommand.usage();
        for (ServeArgs.Key key : ServeArgs.keys()) {
            assertTrue(page.contains("--" + key.name() + "=" + key.label()), key.name() + "\n" + page);
        }
        assertTrue(page.contains("largest frame payload or line (1048576)"), page);
        assertTrue(page.contains("the header128 listener (5050)"), page);
        assertTrue(page.contains("--print-config") && page.contains("SWITCHBOARD_KEY"), page);
        assertTrue(page.lines().allMatch(l -> l.length() <= 100), page);
    }

    @Test
    void serveWithABadOptionPrintsOneLineAndReturnsTwo() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = Main.run(
                new String[] {"serve", "--bogus"},
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals(2, status);
        assertEquals("", out.toString(StandardCharsets.UTF_8));
        assertEquals("switchboard: unknown option --bogus (see serve --help)\n", err.toString(StandardCharsets.UTF_8));
    }
}
