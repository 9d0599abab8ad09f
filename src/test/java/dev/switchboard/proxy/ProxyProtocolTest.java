package dev.switchboard.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.kit.Curl;
import dev.switchboard.kit.DaemonProcess;
import dev.switchboard.kit.Haproxy;
import dev.switchboard.kit.TestCerts;
import dev.switchboard.kit.TestClient;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SPEC.md "PROXY protocol" with a real HAProxy in front of the daemon (a child JVM, so its log
 * is read as an operator would): the address logged is the client's, not the balancer's.
 */
class ProxyProtocolTest {
    private static final Duration LOG = Duration.ofSeconds(10);
    /** The client's own loopback address, so it cannot be mistaken for HAProxy's 127.0.0.1. */
    private static final String CLIENT = "127.0.0.2";

    @TempDir
    static Path dir;

    private static DaemonProcess daemon;
    private static Haproxy haproxy;

    @BeforeAll
    static void start() throws Exception {
        daemon = DaemonProcess.serve(
                5,
                DaemonProcess.only(
                        List.of("command", "chat", "echo"),
                        "--chat-tls-port",
                        "0",
                        "--admin-port",
                        "0",
                        "--tls-cert",
                        TestCerts.cert().toString(),
                        "--tls-key",
                        TestCerts.key().toString(),
                        "--frame-timeout",
                        "5",
                        "--proxy-protocol",
                        "command,chat,echo",
                        "--chat-history",
                        "0"));
        haproxy = Haproxy.start(
                dir,
                List.of(
                        new Haproxy.Route("command_v1", daemon.port("command"), "send-proxy"),
                        new Haproxy.Route("command_v2", daemon.port("command"), "send-proxy-v2"),
                        new Haproxy.Route("chat_v2", daemon.port("chat"), "send-proxy-v2"),
                        new Haproxy.Route("echo_v1", daemon.port("echo"), "send-proxy"),
                        new Haproxy.Route("tls_v1", daemon.port("chat+tls"), "send-proxy"),
                        new Haproxy.Route("tls_v2", daemon.port("chat+tls"), "send-proxy-v2")));
    }

    @AfterAll
    static void stop() throws Exception {
        if (haproxy != null) {
            haproxy.close();
        }
        if (daemon != null) {
            daemon.sigterm();
            daemon.awaitExit(Duration.ofSeconds(15));
        }
    }

    @Test
    void sendProxyV1ThroughHaproxyLogsTheClientsAddress() throws Exception {
        try (Socket s = haproxy.connect("command_v1", CLIENT);
                TestClient c = new TestClient(s)) {
            assertEquals("Hello Client!", c.readLine());
            c.send("HELP\n");
            assertEquals("200 OK DISCONNECT HELP", c.readLine());
            assertLogged("command", CLIENT + ":" + s.getLocalPort(), "connected");
        }
    }

    @Test
    void sendProxyV2ThroughHaproxyLogsTheClientsAddress() throws Exception {
        try (Socket s = haproxy.connect("command_v2", CLIENT);
                TestClient c = new TestClient(s)) {
            assertEquals("Hello Client!", c.readLine());
            c.send("DISCONNECT\n");
            assertEquals("200 OK", c.readLine());
            c.expectClosed();
            assertLogged("command", CLIENT + ":" + s.getLocalPort(), "connected");
            assertLogged("command", CLIENT + ":" + s.getLocalPort(), "disconnected");
        }
    }

    @Test
    void chatAndEchoBehindHaproxyWorkAsWithoutIt() throws Exception {
        try (Socket s = haproxy.connect("chat_v2", CLIENT);
                TestClient c = new TestClient(s)) {
            assertTrue(c.readLine().startsWith("* welcome guest-"));
            c.send("hello\n");
            assertEquals("hello", c.readLine());
            assertLogged("chat", CLIENT + ":" + s.getLocalPort(), "connected");
        }
        try (Socket s = haproxy.connect("echo_v1", CLIENT);
                TestClient c = new TestClient(s)) {
            c.send("ping\n");
            assertEquals("ping", c.readLine());
            assertLogged("echo", CLIENT + ":" + s.getLocalPort(), "connected");
        }
    }

    @Test
    void proxyInFrontOfTlsThroughHaproxyWorks() throws Exception {
        for (String route : new String[] {"tls_v1", "tls_v2"}) {
            try (Socket s = haproxy.connect(route, CLIENT);
                    TestClient c = new TestClient(tls(s))) {
                assertTrue(c.readLine().startsWith("* welcome guest-"), route);
                c.send("over tls\n");
                assertEquals("over tls", c.readLine());
                assertLogged("chat+tls", CLIENT + ":" + s.getLocalPort(), "connected");
            }
        }
    }

    @Test
    void aHeaderWrittenByHandBeforeTheClientHelloWorks() throws Exception {
        try (Socket s = new Socket("127.0.0.1", daemon.port("chat+tls"))) {
            s.getOutputStream().write(ascii("PROXY TCP4 192.0.2.77 127.0.0.1 40077 8443\r\n"));
            try (TestClient c = new TestClient(tls(s))) {
                assertTrue(c.readLine().startsWith("* welcome guest-"));
                assertLogged("chat+tls", "192.0.2.77:40077", "connected");
            }
        }
    }

    @Test
    void aHeaderSplitByteByByteAndTheFirstCommandBehindItWork() throws Exception {
        byte[] header = ascii("PROXY TCP4 192.0.2.41 127.0.0.1 40041 12340\r\n");
        try (TestClient c = new TestClient(daemon.port("command"))) {
            for (byte b : header) {
                c.send(new byte[] {b});
                Thread.sleep(2); // pacing, so each byte is its own segment and read
            }
            assertEquals("Hello Client!", c.readLine());
            assertLogged("command", "192.0.2.41:40041", "connected");
        }
        byte[] v2 = v2Tcp4(new byte[] {(byte) 192, 0, 2, 42}, 40042);
        try (TestClient c = new TestClient(daemon.port("chat"))) {
            for (byte b : v2) {
                c.send(new byte[] {b});
                Thread.sleep(2);
            }
            assertTrue(c.readLine().startsWith("* welcome guest-"));
            assertLogged("chat", "192.0.2.42:40042", "connected");
        }
        try (TestClient c = new TestClient(daemon.port("command"))) {
            c.send(concat(ascii("PROXY TCP4 192.0.2.43 127.0.0.1 40043 12340\r\n"), ascii("HELP\n")));
            assertEquals("Hello Client!", c.readLine());
            assertEquals("200 OK DISCONNECT HELP", c.readLine(), "the bytes after the header are the protocol's");
        }
    }

    @Test
    void v2LocalAndV1UnknownKeepTheSocketsOwnAddress() throws Exception {
        byte[] local = concat(
                new byte[] {0x0D, 0x0A, 0x0D, 0x0A, 0x00, 0x0D, 0x0A, 0x51, 0x55, 0x49, 0x54, 0x0A},
                new byte[] {0x20, 0x00, 0x00, 0x00});
        try (TestClient c = new TestClient(daemon.port("command"))) {
            c.send(local);
            assertEquals("Hello Client!", c.readLine());
            assertLogged("command", "127.0.0.1:" + c.socket().getLocalPort(), "connected");
        }
        try (TestClient c = new TestClient(daemon.port("echo"))) {
            c.send("PROXY UNKNOWN\r\nsame\n");
            assertEquals("same", c.readLine());
            assertLogged("echo", "127.0.0.1:" + c.socket().getLocalPort(), "connected");
        }
    }

    @Test
    void aMalformedHeaderClosesTheConnectionAndIsLoggedAndCounted() throws Exception {
        int admin = daemon.port("admin");
        double before = Curl.metrics(admin).get("switchboard_protocol_errors_total{protocol=\"command\"}");
        try (TestClient c = new TestClient(daemon.port("command"))) {
            c.send("PROXY TCP4 300.1.1.1 127.0.0.1 1 2\r\nHELP\n");
            c.expectClosed();
            assertLogged("command", "127.0.0.1:" + c.socket().getLocalPort(), "sent no valid PROXY header");
        }
        assertEquals(before + 1, Curl.metrics(admin).get("switchboard_protocol_errors_total{protocol=\"command\"}"));
    }

    @Test
    void aClientWithoutAHeaderIsClosedWithoutAWord() throws Exception {
        try (TestClient c = new TestClient(daemon.port("command"))) {
            c.send("HELP\n");
            c.expectClosed();
            assertLogged("command", "127.0.0.1:" + c.socket().getLocalPort(), "sent no valid PROXY header");
        }
        // nc on a PROXY chat listener: no welcome before a header, and closed once the frame timeout passes.
        try (TestClient c = new TestClient(daemon.port("chat"))) {
            long start = System.nanoTime();
            c.expectClosed();
            assertTrue(System.nanoTime() - start >= Duration.ofMillis(4500).toNanos(), "waited for the header");
            assertLogged(
                    "chat",
                    "127.0.0.1:" + c.socket().getLocalPort(),
                    "disconnected (PROXY header not finished within 5 s)");
        }
    }

    /** TLS over a socket already connected (behind a PROXY header), handshake done. */
    private static Socket tls(Socket connected) throws Exception {
        SSLSocket tls = (SSLSocket) TestCerts.clientContext()
                .getSocketFactory()
                .createSocket(connected, "127.0.0.1", connected.getPort(), true);
        tls.setSoTimeout(TestClient.READ_TIMEOUT_MILLIS);
        tls.startHandshake();
        return tls;
    }

    /** A line {@code LISTENER#ID ADDRESS WHAT}: the connection named by its id and the client's address. */
    private static void assertLogged(String listener, String address, String what) throws InterruptedException {
        Pattern line = Pattern.compile(Pattern.quote(listener) + "#\\d+ " + Pattern.quote(address + " " + what));
        assertTrue(daemon.waitForLog(line, LOG), "log has '" + line + "':\n" + daemon.stderr());
    }

    static byte[] v2Tcp4(byte[] source, int sourcePort) {
        return ByteBuffer.allocate(28)
                .put(new byte[] {0x0D, 0x0A, 0x0D, 0x0A, 0x00, 0x0D, 0x0A, 0x51, 0x55, 0x49, 0x54, 0x0A})
                .put((byte) 0x21)
                .put((byte) 0x11)
                .putShort((short) 12)
                .put(source)
                .put(new byte[] {127, 0, 0, 1})
                .putShort((short) sourcePort)
                .putShort((short) 8080)
                .array();
    }

    static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
