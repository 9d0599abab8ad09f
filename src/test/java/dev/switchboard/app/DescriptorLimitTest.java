package dev.switchboard.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.kit.Curl;
import dev.switchboard.kit.DaemonProcess;
import dev.switchboard.kit.TestClient;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The descriptor limit at start-up: logged, and --max-connections lowered below it (Redis's way). */
class DescriptorLimitTest {

    @Test
    void maxConnectionsIsLoweredToLeaveTheReserveFree() {
        ServeOptions o = ServeOptions.defaults().withMaxConnections(10_000);
        assertEquals(
                1024 - DescriptorLimit.RESERVED, DescriptorLimit.fit(o, 1024).maxConnections());
        assertEquals(10_000, DescriptorLimit.fit(o, 1_048_576).maxConnections());
        assertEquals(
                10_000,
                DescriptorLimit.fit(o, 10_000 + DescriptorLimit.RESERVED).maxConnections());
        assertEquals(10_000, DescriptorLimit.fit(o, -1).maxConnections(), "unknown: left alone");
        assertEquals(1, DescriptorLimit.fit(o, 16).maxConnections(), "never below one");
    }

    @Test
    void theLimitIsReadFromProcAsTheJvmReportsIt() {
        assertEquals(
                20000,
                DescriptorLimit.soft("Max open files            20000                1048576              files"));
        assertEquals(
                -1, DescriptorLimit.soft("Max open files            unlimited            unlimited            files"));
        var os = (com.sun.management.UnixOperatingSystemMXBean)
                java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        assertEquals(os.getMaxFileDescriptorCount(), DescriptorLimit.current());
    }

    @Test
    void theLimitIsLoggedAndClientsPastTheLoweredLimitAreRefusedCleanly() throws Exception {
        try (DaemonProcess d = DaemonProcess.serveUnderUlimit(
                128, DaemonProcess.only(List.of("command"), "--admin-port", "0", "--max-connections", "1000"))) {
            assertTrue(
                    d.waitForLog(
                            "WARN  descriptor limit 128 leaves room for 64 connections, not --max-connections"
                                    + " 1000: lowered to 64",
                            Duration.ofSeconds(10)),
                    d.stderr());
            List<Socket> clients = new ArrayList<>();
            try {
                for (int i = 0; i < 70; i++) {
                    clients.add(new Socket("127.0.0.1", d.port("command")));
                }
                long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
                double refused;
                while ((refused = Curl.metrics(d.port("admin"))
                                .get("switchboard_connections_refused_total{reason=\"max_connections\"}"))
                        < 6) {
                    assertTrue(System.nanoTime() < deadline, "refused only " + refused);
                    Thread.sleep(20);
                }
                assertEquals(6.0, refused);
                assertEquals(64.0, Curl.metrics(d.port("admin")).get("switchboard_connections{protocol=\"command\"}"));
                assertEquals(
                        0.0,
                        Curl.metrics(d.port("admin"))
                                .get("switchboard_connections_refused_total{reason=\"accept_error\"}"));
            } finally {
                for (Socket s : clients) {
                    s.close();
                }
            }
            d.sigterm();
            assertEquals(0, d.awaitExit(Duration.ofSeconds(30)));
        }
    }

    @Test
    void aLimitWithRoomIsLoggedAtInfo() throws Exception {
        try (DaemonProcess d = DaemonProcess.serveOnFreePorts()) {
            assertTrue(d.waitForLog("room for --max-connections 10000", Duration.ofSeconds(10)), d.stderr());
            try (TestClient c = new TestClient(d.port("command"))) {
                assertEquals("Hello Client!", c.readLine());
            }
            d.sigterm();
            assertEquals(0, d.awaitExit(Duration.ofSeconds(30)));
        }
    }
}
