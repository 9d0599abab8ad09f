package dev.switchboard.protocol;

import static dev.switchboard.kit.TestClient.frame5;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.kit.SharedDaemon;
import dev.switchboard.kit.TestClient;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** SPEC.md "frame5 (seed 001)", over real sockets. */
class Frame5ProtocolTest {
    @RegisterExtension
    static final SharedDaemon daemon = new SharedDaemon();

    @Test
    void echoRepliesWithTheSamePayload() throws Exception {
        try (TestClient c = daemon.connect("frame5")) {
            c.send(frame5(1, "Hello, World!"));
            TestClient.Frame f = c.readFrame5();
            assertEquals(1, f.command());
            assertEquals("Hello, World!", f.text());
        }
    }

    @Test
    void reverseReversesByCodePointKeepingSurrogatePairs() throws Exception {
        try (TestClient c = daemon.connect("frame5")) {
            c.send(frame5(2, "custom protocols are fun"));
            assertEquals("nuf era slocotorp motsuc", c.readFrame5().text());
            c.send(frame5(2, "a😀b日"));
            TestClient.Frame f = c.readFrame5();
            assertEquals(2, f.command());
            assertEquals("日b😀a", f.text());
        }
    }

    @Test
    void reverseOfInvalidUtf8IsAnErrorAndTheConnectionStaysOpen() throws Exception {
        try (TestClient c = daemon.connect("frame5")) {
            c.send(frame5(2, new byte[] {'a', (byte) 0xC3}));
            TestClient.Frame f = c.readFrame5();
            assertEquals(0xFF, f.command());
            assertTrue(f.text().contains("UTF-8"), f.text());
            c.send(frame5(1, "still here"));
            assertEquals("still here", c.readFrame5().text());
        }
    }

    @Test
    void quitRepliesWithAnEmptyFrameThenCloses() throws Exception {
        try (TestClient c = daemon.connect("frame5")) {
            c.send(frame5(3, ""));
            TestClient.Frame f = c.readFrame5();
            assertEquals(3, f.command());
            assertEquals(0, f.payload().length);
            c.expectClosed();
        }
    }

    @Test
    void unknownCommandIsAnErrorFrameAndTheStreamStaysInStep() throws Exception {
        try (TestClient c = daemon.connect("frame5")) {
            for (int command : new int[] {0, 4, 99, 255}) {
                c.send(frame5(command, "payload"));
                TestClient.Frame f = c.readFrame5();
                assertEquals(0xFF, f.command());
                assertTrue(f.text().contains("unknown command " + command), f.text());
            }
            c.send(frame5(1, "in step"));
            assertEquals("in step", c.readFrame5().text());
        }
    }

    @Test
    void lengthsOf2To31And2To32Minus1AreRefusedThenClosed() throws Exception {
        for (long length : new long[] {1L << 31, (1L << 32) - 1}) {
            try (TestClient c = daemon.connect("frame5")) {
                c.send(ByteBuffer.allocate(5).put((byte) 1).putInt((int) length).array());
                TestClient.Frame f = c.readFrame5();
                assertEquals(0xFF, f.command());
                assertTrue(f.text().contains(Long.toString(length)), f.text());
                assertTrue(f.text().contains("1048576"), f.text());
                c.expectClosed();
            }
        }
    }

    @Test
    void oneMebibyteFrameIsEchoedWhole() throws Exception {
        byte[] payload = new byte[1024 * 1024];
        new Random(1).nextBytes(payload);
        try (TestClient c = daemon.connect("frame5")) {
            c.send(frame5(1, payload));
            TestClient.Frame f = c.readFrame5();
            assertEquals(1, f.command());
            assertArrayEquals(payload, f.payload());
        }
    }

    @Test
    void oneByteOverTheLimitIsRefused() throws Exception {
        try (TestClient c = daemon.connect("frame5")) {
            c.send(ByteBuffer.allocate(5).put((byte) 1).putInt(1024 * 1024 + 1).array());
            assertEquals(0xFF, c.readFrame5().command());
            c.expectClosed();
        }
    }

    @Test
    void pipelinedFramesAreAnsweredInOrder() throws Exception {
        ByteArrayOutputStream batch = new ByteArrayOutputStream();
        for (int i = 0; i < 100; i++) {
            batch.writeBytes(frame5(i % 2 == 0 ? 1 : 2, "msg" + i));
        }
        try (TestClient c = daemon.connect("frame5")) {
            c.send(batch.toByteArray());
            for (int i = 0; i < 100; i++) {
                String expected = i % 2 == 0
                        ? "msg" + i
                        : new StringBuilder("msg" + i).reverse().toString();
                assertEquals(expected, c.readFrame5().text());
            }
        }
    }

    @Test
    void byteByByteFramesAreReassembled() throws Exception {
        try (TestClient c = daemon.connect("frame5")) {
            for (byte b : frame5(1, "slowly")) {
                c.send(new byte[] {b});
                Thread.sleep(2);
            }
            assertEquals("slowly", c.readFrame5().text());
        }
    }
}
