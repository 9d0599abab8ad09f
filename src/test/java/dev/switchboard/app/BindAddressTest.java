package dev.switchboard.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.kit.TestDaemon;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.List;
import org.junit.jupiter.api.Test;

/** SPEC.md: 0.0.0.0, :: and ::1 must work as bind addresses (127.0.0.1 is the default). */
class BindAddressTest {

    private static void assertEchoes(TestDaemon daemon, String host) throws Exception {
        try (Socket s = new Socket()) {
            s.setSoTimeout(10_000);
            s.connect(new InetSocketAddress(InetAddress.getByName(host), daemon.port("echo")), 5000);
            s.getOutputStream().write("ping\n".getBytes());
            assertEquals("ping\n", new String(s.getInputStream().readNBytes(5)));
        }
    }

    private static TestDaemon on(String bind) throws Exception {
        return TestDaemon.start(o -> o.withBindAddress(bind));
    }

    @Test
    void anyIpv4AddressServesLoopback() throws Exception {
        try (TestDaemon daemon = on("0.0.0.0")) {
            assertEchoes(daemon, "127.0.0.1");
        }
    }

    @Test
    void anyIpv4AddressBindsIpv4OnlyAndSaysSo() throws Exception {
        try (TestDaemon daemon = on("0.0.0.0")) {
            assertEquals("0.0.0.0", daemon.address("echo").getAddress().getHostAddress());
            assertThrows(java.io.IOException.class, () -> new Socket("::1", daemon.port("echo")).close());
        }
    }

    @Test
    void plaintextListenersBeyondLoopbackWarnOnceEachAndTlsOrLoopbackOnesDoNot() throws Exception {
        String cert = dev.switchboard.kit.TestCerts.cert().toString();
        String key = dev.switchboard.kit.TestCerts.key().toString();
        try (dev.switchboard.kit.DaemonProcess wide = dev.switchboard.kit.DaemonProcess.serve(
                2,
                dev.switchboard.kit.DaemonProcess.only(
                        List.of("echo"),
                        "--bind",
                        "0.0.0.0",
                        "--echo-tls-port",
                        "0",
                        "--tls-cert",
                        cert,
                        "--tls-key",
                        key))) {
            assertTrue(
                    wide.waitForLog("WARN  echo listens without TLS on 0.0.0.0:", java.time.Duration.ofSeconds(10)),
                    wide.stderr());
            assertEquals(
                    1, wide.stderr().lines().filter(l -> l.contains("WARN")).count(), wide.stderr());
        }
        try (dev.switchboard.kit.DaemonProcess loopback =
                dev.switchboard.kit.DaemonProcess.serve(1, dev.switchboard.kit.DaemonProcess.only(List.of("echo")))) {
            assertTrue(loopback.waitForLog("listening echo", java.time.Duration.ofSeconds(10)));
            assertEquals(
                    0, loopback.stderr().lines().filter(l -> l.contains("WARN")).count(), loopback.stderr());
        }
    }

    @Test
    void anyIpv6AddressServesBothFamilies() throws Exception {
        try (TestDaemon daemon = on("::")) {
            assertEchoes(daemon, "::1");
            assertEchoes(daemon, "127.0.0.1");
        }
    }

    @Test
    void ipv6LoopbackServesIpv6Loopback() throws Exception {
        try (TestDaemon daemon = on("::1")) {
            assertEchoes(daemon, "::1");
        }
    }
}
