package dev.switchboard.reactor.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.kit.TestCerts;
import java.security.cert.Certificate;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 10: TLS 1.3 resumption and the server's post-handshake tickets, with data in the same
 * flight as the client's Finished: served without waiting for another read event.
 */
class TlsResumptionTest {
    private TlsLoop loop;

    @BeforeEach
    void start() throws Exception {
        loop = new TlsLoop(5_000, e -> e);
    }

    @AfterEach
    void stop() throws Exception {
        loop.close();
    }

    @Test
    void dataInTheFinishedFlightIsAnsweredOnFullAndResumedTls13Handshakes() throws Exception {
        fullThenResumed("TLSv1.3");
    }

    @Test
    void dataInTheFinishedFlightIsAnsweredOnFullAndResumedTls12Handshakes() throws Exception {
        fullThenResumed("TLSv1.2");
    }

    private void fullThenResumed(String protocol) throws Exception {
        SSLContext context = TestCerts.clientContext();
        long full;
        long created;
        long chainBytes = 0;
        try (EngineClient c = new EngineClient(context, loop.port("echo+tls"), protocol)) {
            c.handshakeAndSendWithFinished("first\nsecond\n");
            // TLS 1.3: our ticket and the replies leave in the order they were wrapped.
            assertEquals("first", c.readLine());
            assertEquals("second", c.readLine());
            assertEquals(protocol, c.engine().getSession().getProtocol());
            full = c.handshakeBytesIn();
            for (Certificate cert : c.engine().getSession().getPeerCertificates()) {
                chainBytes += cert.getEncoded().length;
            }
            created = c.engine().getSession().getCreationTime();
        }
        for (int i = 0; i < 5; i++) {
            try (EngineClient c = new EngineClient(context, loop.port("echo+tls"), protocol)) {
                c.handshakeAndSendWithFinished("again " + i + "\n");
                assertEquals("again " + i, c.readLine());
                // Resumed: the session of the first, and no certificate in the server's flight.
                assertEquals(created, c.engine().getSession().getCreationTime());
                assertTrue(
                        c.handshakeBytesIn() <= full - chainBytes,
                        "resumed: " + c.handshakeBytesIn() + " bytes against " + full
                                + " for the full handshake with a " + chainBytes + "-byte certificate chain");
            }
        }
    }
}
