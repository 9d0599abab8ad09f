package dev.switchboard.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class UsageTest {
    @Test
    void theKeptHelpPageIsTheOnePicocliRenders() throws Exception {
        String kept = Files.readString(
                Path.of("src/main/resources/dev/switchboard/app", Usage.SERVE_PAGE_RESOURCE), StandardCharsets.UTF_8);
        assertEquals(ServeCommand.usage(), kept, "stale: run tools/completion and commit the page");
    }

    @Test
    void serveHelpPrintsThePageAndExitsZero() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int status = Main.run(
                new String[] {"serve", "--chat-port", "9", "--help"},
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        assertEquals(0, status);
        assertEquals(ServeCommand.usage(), out.toString(StandardCharsets.UTF_8));
    }

    @Test
    void helpPrintsTheGeneralPageThenServes() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int status = Main.run(
                new String[] {"--help"},
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        assertEquals(0, status);
        String page = out.toString(StandardCharsets.UTF_8);
        assertTrue(page.startsWith(Usage.TEXT) && page.endsWith(ServeCommand.usage()), page);
    }
}
