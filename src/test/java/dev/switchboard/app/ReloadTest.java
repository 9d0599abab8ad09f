package dev.switchboard.app;

import static dev.switchboard.kit.TestClient.frame5;
import static dev.switchboard.kit.TestClient.header128;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.kit.DaemonProcess;
import dev.switchboard.kit.TestClient;
import dev.switchboard.protocol.web.WsTestClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SIGHUP on the daemon as its own process: what changes live, what is kept, and nobody dropped. */
class ReloadTest {
    private static final Duration WAIT = Duration.ofSeconds(20);
    /** Every listener of the seeds on a free port, from the file (a flag would win over it). */
    private static final String PORTS =
            "command-port=0\nframe5-port=0\nheader128-port=0\nchat-port=0\necho-port=0\nweb-port=off\n";

    @TempDir
    Path dir;

    @Test
    void sighupChangesTheLineLimitAndLogLevelUnderLiveConnectionsOfEveryProtocolAndDropsNone() throws Exception {
        Path config = dir.resolve("switchboard.properties");
        String ports = PORTS.replace("web-port=off", "web-port=0");
        Files.writeString(config, ports + "max-frame=1000\nlog-level=info\n");
        try (DaemonProcess d = DaemonProcess.serve(6, "--config", config.toString());
                WsTestClient web = WsTestClient.connect(d.port("web"));
                TestClient command = new TestClient(d.port("command"));
                TestClient frame = new TestClient(d.port("frame5"));
                TestClient header = new TestClient(d.port("header128"));
                TestClient chat = new TestClient(d.port("chat"));
                TestClient echo = new TestClient(d.port("echo"))) {
            assertEquals("Hello Client!", command.readLine());
            // The browser joined first: the upgrade was answered before the nc member connected.
            assertEquals("* welcome guest-1", web.readText());
            assertEquals("* welcome guest-2", chat.readLine());
            assertEquals("* guest-2 joined", web.readText());
            everyOneAnswers(command, frame, header, chat, echo, "before");
            browserHears(web, "before");
            String longLine = "x".repeat(100);

            Files.writeString(config, ports + "max-frame=64\nlog-level=debug\n");
            d.sighup();
            assertTrue(d.waitForLog("reload: applied max-frame 1000 -> 64, log-level info -> debug", WAIT), d.stderr());
            everyOneAnswers(command, frame, header, chat, echo, "after");
            browserHears(web, "after");
            assertTrue(d.waitForLog("DEBUG command", WAIT), "debug lines appear now:\n" + d.stderr());
            // A connection keeps the limit its decoder was made with; a new one has the new limit.
            command.send(longLine + "\n");
            assertEquals("400 BAD REQUEST", command.readLine());
            try (TestClient fresh = new TestClient(d.port("command"))) {
                assertEquals("Hello Client!", fresh.readLine());
                fresh.send(longLine + "\n");
                assertEquals("400 BAD REQUEST line longer than 64 bytes", fresh.readLine());
                fresh.expectClosed();
            }

            Files.writeString(config, ports + "max-frame=64\nlog-level=info\n");
            d.sighup();
            assertTrue(d.waitForLog("reload: applied log-level debug -> info", WAIT), d.stderr());
            int mark = d.stderr().length();
            everyOneAnswers(command, frame, header, chat, echo, "quiet");
            browserHears(web, "quiet");
            // An INFO line after the requests: once it is in the log, so would their DEBUG lines be.
            new TestClient(d.port("command")).close();
            assertTrue(waitForLogAfter(d, mark, "disconnected"), d.stderr());
            String after = d.stderr().substring(mark);
            assertFalse(after.contains("DEBUG"), "no debug lines at info:\n" + after);
            assertTrue(d.isAlive());
            assertFalse(d.stderr().contains("ERROR"), d.stderr());
        }
    }

    @Test
    void anUnreadableConfigFileOnSighupIsOneErrorAndTheOldSettingsStay() throws Exception {
        Path config = dir.resolve("switchboard.properties");
        Files.writeString(config, PORTS + "max-frame=1000\n");
        try (DaemonProcess d = DaemonProcess.serve(5, "--config", config.toString());
                TestClient before = new TestClient(d.port("command"))) {
            assertEquals("Hello Client!", before.readLine());
            Files.writeString(config, PORTS + "max-frame=lots\n");
            d.sighup();
            assertTrue(d.waitForLog("ERROR reload failed: option --max-frame takes a whole number", WAIT), d.stderr());
            Files.delete(config);
            d.sighup();
            assertTrue(d.waitForLog("reload failed: cannot read config file", WAIT), d.stderr());
            before.send("HELP\n");
            assertEquals("200 OK DISCONNECT HELP", before.readLine());
            try (TestClient after = new TestClient(d.port("command"))) {
                assertEquals("Hello Client!", after.readLine());
                after.send("y".repeat(500) + "\n");
                assertEquals("400 BAD REQUEST", after.readLine(), "the old max-frame of 1000 still holds");
            }
            assertTrue(d.isAlive());
            assertFalse(d.stderr().contains("reload: applied"), d.stderr());
        }
    }

    @Test
    void aChangedPortIsLoggedAsNeedingARestartAndAFlagStillWinsOverTheFile() throws Exception {
        Path config = dir.resolve("switchboard.properties");
        Files.writeString(config, PORTS + "max-connections=50\n");
        try (DaemonProcess d = DaemonProcess.serve(5, "--config", config.toString(), "--chat-max-rooms", "7")) {
            int port = d.port("command");
            Files.writeString(
                    config,
                    PORTS.replace("command-port=0", "command-port=1") + "max-connections=60\n" + "chat-max-rooms=9\n");
            d.sighup();
            assertTrue(d.waitForLog("reload: applied max-connections 50 -> 60", WAIT), d.stderr());
            String log = d.stderr();
            assertTrue(log.contains("WARN  reload: --command-port changed to 1; needs a restart (kept 0)"), log);
            assertTrue(
                    log.contains("reload: the config file sets chat-max-rooms=9, but the flag --chat-max-rooms wins"
                            + " (kept 7)"),
                    log);
            try (TestClient c = new TestClient(port)) {
                assertEquals("Hello Client!", c.readLine());
            }
        }
    }

    @Test
    void aShorterFrameTimeoutHoldsAPartialLineThatIsAlreadyWaiting() throws Exception {
        Path config = dir.resolve("switchboard.properties");
        Files.writeString(config, PORTS + "frame-timeout=60\n");
        try (DaemonProcess d = DaemonProcess.serve(5, "--config", config.toString());
                TestClient c = new TestClient(d.port("command"))) {
            assertEquals("Hello Client!", c.readLine());
            // After its first newline, only a newline ends a command: "HEL" waits for the rest.
            c.send("HELP\n");
            assertEquals("200 OK DISCONNECT HELP", c.readLine());
            c.send("HEL");
            c.expectSilence(200);
            Files.writeString(config, PORTS + "frame-timeout=1\n");
            d.sighup();
            // Within the client's 10 s read timeout, so not under the old 60 s.
            assertEquals("400 BAD REQUEST message incomplete after 1 s", c.readLine());
            c.expectClosed();
        }
    }

    @Test
    void withoutAConfigFileSighupHasNothingToReReadAndTheDaemonServesOn() throws Exception {
        try (DaemonProcess d = DaemonProcess.serveOnFreePorts("--max-frame", "64");
                TestClient before = new TestClient(d.port("command"))) {
            assertEquals("Hello Client!", before.readLine());
            d.sighup();
            assertTrue(d.waitForLog("INFO  reload: no config file; nothing to re-read", WAIT), d.stderr());
            before.send("HELP\n");
            assertEquals("200 OK DISCONNECT HELP", before.readLine());
            d.sigterm();
            assertEquals(0, d.awaitExit(WAIT), "a SIGTERM after a SIGHUP still drains and exits 0");
        }
    }

    /** The WebSocket member is still in the chat: it hears the nc member and is answered itself. */
    private static void browserHears(WsTestClient web, String word) throws Exception {
        assertEquals("<guest-2> " + word, web.readText());
        web.sendText("/who");
        assertEquals("* online: guest-1, guest-2", web.readText());
    }

    private static void everyOneAnswers(
            TestClient command, TestClient frame, TestClient header, TestClient chat, TestClient echo, String word)
            throws Exception {
        command.send("HELP\n");
        assertEquals("200 OK DISCONNECT HELP", command.readLine());
        frame.send(frame5(1, word));
        assertEquals(word, frame.readFrame5().text());
        header.send(header128(word));
        assertEquals("Msg received", header.readHeader128());
        chat.send(word + "\n");
        assertEquals(word, chat.readLine());
        echo.send(word + "\n");
        assertEquals(word, echo.readLine());
    }

    private static boolean waitForLogAfter(DaemonProcess d, int from, String text) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!d.stderr().substring(from).contains(text)) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(20);
        }
        return true;
    }
}
