package dev.switchboard.app;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.switchboard.kit.TestDaemon;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
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
