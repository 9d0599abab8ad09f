package dev.switchboard.hardening;

import static dev.switchboard.kit.TestClient.frame5;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.kit.DaemonProcess;
import dev.switchboard.kit.TestClient;
import java.io.ByteArrayOutputStream;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** Issue 4's cases that need the daemon as its own process: descriptors, signals, memory. */
class ProcessLimitsTest {
    private static final Duration EXIT = Duration.ofSeconds(30);

    @Test
    void outOfFileDescriptorsPausesAcceptingWithoutSpinningAndRecovers() throws Exception {
        // --max-connections is lowered below the limit at start-up, so counted clients are refused
        // cleanly; admin connections are not counted, so a flood of them runs the descriptors out.
        try (DaemonProcess d =
                DaemonProcess.serveUnderUlimit(128, DaemonProcess.only(List.of("command"), "--admin-port", "0"))) {
            assertTrue(d.waitForLog("lowered to 64", Duration.ofSeconds(10)), d.stderr());
            List<Socket> flood = new ArrayList<>();
            try {
                for (int i = 0; i < 200; i++) {
                    flood.add(new Socket("127.0.0.1", d.port("admin")));
                }
                assertTrue(d.waitForLog("accept failed", Duration.ofSeconds(10)), d.stderr());
                double cpu = d.cpuSecondsOver(Duration.ofSeconds(2));
                assertTrue(cpu < 0.5, "the daemon used " + cpu + " s of CPU in 2 s while out of descriptors");
                assertTrue(d.isAlive());
                for (Socket s : flood) {
                    s.close();
                }
                flood.clear();
                long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
                while (true) {
                    try (TestClient c = new TestClient(d.port("command"))) {
                        assertEquals("Hello Client!", c.readLine());
                        break;
                    } catch (java.io.IOException stillRecovering) {
                        assertTrue(System.nanoTime() < deadline, "accepting did not resume");
                        Thread.sleep(100);
                    }
                }
            } finally {
                for (Socket s : flood) {
                    s.close();
                }
            }
            d.sigterm();
            assertEquals(0, d.awaitExit(EXIT));
            String log = d.stderr();
            assertFalse(log.contains("NoClassDefFoundError") || log.contains("Exception in thread"), log);
            assertFalse(log.contains("unexpected error"), "no connection failed for want of a descriptor: " + log);
        }
    }

    /**
     * Issue 9's crash: the JDK initialises sun.nio.ch.FileDispatcherImpl on the first socket
     * close, and that needs a descriptor. Echo sends no greeting (no gathering write, which
     * would initialise it early), so the first close came with every descriptor taken, inside
     * Selector.select, and the daemon died.
     */
    @Test
    void reconnectStormPastTheDescriptorLimitLeavesTheDaemonServing() throws Exception {
        // --max-connections is lowered below the limit at start-up, so counted clients are refused
        // cleanly; the storm hits the admin listener, which sends nothing first (as echo) and is
        // not counted, so it runs the descriptors out as the storm of the issue did.
        try (DaemonProcess d =
                DaemonProcess.serveUnderUlimit(200, DaemonProcess.only(List.of("echo"), "--admin-port", "0"))) {
            List<Socket> storm = new ArrayList<>();
            try {
                for (int i = 0; i < 300; i++) {
                    storm.add(new Socket("127.0.0.1", d.port("admin")));
                }
                assertTrue(d.waitForLog("accept failed", Duration.ofSeconds(10)), d.stderr());
            } finally {
                for (Socket s : storm) {
                    s.close();
                }
            }
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (true) {
                assertTrue(d.isAlive(), "the daemon died: " + d.stderr());
                try (TestClient c = new TestClient(d.port("echo"))) {
                    c.send("still serving\n");
                    assertEquals("still serving", c.readLine());
                    break;
                } catch (java.io.IOException stillRecovering) {
                    assertTrue(System.nanoTime() < deadline, "serving did not resume: " + d.stderr());
                    Thread.sleep(100);
                }
            }
            d.sigterm();
            assertEquals(0, d.awaitExit(EXIT));
            String log = d.stderr();
            assertFalse(
                    log.contains("NoClassDefFoundError")
                            || log.contains("ExceptionInInitializerError")
                            || log.contains("Exception in thread"),
                    log);
        }
    }

    @Test
    void sigtermWithTwentyPipeliningClientsDeliversEveryReplyThenExitsZero() throws Exception {
        int clients = 20;
        int requests = 2000;
        try (DaemonProcess d = DaemonProcess.serveOnFreePorts()) {
            List<TestClient> connected = new ArrayList<>();
            try {
                for (int c = 0; c < clients; c++) {
                    ByteArrayOutputStream batch = new ByteArrayOutputStream();
                    for (int i = 0; i < requests; i++) {
                        batch.writeBytes(frame5(1, "c" + c + " r" + i));
                    }
                    TestClient client = new TestClient(d.port("frame5"));
                    // Under 64 KiB each: once write() returns, the bytes are in the server's kernel buffer.
                    client.send(batch.toByteArray());
                    connected.add(client);
                }
                d.sigterm();
                ExecutorService readers = Executors.newFixedThreadPool(clients);
                List<Future<Integer>> counts = new ArrayList<>();
                for (int c = 0; c < clients; c++) {
                    TestClient client = connected.get(c);
                    int id = c;
                    counts.add(readers.submit(() -> {
                        for (int i = 0; i < requests; i++) {
                            assertEquals(
                                    "c" + id + " r" + i, client.readFrame5().text());
                        }
                        client.expectClosed();
                        return requests;
                    }));
                }
                int total = 0;
                for (Future<Integer> f : counts) {
                    total += f.get();
                }
                readers.shutdown();
                assertEquals(clients * requests, total);
            } finally {
                for (TestClient c : connected) {
                    c.close();
                }
            }
            assertEquals(0, d.awaitExit(EXIT));
        }
    }

    @Test
    void tenThousandIdleConnectionsAreHeldAndTheDaemonStillAnswers() throws Exception {
        int count = 10_000;
        try (DaemonProcess d = DaemonProcess.serveOnFreePorts("--max-connections", "20000")) {
            try (TestClient warm = new TestClient(d.port("echo"))) {
                warm.send("warm\n");
                assertEquals("warm", warm.readLine());
            }
            long rssBefore = d.rssKib();
            List<Socket> idle = new ArrayList<>(count);
            try {
                for (int i = 0; i < count; i++) {
                    idle.add(new Socket("127.0.0.1", d.port("echo")));
                }
                assertTrue(d.waitForConnections(count, Duration.ofSeconds(60)), "all accepted");
                long rssAfter = d.rssKib();
                System.out.printf(
                        "idle connections: %d, daemon RSS %d KiB -> %d KiB, %.2f KiB per connection%n",
                        count, rssBefore, rssAfter, (rssAfter - rssBefore) / (double) count);
                for (int i = 0; i < count; i += 1000) {
                    Socket s = idle.get(i);
                    s.setSoTimeout(10_000);
                    s.getOutputStream().write("still here\n".getBytes());
                    assertEquals("still here\n", new String(s.getInputStream().readNBytes(11)));
                }
                try (TestClient fresh = new TestClient(d.port("frame5"))) {
                    fresh.send(frame5(2, "alive"));
                    assertEquals("evila", fresh.readFrame5().text());
                }
            } finally {
                for (Socket s : idle) {
                    s.close();
                }
            }
            d.sigterm();
            assertEquals(0, d.awaitExit(EXIT));
        }
    }
}
