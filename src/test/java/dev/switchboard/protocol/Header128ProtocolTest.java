package dev.switchboard.protocol;

import static dev.switchboard.kit.TestClient.header128;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.kit.SharedDaemon;
import dev.switchboard.kit.TestClient;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** SPEC.md "header128 (seed 002)", over real sockets. */
class Header128ProtocolTest {
    @RegisterExtension
    static final SharedDaemon daemon = new SharedDaemon();

    @Test
    void everyMessageIsAcknowledged() throws Exception {
        try (TestClient c = daemon.connect("header128")) {
            c.send(header128("Hello World!"));
            byte[] header = c.readExactly(128);
            assertEquals("12" + " ".repeat(126), new String(header, StandardCharsets.US_ASCII));
            assertEquals("Msg received", c.readText(12));
            c.send(header128(""));
            assertEquals("Msg received", c.readHeader128());
        }
    }

    @Test
    void disconnectIsAcknowledgedThenClosed() throws Exception {
        try (TestClient c = daemon.connect("header128")) {
            c.send(header128("!DISCONNECT!"));
            assertEquals("Msg received", c.readHeader128());
            c.expectClosed();
        }
    }

    @Test
    void nulPaddedAndLeadingSpaceHeadersAreAccepted() throws Exception {
        try (TestClient c = daemon.connect("header128")) {
            byte[] nul = header128("5", "hello".getBytes(StandardCharsets.UTF_8));
            java.util.Arrays.fill(nul, 1, 128, (byte) 0);
            c.send(nul);
            assertEquals("Msg received", c.readHeader128());
            c.send(header128("   5", "hello".getBytes(StandardCharsets.UTF_8)));
            assertEquals("Msg received", c.readHeader128());
        }
    }

    @Test
    void invalidUtf8IsStillAcknowledged() throws Exception {
        try (TestClient c = daemon.connect("header128")) {
            c.send(header128(new byte[] {(byte) 0xFF, (byte) 0xC3, 0x1B}));
            assertEquals("Msg received", c.readHeader128());
        }
    }

    @Test
    void garbageHeadersGetAnErrorThenClose() throws Exception {
        for (String header :
                new String[] {"abc", "+5", "5 5", "0x10", "-5", "", "1048577", "99999999999999999999999"}) {
            try (TestClient c = daemon.connect("header128")) {
                c.send(header128(header, new byte[0]));
                String reply = c.readHeader128();
                assertTrue(reply.startsWith("ERROR "), header + " -> " + reply);
                c.expectClosed();
            }
        }
    }

    @Test
    void errorReplyArrivesEvenWhenTheClientSentMoreThanTheServerRead() throws Exception {
        // Unread input at close time would make the kernel send a reset that can destroy the
        // reply in flight; the gentle close must deliver the ERROR anyway.
        try (TestClient c = daemon.connect("header128")) {
            byte[] junk = new byte[512 * 1024];
            java.util.Arrays.fill(junk, (byte) 'j');
            byte[] bad = header128("nonsense", new byte[0]);
            byte[] all = new byte[bad.length + junk.length];
            System.arraycopy(bad, 0, all, 0, bad.length);
            System.arraycopy(junk, 0, all, bad.length, junk.length);
            c.send(all);
            assertEquals("ERROR header is not a decimal number", c.readHeader128());
            c.expectClosed();
        }
    }

    @Test
    void oneMebibytePayloadIsAcknowledged() throws Exception {
        try (TestClient c = daemon.connect("header128")) {
            c.send(header128(new byte[1024 * 1024]));
            assertEquals("Msg received", c.readHeader128());
        }
    }

    @Test
    void pipelinedAndByteByByteMessagesAreEachAcknowledged() throws Exception {
        try (TestClient c = daemon.connect("header128")) {
            java.io.ByteArrayOutputStream batch = new java.io.ByteArrayOutputStream();
            for (int i = 0; i < 50; i++) {
                batch.writeBytes(header128("message " + i));
            }
            c.send(batch.toByteArray());
            for (int i = 0; i < 50; i++) {
                assertEquals("Msg received", c.readHeader128());
            }
            for (byte b : header128("slow")) {
                c.send(new byte[] {b});
            }
            assertEquals("Msg received", c.readHeader128());
        }
    }
}
