package dev.switchboard.reactor.tls;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.app.ServeOptions;
import dev.switchboard.kit.TestCerts;
import dev.switchboard.kit.TestClient;
import dev.switchboard.kit.TestDaemon;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Random;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** SPEC.md Part 2 "TLS on any listener", with the JDK's TLS client over real sockets. */
class TlsListenerTest {
    private TestDaemon daemon;

    @BeforeEach
    void start() throws Exception {
        String cert = TestCerts.cert().toString();
        String key = TestCerts.key().toString();
        daemon = TestDaemon.start(o -> o.with(b -> {
            for (String p : b.ports.keySet()) {
                b.tlsPorts.put(p, 0);
            }
            b.tlsCert = cert;
            b.tlsKey = key;
            // Short enough to test the handshake deadline, long enough for a handshake on a
            // busy 2-core machine (a cold JVM takes most of a second for its first one).
            b.frameTimeoutMillis = 3_000;
        }));
    }

    @AfterEach
    void stop() throws Exception {
        daemon.close();
    }

    private TestClient tls(String protocol) throws Exception {
        return new TestClient(TestCerts.connect(daemon.port(protocol + "+tls")));
    }

    @Test
    void commandSpeaksItsProtocolInsideTls() throws Exception {
        try (TestClient c = tls("command")) {
            assertEquals("Hello Client!", c.readLine());
            c.send("HELP\n");
            assertEquals("200 OK DISCONNECT HELP", c.readLine());
            c.send("DISCONNECT\n");
            assertEquals("200 OK", c.readLine());
            // close_notify came before the close: the JDK reports a clean end, not a truncation.
            assertEquals(-1, c.socket().getInputStream().read());
        }
    }

    @Test
    void frame5ReversesAndEchoesAMebibyteOverTls() throws Exception {
        try (TestClient c = tls("frame5")) {
            c.send(TestClient.frame5(2, "héllo"));
            assertEquals("olléh", c.readFrame5().text());
            byte[] big = new byte[1024 * 1024];
            new Random(1).nextBytes(big);
            c.send(TestClient.frame5(1, big));
            TestClient.Frame echoed = c.readFrame5();
            assertEquals(1, echoed.command());
            assertArrayEquals(big, echoed.payload());
        }
    }

    @Test
    void header128AcknowledgesOverTls() throws Exception {
        try (TestClient c = tls("header128")) {
            c.send(TestClient.header128("Hello World!"));
            assertEquals("Msg received", c.readHeader128());
        }
    }

    @Test
    void echoSendsBackPipelinedAndSplitInputOverTls() throws Exception {
        try (TestClient c = tls("echo")) {
            byte[] all = "one\ntwo\nthree\n".getBytes(StandardCharsets.UTF_8);
            for (byte b : all) {
                c.send(new byte[] {b});
            }
            assertEquals("one", c.readLine());
            assertEquals("two", c.readLine());
            assertEquals("three", c.readLine());
            c.send("a\nb\nc\nexit\n");
            assertEquals("a", c.readLine());
            assertEquals("b", c.readLine());
            assertEquals("c", c.readLine());
            assertEquals("Goodbye!", c.readLine());
        }
    }

    @Test
    void aPlaintextAndATlsChatClientTalkToEachOther() throws Exception {
        try (TestClient plain = daemon.connect("chat")) {
            assertEquals("* welcome guest-1", plain.readLine());
            try (TestClient secure = tls("chat")) {
                assertEquals("* welcome guest-2", secure.readLine());
                assertEquals("* guest-2 joined", plain.readLine());
                secure.send("hello over tls\n");
                assertEquals("hello over tls", secure.readLine());
                assertEquals("<guest-2> hello over tls", plain.readLine());
                plain.send("hello in clear\n");
                assertEquals("<guest-1> hello in clear", secure.readLine());
            }
        }
    }

    @Test
    void tls12IsAcceptedAndTls11Refused() throws Exception {
        try (TestClient c = new TestClient(TestCerts.connect(daemon.port("command+tls"), "TLSv1.2"))) {
            assertEquals("Hello Client!", c.readLine());
            assertEquals("TLSv1.2", ((SSLSocket) c.socket()).getSession().getProtocol());
        }
        SSLSocket old = TestCerts.connect(daemon.port("command+tls"), "TLSv1.1");
        assertThrows(IOException.class, () -> {
            try (old) {
                old.startHandshake();
                old.getInputStream().read();
            }
        });
    }

    @Test
    void garbageOnATlsPortIsClosedWithinASecondAndNobodyElseNotices() throws Exception {
        try (TestClient member = daemon.connect("chat")) {
            assertEquals("* welcome guest-1", member.readLine());
            long start = System.nanoTime();
            try (Socket garbage = new Socket("127.0.0.1", daemon.port("chat+tls"))) {
                garbage.setSoTimeout(5_000);
                garbage.getOutputStream().write("hello, this is not TLS\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                InputStream in = garbage.getInputStream();
                byte[] alert = in.readAllBytes();
                assertTrue(alert.length < 64, "an alert at most, got " + alert.length + " bytes");
            }
            assertTrue(System.nanoTime() - start < 1_000_000_000L, "closed within 1 s");
            // No "joined" or "left" reached the chat: the session never started.
            member.expectSilence(300);
            member.send("/who\n");
            assertEquals("* online: guest-1", member.readLine());
        }
    }

    @Test
    void aStalledClientHelloIsClosedAfterTheFrameTimeout() throws Exception {
        try (Socket stalled = new Socket("127.0.0.1", daemon.port("echo+tls"))) {
            stalled.setSoTimeout(30_000);
            // The first bytes of a TLS record header, then nothing.
            stalled.getOutputStream().write(new byte[] {0x16, 0x03, 0x01});
            long start = System.nanoTime();
            byte[] alert = stalled.getInputStream().readAllBytes();
            long waited = System.nanoTime() - start;
            assertTrue(alert.length == 0 || alert[0] == 0x15, "nothing or an alert record before the close");
            assertTrue(waited >= 2_000_000_000L && waited < 20_000_000_000L, "closed after ~3 s, took " + waited);
        }
    }

    @Test
    void aResetDuringTheHandshakeLeavesNothingBehind() throws Exception {
        for (int i = 0; i < 20; i++) {
            Socket s = new Socket("127.0.0.1", daemon.port("command+tls"));
            s.setSoLinger(true, 0);
            s.getOutputStream().write(new byte[] {0x16, 0x03, 0x01, 0x00, 0x40});
            s.close();
        }
        daemon.awaitConnections(0, Duration.ofSeconds(10));
        try (TestClient c = tls("command")) {
            assertEquals("Hello Client!", c.readLine());
        }
    }

    @Test
    void dataSentRightAfterTheHandshakeIsServedWithoutAnotherReadEvent() throws Exception {
        for (int i = 0; i < 20; i++) {
            SSLSocket s = TestCerts.connect(daemon.port("echo+tls"));
            try (TestClient c = new TestClient(s)) {
                // No explicit handshake: the JDK sends its Finished and this line back to back.
                OutputStream out = s.getOutputStream();
                out.write("first\n".getBytes(StandardCharsets.UTF_8));
                out.flush();
                assertEquals("first", c.readLine());
            }
        }
    }

    @Test
    void dataAndCloseNotifyInOneReadAreHandledAndNothingIsLeftOpen() throws Exception {
        for (int i = 0; i < 20; i++) {
            SSLSocket s = TestCerts.connect(daemon.port("command+tls"));
            s.startHandshake();
            OutputStream out = s.getOutputStream();
            // A request and our close_notify back to back: usually one segment, one read.
            out.write("HELP\nHELP\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            s.close();
        }
        daemon.awaitConnections(0, Duration.ofSeconds(10));
        try (TestClient c = tls("command")) {
            assertEquals("Hello Client!", c.readLine());
        }
    }

    @Test
    void aPeerThatNeverSendsItsCloseNotifyDoesNotHoldTheConnection() throws Exception {
        SSLSocket s = TestCerts.connect(daemon.port("command+tls"));
        try (TestClient c = new TestClient(s)) {
            assertEquals("Hello Client!", c.readLine());
            c.send("DISCONNECT\n");
            assertEquals("200 OK", c.readLine());
            // Our close_notify arrives; the client keeps its socket open and says nothing.
            assertEquals(-1, s.getInputStream().read());
            daemon.awaitConnections(0, Duration.ofSeconds(10));
        }
    }

    @Test
    void sigtermDrainsTlsConnectionsToo() throws Exception {
        TestClient c = tls("command");
        assertEquals("Hello Client!", c.readLine());
        StringBuilder requests = new StringBuilder();
        for (int i = 0; i < 200; i++) {
            requests.append("HELP\n");
        }
        c.send(requests.toString());
        assertEquals("200 OK DISCONNECT HELP", c.readLine());
        daemon.shutdown();
        for (int i = 1; i < 200; i++) {
            assertEquals("200 OK DISCONNECT HELP", c.readLine());
        }
        c.expectClosed();
        daemon.awaitStopped(Duration.ofSeconds(10));
        c.close();
    }

    @Test
    void aTlsPortWithoutCertificateIsAStartupErrorNamingTheOption() {
        ServeOptions options = ServeOptions.defaults().onFreePorts().with(b -> b.tlsPorts.put("chat", 0));
        Exception e = assertThrows(Exception.class, () -> dev.switchboard.app.Daemon.bind(options));
        assertTrue(e.getMessage().contains("--tls-cert"), e.getMessage());
    }

    @Test
    void aKeyThatDoesNotMatchTheCertificateIsAStartupErrorNamingTheFile() throws Exception {
        java.nio.file.Path other = java.nio.file.Files.createTempDirectory("other-certs");
        Process p = new ProcessBuilder(
                        "openssl",
                        "genpkey",
                        "-algorithm",
                        "RSA",
                        "-out",
                        other.resolve("key.pem").toString())
                .redirectErrorStream(true)
                .start();
        p.getInputStream().readAllBytes();
        assertEquals(0, p.waitFor());
        ServeOptions options = ServeOptions.defaults().onFreePorts().with(b -> {
            b.tlsPorts.put("chat", 0);
            try {
                b.tlsCert = TestCerts.cert().toString();
            } catch (Exception ex) {
                throw new IllegalStateException(ex);
            }
            b.tlsKey = other.resolve("key.pem").toString();
        });
        Exception e = assertThrows(Exception.class, () -> dev.switchboard.app.Daemon.bind(options));
        assertTrue(
                e.getMessage().contains("--tls-key")
                        && e.getMessage().contains("key.pem")
                        && e.getMessage().contains("does not match"),
                e.getMessage());
    }

    @Test
    void aHandshakeFailureIsNotSeenAsAnSslHandshakeOfTheNextClient() throws Exception {
        // A client that trusts nobody fails its own handshake; the next one is served.
        SSLSocket untrusting = (SSLSocket) javax.net.ssl.SSLContext.getDefault()
                .getSocketFactory()
                .createSocket("127.0.0.1", daemon.port("command+tls"));
        assertThrows(SSLHandshakeException.class, untrusting::startHandshake);
        untrusting.close();
        try (TestClient c = tls("command")) {
            assertEquals("Hello Client!", c.readLine());
        }
    }
}
