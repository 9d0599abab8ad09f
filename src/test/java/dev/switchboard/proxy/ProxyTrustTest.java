package dev.switchboard.proxy;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.kit.DaemonProcess;
import dev.switchboard.kit.TestClient;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** --proxy-trusted: a PROXY header is believed only from there. */
class ProxyTrustTest {

    @Test
    void aConnectionFromOutsideTheTrustedRangesIsRefusedAndLogged() throws Exception {
        // Only 10.0.0.0/8 is trusted; the test connects from 127.0.0.1 (no traffic leaves loopback).
        try (DaemonProcess d = DaemonProcess.serve(
                2,
                DaemonProcess.only(
                        List.of("command", "chat"), "--proxy-protocol", "command", "--proxy-trusted", "10.0.0.0/8"))) {
            int port;
            try (TestClient c = new TestClient(d.port("command"))) {
                port = c.socket().getLocalPort();
                c.send("PROXY TCP4 192.0.2.9 127.0.0.1 4000 12340\r\nHELP\n");
                c.expectClosed();
            }
            assertTrue(
                    d.waitForLog(
                            "WARN  command refused 127.0.0.1:" + port + ": not in --proxy-trusted",
                            Duration.ofSeconds(10)),
                    d.stderr());
            try (TestClient chat = new TestClient(d.port("chat"))) {
                assertTrue(chat.readLine().startsWith("* welcome guest-"), "a listener without PROXY is untouched");
            }
            d.sigterm();
            d.awaitExit(Duration.ofSeconds(15));
        }
    }
}
