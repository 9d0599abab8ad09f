package dev.switchboard.protocol.web;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.kit.TestClient;
import dev.switchboard.kit.TestDaemon;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The WebSocket side of "Chat in the browser" over real sockets: framing rules, close codes, lines. */
class WebSocketChatTest {
    private static final int MAX_FRAME = 1000;
    private TestDaemon daemon;
    private int port;

    @BeforeEach
    void start() throws Exception {
        daemon = TestDaemon.start(o -> o.withMaxFrameBytes(MAX_FRAME).withMaxPendingOutputBytes(64 * 1024));
        port = daemon.port("web");
    }

    @AfterEach
    void stop() throws Exception {
        daemon.close();
    }

    /** A member that has read its welcome. */
    private WsTestClient member() throws IOException {
        WsTestClient c = WsTestClient.connect(port);
        assertTrue(c.readText().startsWith("* welcome "));
        return c;
    }

    private int closeCodeAfter(byte[] bytes) throws IOException {
        try (WsTestClient c = member()) {
            c.sendBytes(bytes);
            return c.expectClose();
        }
    }

    private static byte[] frame(boolean fin, int opcode, byte[] payload) {
        return WsTestClient.frame(fin, opcode, payload, true);
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void unmaskedFramesReservedBitsAndOpcodesCloseWith1002() throws Exception {
        assertEquals(1002, closeCodeAfter(WsTestClient.frame(true, 1, utf8("hi"), false)));
        byte[] rsv = frame(true, 1, utf8("hi"));
        rsv[0] |= 0x40;
        assertEquals(1002, closeCodeAfter(rsv));
        assertEquals(1002, closeCodeAfter(frame(true, 3, new byte[0])));
        assertEquals(1002, closeCodeAfter(frame(true, 0xB, new byte[0])));
    }

    @Test
    void fragmentedOrLongControlFramesAndOrphanContinuationsCloseWith1002() throws Exception {
        assertEquals(1002, closeCodeAfter(frame(false, 9, utf8("x"))));
        assertEquals(1002, closeCodeAfter(frame(true, 9, new byte[126])));
        assertEquals(1002, closeCodeAfter(frame(true, 0, utf8("orphan"))));
    }

    @Test
    void invalidUtf8ClosesWith1007() throws Exception {
        assertEquals(1007, closeCodeAfter(frame(true, 1, new byte[] {'a', (byte) 0xC3, 0x28})));
    }

    @Test
    void aMessageOverMaxFrameClosesWith1009EvenInFragments() throws Exception {
        assertEquals(1009, closeCodeAfter(frame(true, 1, utf8("x".repeat(MAX_FRAME + 1)))));
        byte[] half = utf8("y".repeat(MAX_FRAME / 2 + 1));
        assertEquals(1009, closeCodeAfter(concat(frame(false, 1, half), frame(true, 0, half))));
    }

    @Test
    void aMessageOfExactlyMaxFrameIsALine() throws Exception {
        try (WsTestClient c = member()) {
            c.sendText("z".repeat(MAX_FRAME));
            assertEquals("z".repeat(MAX_FRAME), c.readText());
        }
    }

    @Test
    void binaryMessagesCloseWith1003() throws Exception {
        assertEquals(1003, closeCodeAfter(frame(true, 2, new byte[] {1, 2})));
    }

    @Test
    void invalidCloseCodesOnTheWireCloseWith1002() throws Exception {
        for (int code : new int[] {1004, 1005, 1006, 1015, 999, 2000}) {
            byte[] payload = ByteBuffer.allocate(2).putShort((short) code).array();
            assertEquals(1002, closeCodeAfter(frame(true, 8, payload)), "code " + code);
        }
    }

    @Test
    void theCloseHandshakeEchoesTheCodeThenTheServerCloses() throws Exception {
        try (WsTestClient c = member()) {
            c.send(
                    true,
                    8,
                    ByteBuffer.allocate(5)
                            .putShort((short) 1001)
                            .put(utf8("bye"))
                            .array());
            WsTestClient.Frame f = c.readFrame();
            assertEquals(8, f.opcode());
            assertEquals(1001, f.closeCode());
            c.expectEnd();
        }
        try (WsTestClient c = member()) {
            c.send(true, 8, new byte[0]);
            WsTestClient.Frame f = c.readFrame();
            assertEquals(8, f.opcode());
            assertEquals(0, f.payload().length);
            c.expectEnd();
        }
    }

    @Test
    void pingGetsAPongWithTheSamePayload() throws Exception {
        try (WsTestClient c = member()) {
            c.send(true, 9, utf8("are you there"));
            WsTestClient.Frame f = c.readFrame();
            assertEquals(10, f.opcode());
            assertArrayEquals(utf8("are you there"), f.payload());
        }
    }

    @Test
    void aFragmentedMessageWithPingsBetweenIsOneLineAndUtf8MaySplitInsideACodePoint() throws Exception {
        try (TestClient nc = daemon.connect("chat");
                WsTestClient ws = member()) {
            nc.readLine();
            byte[] euro = utf8("€");
            ws.sendBytes(concat(
                    frame(false, 1, utf8("price: ")),
                    frame(true, 9, utf8("p")),
                    frame(false, 0, new byte[] {euro[0]}),
                    frame(false, 0, new byte[] {euro[1], euro[2]}),
                    frame(true, 0, utf8("5"))));
            assertEquals(10, ws.readFrame().opcode(), "the pong comes first");
            assertEquals("price: €5", ws.readText());
            String seen = nc.readLine();
            while (seen.startsWith("* ")) {
                seen = nc.readLine();
            }
            assertTrue(seen.endsWith("> price: €5"), seen);
        }
    }

    @Test
    void aTextMessageWithNewlinesIsThatManyLines() throws Exception {
        try (WsTestClient ws = member()) {
            ws.sendText("one\r\ntwo\nthree");
            assertEquals("one", ws.readText());
            assertEquals("two", ws.readText());
            assertEquals("three", ws.readText());
        }
    }

    @Test
    void quitEndsWithANormalClose() throws Exception {
        try (TestClient nc = daemon.connect("chat");
                WsTestClient ws = member()) {
            String joined = nc.readLine();
            while (!joined.endsWith(" joined")) {
                joined = nc.readLine();
            }
            String name = joined.substring(2, joined.length() - " joined".length());
            ws.sendText("/quit");
            assertEquals(1000, ws.expectClose());
            String left = nc.readLine();
            assertEquals("* " + name + " left", left);
        }
    }

    @Test
    void aBrowserThatDoesNotReadIsDisconnectedAndOthersGoOn() throws Exception {
        try (TestClient nc = daemon.connect("chat");
                WsTestClient slow = member()) {
            slow.socket().setReceiveBufferSize(4096);
            String line = "x".repeat(900) + "\n";
            String name = nc.readLine().substring("* welcome ".length());
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            boolean left = false;
            while (!left && System.nanoTime() < deadline) {
                for (int i = 0; i < 50; i++) {
                    nc.send(line);
                }
                String got;
                do {
                    got = nc.readLine();
                    left = got.endsWith(" left");
                } while (!left && !got.startsWith("x"));
                for (int i = 1; i < 50 && !left; i++) {
                    got = nc.readLine();
                    left = got.endsWith(" left");
                }
            }
            assertTrue(left, "the slow browser was dropped");
            nc.send("still here\n");
            String echo;
            do {
                echo = nc.readLine();
            } while (echo.startsWith("x"));
            assertEquals("still here", echo, "the nc client goes on (" + name + ")");
        }
    }

    @Test
    void framesSentRightBehindTheUpgradeRequestAreNotLost() throws Exception {
        String request = WsTestClient.upgradeRequest(port, null, "dGhlIHNhbXBsZSBub25jZQ==")
                + new String(frame(true, 1, utf8("early bird")), StandardCharsets.ISO_8859_1);
        try (WsTestClient c = WsTestClient.raw(port, request)) {
            assertTrue(c.responseHead.startsWith("HTTP/1.1 101 "), c.responseHead);
            assertTrue(c.readText().startsWith("* welcome "));
            String line = c.readText();
            while (line.startsWith("* ")) {
                line = c.readText();
            }
            assertEquals("early bird", line);
        }
    }

    private static byte[] concat(byte[]... parts) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }
}
