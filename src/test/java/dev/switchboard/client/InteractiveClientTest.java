package dev.switchboard.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.kit.SharedDaemon;
import dev.switchboard.kit.TestClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.jline.reader.Candidate;
import org.jline.reader.LineReader;
import org.jline.reader.impl.LineReaderImpl;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The interactive client on a JLine terminal built over in-memory streams, against the real daemon. */
class InteractiveClientTest {
    @RegisterExtension
    static final SharedDaemon daemon = new SharedDaemon();

    private static Console console(String type, Dialect<?> dialect, Path history) throws Exception {
        return new Console(type, dialect, daemon.port(dialect.protocol()), history);
    }

    private static List<String> complete(LineReader reader, String typed) {
        List<Candidate> candidates = new ArrayList<>();
        ((LineReaderImpl) reader)
                .getCompleter()
                .complete(reader, reader.getParser().parse(typed, typed.length()), candidates);
        return candidates.stream().map(Candidate::value).toList();
    }

    @Test
    void tabCompletesTheProtocolsWordsWithDescriptions(@TempDir Path dir) throws Exception {
        try (Console c = console("dumb", new Frame5Dialect(), dir.resolve("h"))) {
            LineReader reader = reader(c, new Frame5Dialect(), dir);
            assertEquals(
                    List.of("echo", "rev", "quit", "help"),
                    complete(reader, "re"),
                    "JLine filters by prefix; we offer all");
            assertTrue(complete(reader, "rev ab").isEmpty(), "frame5 words take free text");
        }
    }

    private static LineReader reader(Console c, Dialect<?> dialect, Path dir) throws Exception {
        Endpoint endpoint = new Endpoint("127.0.0.1", daemon.port(dialect.protocol()), dialect.protocol(), 5000, null);
        return new InteractiveSession(
                        new org.jline.terminal.impl.DumbTerminal(
                                new LiveKeyboard(), new java.io.ByteArrayOutputStream()),
                        endpoint,
                        dialect,
                        5000,
                        dir.resolve("h2"))
                .reader();
    }

    @Test
    void everyProtocolHasItsWords() {
        List<String> words =
                new ChatDialect().words().stream().map(Dialect.Word::text).toList();
        assertEquals(
                List.of(
                        "/join",
                        "/part",
                        "/rooms",
                        "/who",
                        "/msg",
                        "/nick",
                        "/register",
                        "/login",
                        "/help",
                        "/quit",
                        "logout"),
                words);
        assertEquals(
                List.of("DISCONNECT", "HELP"),
                new CommandDialect().words().stream().map(Dialect.Word::text).toList());
        assertEquals(
                List.of("!DISCONNECT!"),
                new Header128Dialect().words().stream().map(Dialect.Word::text).toList());
        assertEquals(
                List.of("exit"),
                new EchoDialect().words().stream().map(Dialect.Word::text).toList());
    }

    @Test
    void repliesAreShownAndLinesAreKeptInAPrivateHistoryFile(@TempDir Path dir) throws Exception {
        Path history = dir.resolve("history-command");
        try (Console c = console("dumb", new CommandDialect(), history)) {
            c.awaitShown("Hello Client!")
                    .type("HELP\n")
                    .awaitShown("200 OK DISCONNECT HELP")
                    .type("hi!\n")
                    .awaitShown("400 BAD REQUEST")
                    .type("DISCONNECT\n");
            assertEquals(0, c.exitStatus());
        }
        String kept = Files.readString(history);
        assertTrue(kept.contains("HELP") && kept.contains("hi!") && kept.contains("DISCONNECT"), kept);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(history)));
    }

    @Test
    void aBannerSaysTabHelpAndCtrlD(@TempDir Path dir) throws Exception {
        try (Console c = console("dumb", new EchoDialect(), dir.resolve("h"))) {
            c.awaitShown("Connected to echo 127.0.0.1:" + daemon.port("echo")
                    + ". Tab completes, help lists the commands, Ctrl+D quits.");
            c.type("exit\n");
            assertEquals(0, c.exitStatus());
        }
    }

    @Test
    void ctrlDSaysTheProtocolsGoodbyeAndACalmByeOnce(@TempDir Path dir) throws Exception {
        try (Console c = console("xterm-256color", new Frame5Dialect(), dir.resolve("h"))) {
            // The reply is in once the prompt is back; the typed word itself is drawn a letter at
            // a time around the hint on a colour terminal, so it cannot be counted on screen.
            c.type("echo ping\n").awaitShown("> ", 2).type(dev.switchboard.kit.Keyboard.CTRL_D);
            assertEquals(0, c.exitStatus());
            assertEquals(1, Console.count(c.screen(), "bye"), c.screen());
            assertFalse(c.screen().contains("connection closed"), c.screen());
        }
    }

    @Test
    void helpIsAnsweredLocallyAndNeverSentAsData(@TempDir Path dir) throws Exception {
        try (Console c = console("dumb", new Header128Dialect(), dir.resolve("h"))) {
            c.type("help\n").awaitShown("say goodbye; the server closes").type("!DISCONNECT!\n");
            assertEquals(0, c.exitStatus());
            assertEquals(
                    1,
                    Console.count(c.screen(), "Msg received"),
                    "only !DISCONNECT! reached the server: " + c.screen());
        }
        try (Console c = console("dumb", new EchoDialect(), dir.resolve("h"))) {
            // Typed only once the prompt is up: earlier keys are echoed by the terminal itself.
            // The prompt, not the banner that names the same address just before it.
            c.awaitShown("> ")
                    .type("help\n")
                    .awaitShown("answered here, not sent")
                    .type("exit\n");
            assertEquals(0, c.exitStatus());
            assertFalse(
                    Arrays.asList(c.screen().split("[\r\n]+")).contains("help"),
                    "echo never sent help back: " + c.screen());
        }
    }

    @Test
    void errorRepliesAreMarkedInColourAndThePromptIsColoured(@TempDir Path dir) throws Exception {
        try (Console c = console("xterm-256color", new CommandDialect(), dir.resolve("h"))) {
            c.type("FOO\n").awaitShown("400 BAD REQUEST").type("DISCONNECT\n");
            assertEquals(0, c.exitStatus());
            String shown = c.screen();
            assertTrue(shown.contains("\u001b[31;1m400 BAD REQUEST"), "bold red: " + shown);
            assertTrue(shown.contains("200 OK") && !shown.contains("m200 OK"), "plain: " + shown);
            assertTrue(shown.contains("\u001b[32;1mcommand"), "protocol in green in the prompt: " + shown);
        }
    }

    @Test
    void ownChatLineIsShownOnceAndAGoodbyeIsACalmBye(@TempDir Path dir) throws Exception {
        try (Console c = console("dumb", new ChatDialect(), dir.resolve("h"))) {
            c.awaitShown("* welcome guest-");
            c.type("hello just once\n/who\n").awaitShown("* online: ");
            assertEquals(1, Console.count(c.screen(), "hello just once"), c.screen());
            c.type("/quit\n");
            assertEquals(0, c.exitStatus());
            assertTrue(c.screen().contains("bye"), c.screen());
            assertFalse(c.screen().contains("connection closed"), c.screen());
        }
    }

    @Test
    void othersLinesAppearWhileTyping(@TempDir Path dir) throws Exception {
        try (Console c = console("dumb", new ChatDialect(), dir.resolve("h"));
                TestClient other = daemon.connect("chat")) {
            c.awaitShown("* welcome guest-");
            other.readLine();
            other.send("/nick other\nhello from elsewhere\n");
            c.awaitShown("<other> hello from elsewhere").type("logout\n");
            assertEquals(0, c.exitStatus());
        }
    }

    @Test
    void hintsShowTheArgumentAWordExpects(@TempDir Path dir) throws Exception {
        try (Console c = console("xterm-256color", new Frame5Dialect(), dir.resolve("h"))) {
            c.type("rev ").awaitShown("MESSAGE");
            c.type("abc\n").awaitShown("cba").type(dev.switchboard.kit.Keyboard.CTRL_D);
            assertEquals(0, c.exitStatus());
        }
        try (Console c = console("xterm-256color", new ChatDialect(), dir.resolve("h"))) {
            c.awaitShown("* welcome ").type("/msg ").awaitShown("NAME").awaitShown("TEXT");
            // Rubbed out key by key: Ctrl+C is a signal, which Ctrl+D could overtake.
            c.type("\u007f".repeat(5) + dev.switchboard.kit.Keyboard.CTRL_D);
            assertEquals(0, c.exitStatus());
        }
    }
}
