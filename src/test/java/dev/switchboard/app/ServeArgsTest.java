package dev.switchboard.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AfterProperty;
import net.jqwik.api.statistics.Statistics;
import org.junit.jupiter.api.Test;

/**
 * The daemon reads a command line of the usual shape itself ({@link ServeArgs}) and leaves the
 * rest to picocli: both must give one meaning, values and mistakes alike.
 */
class ServeArgsTest {
    private static final List<String> OPTIONS = List.of(
            "--chat-port",
            "--echo-tls-port",
            "--tls-cert",
            "--data-dir",
            "--config",
            "--max-frame",
            "--idle-timeout",
            "--log-level",
            "--proxy-protocol",
            "--web-origin");
    private static final List<String> SWITCHES = List.of("--print-config", "--help", "--bogus", "--");
    private static final List<String> VALUES = List.of(
            "0",
            "9",
            "off",
            "70000",
            "",
            "-1",
            "lots",
            "a//b/",
            "${sys:user.home}/x",
            "x=y",
            " 5",
            "all",
            "DEBUG",
            "--chat-port",
            "stray",
            "@args",
            "\"7\"",
            "/no/such.properties",
            "CONFIG");
    private static final Path CONFIG = config();

    private static Path config() {
        try {
            Path file = Files.createTempFile("serve-args", ".properties");
            file.toFile().deleteOnExit();
            Files.writeString(file, "chat-port=7100\nmax-frame=4096\n");
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    record Case(List<String> args, Map<String, String> environment) {}

    @Provide
    Arbitrary<Case> commandLines() {
        // Mostly option-value pairs, as a service manager writes them, with strays mixed in.
        Arbitrary<List<String>> token = Arbitraries.frequencyOf(
                Tuple.of(
                        12,
                        Combinators.combine(Arbitraries.of(OPTIONS), Arbitraries.of(VALUES))
                                .as(List::of)),
                Tuple.of(
                        4,
                        Combinators.combine(Arbitraries.of(OPTIONS), Arbitraries.of(VALUES))
                                .as((n, v) -> List.of(n + "=" + v))),
                Tuple.of(1, Arbitraries.of(SWITCHES).map(w -> List.of(w + "=1"))),
                Tuple.of(2, Arbitraries.of(SWITCHES).map(List::of)),
                Tuple.of(1, Arbitraries.of(OPTIONS).map(List::of)),
                Tuple.of(1, Arbitraries.of(VALUES).map(List::of)));
        Arbitrary<List<String>> args = token.list()
                .ofMaxSize(5)
                .map(tokens -> withConfig(tokens.stream().flatMap(List::stream).toList()));
        Arbitrary<Map<String, String>> environment = Arbitraries.maps(
                        Arbitraries.of(
                                "SWITCHBOARD_ECHO_PORT",
                                "SWITCHBOARD_DATA_DIR",
                                "SWITCHBOARD_CONFIG",
                                "SWITCHBOARD_NOPE"),
                        Arbitraries.of(VALUES).map(ServeArgsTest::config))
                .ofMaxSize(2);
        return Combinators.combine(args, environment).as(Case::new);
    }

    private static List<String> withConfig(List<String> args) {
        List<String> out = new ArrayList<>();
        for (String arg : args) {
            out.add(arg.replace("CONFIG", CONFIG.toString()));
        }
        return out;
    }

    private static String config(String value) {
        return value.replace("CONFIG", CONFIG.toString());
    }

    /** What a reader made of a command line: the options and the switch, or the one-line error. */
    private static String outcome(ServeCommand.Parsed parsed) {
        return parsed.help() ? "help" : parsed.options() + " print-config=" + parsed.printConfig();
    }

    @Property(tries = 2000)
    void whatTheDaemonReadsItselfPicocliReadsAlike(@ForAll("commandLines") Case c) {
        String[] args = c.args().toArray(new String[0]);
        String direct;
        try {
            ServeCommand.Parsed parsed = ServeArgs.direct(c.environment(), args);
            Statistics.collect(parsed == null ? "left to picocli" : "read directly");
            if (parsed == null) {
                return;
            }
            direct = outcome(parsed);
        } catch (UsageException e) {
            Statistics.collect("refused directly");
            direct = "error: " + e.getMessage();
        }
        String picocli;
        try {
            picocli = outcome(ServeCommand.parse(c.environment(), args));
        } catch (UsageException e) {
            picocli = "error: " + e.getMessage();
        }
        assertEquals(picocli, direct, String.join(" ", c.args()) + " with " + c.environment());
    }

    @AfterProperty
    void enoughCommandLinesAreReadDirectly() {
        // Else the property above would compare nothing.
        Statistics.coverage(c -> {
            c.check("read directly").percentage(p -> p > 10);
            c.check("refused directly").percentage(p -> p > 10);
        });
    }

    @Test
    void theUsualShapesAreReadWithoutPicocli() throws UsageException {
        Map<String, String> env = new LinkedHashMap<>(Map.of("SWITCHBOARD_ECHO_PORT", "0"));
        ServeCommand.Parsed p = ServeArgs.direct(
                env, "--chat-port", "0", "--tls-cert=a//b/", "--print-config", "--config", CONFIG.toString());
        assertNotNull(p);
        assertEquals(0, p.options().ports().get("chat"), "the flag over the file");
        assertEquals(0, p.options().ports().get("echo"), "the environment");
        assertEquals(4096, p.options().maxFrameBytes(), "the file");
        assertEquals("a/b", p.options().tlsCert(), "a file name as picocli's File converter gives it");
        assertEquals(true, p.printConfig());
    }

    @Test
    void helpIsReadDirectlyWhateverTheValuesAndLayersSay() throws UsageException {
        ServeCommand.Parsed p = ServeArgs.direct(Map.of("SWITCHBOARD_NOPE", "1"), "--max-frame", "lots", "--help");
        assertNotNull(p);
        assertEquals(true, p.help());
    }

    @Test
    void mistakesAndUnusualValuesAreLeftToPicocli() throws UsageException {
        for (List<String> args : List.of(
                List.of("--help", "--bogus"),
                List.of("--bogus", "1"),
                List.of("--chat-port"),
                List.of("--chat-port", "-1"),
                List.of("--chat-port="),
                List.of("stray"),
                List.of("--"),
                List.of("--print-config=yes"))) {
            assertNull(ServeArgs.direct(Map.of(), args.toArray(new String[0])), args.toString());
        }
        assertNull(
                ServeArgs.direct(Map.of("SWITCHBOARD_DATA_DIR", "${sys:user.home}/x")),
                "picocli expands ${...} in the environment and config file");
    }
}
