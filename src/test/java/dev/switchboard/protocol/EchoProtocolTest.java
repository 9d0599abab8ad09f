package dev.switchboard.protocol;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.switchboard.kit.SharedDaemon;
import dev.switchboard.kit.TestClient;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** SPEC.md "echo (seed 004)", over real sockets. */
class EchoProtocolTest {
    @RegisterExtension
    static final SharedDaemon daemon = new SharedDaemon();

    @Test
    void bytesComeBackUnchanged() throws Exception {
        byte[] bytes = new byte[100_000];
        new Random(4).nextBytes(bytes);
        try (TestClient c = daemon.connect("echo")) {
            c.send(bytes);
            assertArrayEquals(bytes, c.readExactly(bytes.length));
        }
    }

    @Test
    void linesComeBackAsTheyArrive() throws Exception {
        try (TestClient c = daemon.connect("echo")) {
            c.send("Hello, Server!\r\n");
            assertEquals("Hello, Server!\r", c.readLine());
            c.send("partial line without end");
            assertEquals("partial line without end", c.readText(24));
        }
    }

    @Test
    void exitWithNewlineSaysGoodbyeWithTheSameEndingThenCloses() throws Exception {
        try (TestClient c = daemon.connect("echo")) {
            c.send("hi\nexit\n");
            assertEquals("hi", c.readLine());
            assertEquals("Goodbye!", c.readLine());
            c.expectClosed();
        }
        try (TestClient c = daemon.connect("echo")) {
            c.send("  EXIT\t\r\n");
            assertEquals("Goodbye!\r", c.readLine());
            c.expectClosed();
        }
    }

    @Test
    void seedClientExitWithoutNewlineSaysGoodbyeWithoutEnding() throws Exception {
        try (TestClient c = daemon.connect("echo")) {
            c.send("Hello, Server!");
            assertEquals("Hello, Server!", c.readText(14));
            c.send("exit");
            assertEquals("Goodbye!", c.readText(8));
            c.expectClosed();
        }
    }

    @Test
    void exitInsideALineIsEchoed() throws Exception {
        try (TestClient c = daemon.connect("echo")) {
            c.send("\nplease exit\nexit now\n");
            assertEquals("", c.readLine());
            assertEquals("please exit", c.readLine());
            assertEquals("exit now", c.readLine());
        }
    }

    @Test
    void lineSplitAcrossReadsIsNotCutAfterTheFirstNewline() throws Exception {
        try (TestClient c = daemon.connect("echo")) {
            c.send("first\n");
            assertEquals("first", c.readLine());
            c.send("ex");
            c.expectSilence(200);
            c.send("it\n");
            assertEquals("Goodbye!", c.readLine());
            c.expectClosed();
        }
    }
}
