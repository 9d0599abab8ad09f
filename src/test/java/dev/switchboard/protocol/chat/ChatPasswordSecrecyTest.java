package dev.switchboard.protocol.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.kit.DaemonProcess;
import dev.switchboard.kit.TestClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A password, right or wrong, appears nowhere: not in a reply to anyone, not in the log even at
 * DEBUG (which logs every chat line), not in the data directory. The real daemon, as a process.
 */
class ChatPasswordSecrecyTest {
    private static final String RIGHT = "Right-Horse-Battery-7";
    private static final String WRONG = "Wrong-Staple-Guess-9";

    @TempDir
    Path dataDir;

    @Test
    void aPasswordIsNeverInARepliesLogsOrFiles() throws Exception {
        List<String> seen = new ArrayList<>();
        String stderr;
        try (DaemonProcess daemon =
                DaemonProcess.serveOnFreePorts("--log-level", "debug", "--data-dir", dataDir.toString())) {
            try (TestClient owner = new TestClient(daemon.port("chat"));
                    TestClient guesser = new TestClient(daemon.port("chat"))) {
                seen.add(owner.readLine());
                seen.add(guesser.readLine());
                seen.add(owner.readLine());
                owner.send("/nick alice\n");
                seen.add(owner.readLine());
                seen.add(guesser.readLine());
                owner.send("/register " + RIGHT + "\n");
                seen.add(owner.readLine());
                guesser.send("/login alice " + WRONG + "\n");
                seen.add(guesser.readLine());
                guesser.send("/login alice " + RIGHT + " \n");
                seen.add(guesser.readLine());
                owner.send("/login Alice " + WRONG + "\n");
                seen.add(owner.readLine());
                assertTrue(daemon.waitForLog("alice", Duration.ofSeconds(10)));
            }
            daemon.sigterm();
            assertEquals(0, daemon.awaitExit(Duration.ofSeconds(15)));
            stderr = daemon.stderr();
        }
        assertEquals("* alice is now registered", seen.get(5));
        assertEquals("! wrong password for alice", seen.get(6));
        assertTrue(stderr.contains("wrong password for alice"), "the failure itself is logged");
        assertTrue(stderr.contains("/login alice ****"), "DEBUG logs the command without its password");
        for (String line : seen) {
            assertFalse(line.contains(RIGHT) || line.contains(WRONG), line);
        }
        assertFalse(stderr.contains(RIGHT) || stderr.contains(WRONG), stderr);
        try (Stream<Path> files = Files.walk(dataDir)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                String text = Files.readString(f);
                assertFalse(text.contains(RIGHT) || text.contains(WRONG), f + ": " + text);
            }
        }
    }
}
