package dev.switchboard.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.kit.Keyboard;
import dev.switchboard.kit.SharedDaemon;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jline.reader.Candidate;
import org.jline.reader.LineReader;
import org.jline.reader.impl.LineReaderImpl;
import org.jline.terminal.Terminal;
import org.jline.terminal.impl.ExternalTerminal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The interactive client on a JLine terminal built over in-memory streams. */
class InteractiveClientTest {
    @RegisterExtension
    static final SharedDaemon daemon = new SharedDaemon();

    /** A terminal in JLine's own line discipline (no kernel pty), fed by {@code typed} keys. */
    private static Terminal terminal(String type, String typed, ByteArrayOutputStream screen) throws Exception {
        return new ExternalTerminal("test", type, new Keyboard(typed), screen, StandardCharsets.UTF_8);
    }

    private static <F> InteractiveSession session(Dialect<F> dialect, Terminal terminal, Path history) throws Exception {
        ServerLink link = ServerLink.open("127.0.0.1", daemon.port(dialect.protocol()), 5000, dialect);
        return new InteractiveSession(terminal, link, dialect, "127.0.0.1", 5000, history);
    }

    @Test
    void tabCompletesTheProtocolsWordsWithDescriptions(@TempDir Path dir) throws Exception {
        ByteArrayOutputStream screen = new ByteArrayOutputStream();
        try (Terminal t = terminal("dumb", "", screen)) {
            LineReader reader = session(new Frame5Dialect(), t, dir.resolve("h")).reader();
            List<Candidate> candidates = new ArrayList<>();
            ((LineReaderImpl) reader).getCompleter().complete(reader, reader.getParser().parse("re", 2), candidates);
            List<String> values = candidates.stream().map(Candidate::value).toList();
            assertEquals(List.of("echo", "rev", "quit", "help"), values, "JLine filters by prefix; we offer all");
            assertTrue(candidates.stream().allMatch(c -> c.descr() != null && !c.descr().isEmpty()));
            List<Candidate> second = new ArrayList<>();
            ((LineReaderImpl) reader).getCompleter().complete(reader, reader.getParser().parse("rev ab", 6), second);
            assertTrue(second.isEmpty(), "only the first word is a command");
        }
    }

    @Test
    void chatCompletesItsCommands() {
        List<String> words = new ChatDialect().words().stream().map(Dialect.Word::text).toList();
        assertEquals(List.of("/nick", "/who", "/quit", "logout"), words);
        assertEquals(List.of("DISCONNECT", "HELP"), new CommandDialect().words().stream().map(Dialect.Word::text).toList());
        assertEquals(List.of("!DISCONNECT!"), new Header128Dialect().words().stream().map(Dialect.Word::text).toList());
        assertEquals(List.of("exit"), new EchoDialect().words().stream().map(Dialect.Word::text).toList());
    }

    @Test
    void repliesAreShownAndLinesAreKeptInTheHistoryFile(@TempDir Path dir) throws Exception {
        Path history = dir.resolve("history-command");
        ByteArrayOutputStream screen = new ByteArrayOutputStream();
        try (Terminal t = terminal("dumb", "HELP\nhi!\nDISCONNECT\n", screen)) {
            assertEquals(0, session(new CommandDialect(), t, history).run());
        }
        String shown = screen.toString(StandardCharsets.UTF_8);
        assertTrue(shown.contains("Hello Client!"), shown);
        assertTrue(shown.contains("200 OK DISCONNECT HELP"), shown);
        assertTrue(shown.contains("400 BAD REQUEST"), shown);
        String kept = Files.readString(history);
        assertTrue(kept.contains("HELP") && kept.contains("hi!") && kept.contains("DISCONNECT"), kept);
    }

    @Test
    void ctrlDSaysTheProtocolsGoodbye(@TempDir Path dir) throws Exception {
        ByteArrayOutputStream screen = new ByteArrayOutputStream();
        try (Terminal t = terminal("dumb", "echo ping\n" + Keyboard.CTRL_D, screen)) {
            assertEquals(0, session(new Frame5Dialect(), t, dir.resolve("h")).run());
        }
        String shown = screen.toString(StandardCharsets.UTF_8);
        assertTrue(shown.contains("ping"), shown);
        assertTrue(shown.contains("bye"), "Ctrl+D sent QUIT and got its reply: " + shown);
    }

    @Test
    void errorRepliesAreMarkedInColourOnAColourTerminal(@TempDir Path dir) throws Exception {
        ByteArrayOutputStream screen = new ByteArrayOutputStream();
        try (Terminal t = terminal("xterm-256color", "FOO\nDISCONNECT\n", screen)) {
            session(new CommandDialect(), t, dir.resolve("h")).run();
        }
        String shown = screen.toString(StandardCharsets.UTF_8);
        assertTrue(shown.contains("\u001b[31;1m400 BAD REQUEST"), "bold red: " + shown);
        assertTrue(shown.contains("200 OK") && !shown.contains("m200 OK"), "plain: " + shown);
    }
}
