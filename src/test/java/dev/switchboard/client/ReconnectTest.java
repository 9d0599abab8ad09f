package dev.switchboard.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.kit.TestClient;
import dev.switchboard.kit.TestDaemon;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A daemon restart under a connected interactive client: the prompt says so, the next command reconnects. */
class ReconnectTest {

    private static TestDaemon restartOn(String protocol, int port) throws Exception {
        return TestDaemon.start(o -> o.withPorts(Map.of(protocol, port)));
    }

    @Test
    void afterTheServerGoesAwayThePromptSaysNotConnectedAndTheNextCommandReconnects(@TempDir Path dir)
            throws Exception {
        TestDaemon first = TestDaemon.start();
        int port = first.port("command");
        try (Console c = new Console("xterm-256color", new CommandDialect(), port, dir.resolve("h"))) {
            c.awaitShown("Hello Client!").type("HELP\n").awaitShown("200 OK DISCONNECT HELP");
            first.close();
            c.awaitShown("\u001b[31;1mconnection closed by server").awaitShown("not connected> ");
            c.type("HELP\n").awaitShown("connection refused; is `switchboard serve` running there?");
            TestDaemon second = restartOn("command", port);
            try {
                c.type("HELP\n").awaitShown("reconnected to 127.0.0.1:" + port).awaitShown("200 OK DISCONNECT HELP", 2);
                c.type("DISCONNECT\n");
                assertEquals(0, c.exitStatus());
                assertTrue(c.screen().contains("bye"), c.screen());
            } finally {
                second.close();
            }
        }
    }

    @Test
    void chatTakesBackItsNameAfterARestart(@TempDir Path dir) throws Exception {
        TestDaemon first = TestDaemon.start();
        int port = first.port("chat");
        try (Console c = new Console("dumb", new ChatDialect(), port, dir.resolve("h"))) {
            c.awaitShown("* welcome guest-").type("/nick ada\n").awaitShown("* you are now ada");
            first.close();
            c.awaitShown("connection closed by server").awaitShown("not connected> ");
            TestDaemon second = restartOn("chat", port);
            try (TestClient watcher = second.connect("chat")) {
                watcher.readLine();
                c.type("back again\n").awaitShown("reconnected to").awaitShown("* you are now ada", 2);
                watcher.send("/nick watcher\n");
                String line;
                do {
                    line = watcher.readLine();
                } while (!line.startsWith("<"));
                assertEquals("<ada> back again", line, "the line went out after the name was taken back");
                c.type("/quit\n");
                assertEquals(0, c.exitStatus());
            } finally {
                second.close();
            }
        }
    }

    @Test
    void ctrlDWhileNotConnectedJustSaysBye(@TempDir Path dir) throws Exception {
        TestDaemon first = TestDaemon.start();
        try (Console c = new Console("dumb", new EchoDialect(), first.port("echo"), dir.resolve("h"))) {
            c.awaitShown("echo 127.0.0.1:");
            first.close();
            c.awaitShown("not connected> ").type(dev.switchboard.kit.Keyboard.CTRL_D);
            assertEquals(0, c.exitStatus());
            assertTrue(c.screen().contains("bye"), c.screen());
        }
    }
}
