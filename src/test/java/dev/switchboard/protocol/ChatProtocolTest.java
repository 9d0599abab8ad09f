package dev.switchboard.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.kit.TestClient;
import dev.switchboard.kit.TestDaemon;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** SPEC.md "chat (seed 003)", over real sockets. A fresh room per test keeps names predictable. */
class ChatProtocolTest {
    private TestDaemon daemon;
    private final List<TestClient> clients = new ArrayList<>();

    @BeforeEach
    void start() throws Exception {
        daemon = TestDaemon.start(o -> o.withMaxFrameBytes(4096).withMaxPendingOutputBytes(256 * 1024));
    }

    @AfterEach
    void stop() throws Exception {
        for (TestClient c : clients) {
            c.close();
        }
        daemon.close();
    }

    /** Connects, reads the welcome, and (for every earlier client) the join notice. */
    private TestClient join(String expectedName) throws Exception {
        TestClient c = daemon.connect("chat");
        assertEquals("* welcome " + expectedName, c.readLine());
        for (TestClient other : clients) {
            assertEquals("* " + expectedName + " joined", other.readLine());
        }
        clients.add(c);
        return c;
    }

    @Test
    void newClientIsWelcomedAsGuestAndOthersSeeTheJoin() throws Exception {
        join("guest-1");
        join("guest-2");
        join("guest-3");
    }

    @Test
    void aLineGoesBackToItsSenderAsSentAndToOthersWithTheName() throws Exception {
        TestClient a = join("guest-1");
        TestClient b = join("guest-2");
        TestClient c = join("guest-3");
        b.send("hello there\r\n");
        assertEquals("hello there", b.readLine());
        assertEquals("<guest-2> hello there", a.readLine());
        assertEquals("<guest-2> hello there", c.readLine());
    }

    @Test
    void emptyLinesAreIgnored() throws Exception {
        TestClient a = join("guest-1");
        TestClient b = join("guest-2");
        a.send("\n\r\n   \nreal\n");
        assertEquals("real", a.readLine());
        assertEquals("<guest-1> real", b.readLine());
    }

    @Test
    void aLineWithoutNewlineIsNotSent() throws Exception {
        TestClient a = join("guest-1");
        TestClient b = join("guest-2");
        a.send("no newline yet");
        b.expectSilence(300);
        a.send(" - now\n");
        assertEquals("<guest-1> no newline yet - now", b.readLine());
    }

    @Test
    void nickRenamesAndTellsEveryone() throws Exception {
        TestClient a = join("guest-1");
        TestClient b = join("guest-2");
        a.send("/nick alice\n");
        assertEquals("* you are now alice", a.readLine());
        assertEquals("* guest-1 is now alice", b.readLine());
        a.send("hi\n");
        assertEquals("hi", a.readLine());
        assertEquals("<alice> hi", b.readLine());
    }

    @Test
    void nickRefusalsSayWhyAndReachOnlyTheAsker() throws Exception {
        TestClient a = join("guest-1");
        TestClient b = join("guest-2");
        b.send("/nick Bob\n");
        assertEquals("* you are now Bob", b.readLine());
        assertEquals("* guest-2 is now Bob", a.readLine());
        String[] bad = {
            "/nick\n",
            "/nick " + "x".repeat(33) + "\n",
            "/nick bad name\n",
            "/nick evil\u001b[2J\n",
            "/nick BOB\n",
            "/nick caf\u00e9\n"
        };
        for (String command : bad) {
            a.send(command);
            String reply = a.readLine();
            assertTrue(reply.startsWith("! "), command + " -> " + reply);
            assertFalse(reply.contains("\u001b"), reply);
        }
        a.send("/who\n");
        assertEquals("* online: guest-1, Bob", a.readLine());
        b.expectSilence(200);
    }

    @Test
    void nickAcceptsLettersDigitsDashUnderscoreDotUpTo32() throws Exception {
        TestClient a = join("guest-1");
        String name = "A.b_c-9" + "x".repeat(25);
        a.send("/nick " + name + "\n");
        assertEquals("* you are now " + name, a.readLine());
    }

    @Test
    void whoListsEveryoneOnline() throws Exception {
        TestClient a = join("guest-1");
        join("guest-2");
        a.send("/who\n");
        assertEquals("* online: guest-1, guest-2", a.readLine());
    }

    @Test
    void logoutAndQuitCloseAndOthersSeeTheLeave() throws Exception {
        TestClient a = join("guest-1");
        TestClient b = join("guest-2");
        TestClient c = join("guest-3");
        b.send("logout\n");
        b.expectClosed();
        assertEquals("* guest-2 left", a.readLine());
        assertEquals("* guest-2 left", c.readLine());
        c.send("/quit\n");
        c.expectClosed();
        assertEquals("* guest-3 left", a.readLine());
    }

    @Test
    void commandsAreNotEchoedOrBroadcast() throws Exception {
        TestClient a = join("guest-1");
        TestClient b = join("guest-2");
        a.send("/who\n");
        assertEquals("* online: guest-1, guest-2", a.readLine());
        b.expectSilence(200);
    }

    @Test
    void controlCharactersAreNeverPassedOnRaw() throws Exception {
        TestClient a = join("guest-1");
        TestClient b = join("guest-2");
        a.send("red \u001b[31mtext\u0007 and\ttab\r\n");
        String echoed = a.readLine();
        String seen = b.readLine();
        assertEquals("red ^[[31mtext^G and\ttab", echoed);
        assertEquals("<guest-1> red ^[[31mtext^G and\ttab", seen);
    }

    @Test
    void clientThatDoesNotReadIsDisconnectedWithoutSlowingOthers() throws Exception {
        TestClient sender = join("guest-1");
        // A tiny receive window makes the server's pending output for this client grow fast.
        Socket stuck = new Socket();
        stuck.setReceiveBufferSize(4096);
        stuck.connect(new InetSocketAddress("127.0.0.1", daemon.port("chat")));
        assertEquals("* guest-2 joined", sender.readLine());
        TestClient reader = join("guest-3");

        int lines = 20_000;
        String text = "y".repeat(200);
        AtomicReference<String> readerResult = new AtomicReference<>("not finished");
        Thread readerThread = new Thread(() -> {
            try {
                int got = 0;
                boolean sawLeave = false;
                while (got < lines || !sawLeave) {
                    String line = reader.readLine();
                    if (line.equals("<guest-1> " + text)) {
                        got++;
                    } else if (line.equals("* guest-2 left")) {
                        sawLeave = true;
                    } else {
                        readerResult.set("unexpected line " + line);
                        return;
                    }
                }
                readerResult.set("ok");
            } catch (Exception e) {
                readerResult.set(e.toString());
            }
        });
        readerThread.start();
        int senderSawLeave = 0;
        for (int i = 0; i < lines; i += 100) {
            StringBuilder batch = new StringBuilder();
            for (int k = 0; k < 100; k++) {
                batch.append(text).append('\n');
            }
            sender.send(batch.toString());
            for (int k = 0; k < 100; k++) {
                String line = sender.readLine();
                if (line.equals("* guest-2 left")) {
                    senderSawLeave++;
                    line = sender.readLine();
                }
                assertEquals(text, line);
            }
        }
        assertEquals(1, senderSawLeave, "the sender is told once that the stuck client left");
        readerThread.join(30_000);
        assertEquals("ok", readerResult.get());
        // The stuck client's connection is gone: draining it ends in end of stream or a reset.
        stuck.setSoTimeout(10_000);
        try (Socket s = stuck) {
            byte[] sink = new byte[65536];
            long total = 0;
            int n;
            try {
                while ((n = s.getInputStream().read(sink)) >= 0) {
                    total += n;
                }
            } catch (java.io.IOException reset) {
                // A reset is a disconnect too.
            }
            assertTrue(total < (long) lines * text.length(), "the stuck client was not cut off: " + total);
        }
    }
}
