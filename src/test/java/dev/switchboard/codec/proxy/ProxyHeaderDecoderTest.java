package dev.switchboard.codec.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.switchboard.codec.FrameException;
import dev.switchboard.kit.Chunker;
import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** HAProxy's PROXY protocol v1 and v2: every field, every split, and what is refused. */
class ProxyHeaderDecoderTest {
    private static final byte[] SIGNATURE = {0x0D, 0x0A, 0x0D, 0x0A, 0x00, 0x0D, 0x0A, 0x51, 0x55, 0x49, 0x54, 0x0A};

    @Test
    void v1Tcp4GivesBothAddressesAndPortsAndStopsRightAfterCrLf() throws Exception {
        ByteBuffer in = ascii("PROXY TCP4 192.0.2.10 198.51.100.1 56324 443\r\nHELP\n");
        ProxyHeader h = new ProxyHeaderDecoder().decode(in);
        assertEquals(new ProxyHeader(address("192.0.2.10", 56324), address("198.51.100.1", 443), 1), h);
        assertEquals("HELP\n", rest(in));
    }

    @Test
    void v1Tcp6GivesIpv6Addresses() throws Exception {
        ProxyHeader h = new ProxyHeaderDecoder().decode(ascii("PROXY TCP6 2001:db8::1 ::1 65535 0\r\n"));
        assertEquals(new ProxyHeader(address("2001:db8::1", 65535), address("::1", 0), 1), h);
    }

    @Test
    void v1UnknownKeepsTheSocketsAddressWhateverFollowsIt() throws Exception {
        assertEquals(new ProxyHeader(null, null, 1), new ProxyHeaderDecoder().decode(ascii("PROXY UNKNOWN\r\n")));
        assertEquals(
                new ProxyHeader(null, null, 1),
                new ProxyHeaderDecoder().decode(ascii("PROXY UNKNOWN ffff::1 ::1 1 2\r\n")));
    }

    @Test
    void v1TakesExactly107BytesAndNotOneMore() throws Exception {
        String start = "PROXY UNKNOWN ";
        String longest = start + "x".repeat(107 - start.length() - 2) + "\r\n";
        assertEquals(107, longest.length());
        assertEquals(new ProxyHeader(null, null, 1), new ProxyHeaderDecoder().decode(ascii(longest)));
        String tooLong = start + "x".repeat(107 - start.length() - 1) + "\r\n";
        assertThrows(FrameException.class, () -> new ProxyHeaderDecoder().decode(ascii(tooLong)));
        // Refused as soon as 107 bytes have come without an end, not after a timeout.
        assertThrows(FrameException.class, () -> new ProxyHeaderDecoder().decode(ascii(start + "x".repeat(93))));
        assertNull(new ProxyHeaderDecoder().decode(ascii(start + "x".repeat(92))));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "PROXY TCP4 1.2.3.4 5.6.7.8 1 2\n",
                "PROXY TCP4 1.2.3.4 5.6.7.8 1 2\r\r\n",
                "PROXY TCP5 1.2.3.4 5.6.7.8 1 2\r\n",
                "PROXY tcp4 1.2.3.4 5.6.7.8 1 2\r\n",
                "PROXY TCP4 256.2.3.4 5.6.7.8 1 2\r\n",
                "PROXY TCP4 1.2.3 5.6.7.8 1 2\r\n",
                "PROXY TCP4 1.2.3.4 5.6.7.8 65536 2\r\n",
                "PROXY TCP4 1.2.3.4 5.6.7.8 -1 2\r\n",
                "PROXY TCP4 1.2.3.4 5.6.7.8 1\r\n",
                "PROXY TCP4 1.2.3.4 5.6.7.8 1 2 3\r\n",
                "PROXY TCP4  1.2.3.4 5.6.7.8 1 2\r\n",
                "PROXY TCP4 ::1 ::1 1 2\r\n",
                "PROXY TCP6 1.2.3.4 5.6.7.8 1 2\r\n",
                "PROXY TCP6 localhost ::1 1 2\r\n",
                "PROXY TCP4 example.com 5.6.7.8 1 2\r\n",
                "PROXY \r\n",
                "PROXY\r\n",
                "proxy TCP4 1.2.3.4 5.6.7.8 1 2\r\n",
                "GET / HTTP/1.1\r\n",
                "HELP\n",
            })
    void malformedV1IsRefused(String header) {
        assertThrows(FrameException.class, () -> new ProxyHeaderDecoder().decode(ascii(header)));
    }

    @Test
    void aWrongFirstByteIsRefusedAtOnceAndAPartialRightPrefixWaits() throws Exception {
        assertThrows(FrameException.class, () -> new ProxyHeaderDecoder().decode(ascii("H")));
        assertThrows(FrameException.class, () -> new ProxyHeaderDecoder().decode(ascii("PRX")));
        assertThrows(FrameException.class, () -> new ProxyHeaderDecoder().decode(bytes(0x0D, 0x0A, 0x0D, 0x0B)));
        assertThrows(FrameException.class, () -> new ProxyHeaderDecoder().decode(bytes(0x16, 0x03, 0x01)));
        ByteBuffer partial = ascii("PROXY TCP4 1.2");
        assertNull(new ProxyHeaderDecoder().decode(partial));
        assertEquals(0, partial.position(), "nothing consumed while incomplete");
        assertNull(new ProxyHeaderDecoder().decode(bytes(0x0D, 0x0A, 0x0D)));
        assertNull(new ProxyHeaderDecoder().decode(ByteBuffer.allocate(0)));
    }

    @Test
    void v2ProxyTcp4GivesBothAddressesAndPorts() throws Exception {
        ByteBuffer in = ByteBuffer.wrap(concat(
                v2(0x21, 0x11, inet4Body("192.0.2.10", "198.51.100.1", 56324, 443), 0),
                "HELP\n".getBytes(StandardCharsets.US_ASCII)));
        ProxyHeader h = new ProxyHeaderDecoder().decode(in);
        assertEquals(new ProxyHeader(address("192.0.2.10", 56324), address("198.51.100.1", 443), 2), h);
        assertEquals("HELP\n", rest(in));
    }

    @Test
    void v2ProxyTcp6GivesIpv6Addresses() throws Exception {
        ByteBuffer body = ByteBuffer.allocate(36);
        body.put(InetAddress.getByName("2001:db8::7").getAddress())
                .put(InetAddress.getByName("::1").getAddress());
        body.putShort((short) 65535).putShort((short) 8080);
        ProxyHeader h = new ProxyHeaderDecoder().decode(ByteBuffer.wrap(v2(0x21, 0x21, body.array(), 0)));
        assertEquals(new ProxyHeader(address("2001:db8::7", 65535), address("::1", 8080), 2), h);
    }

    @Test
    void v2TlvsAfterTheAddressesAreSkipped() throws Exception {
        byte[] tlvs = {0x01, 0x00, 0x02, 'h', '2', 0x04, 0x00, 0x00};
        ByteBuffer in = ByteBuffer.wrap(
                concat(v2(0x21, 0x11, concat(inet4Body("10.1.2.3", "10.9.9.9", 1, 2), tlvs), 0), new byte[] {'x'}));
        assertEquals(address("10.1.2.3", 1), new ProxyHeaderDecoder().decode(in).source());
        assertEquals("x", rest(in));
    }

    @Test
    void v2LocalAndNonIpFamiliesKeepTheSocketsAddress() throws Exception {
        byte[] addresses = inet4Body("192.0.2.10", "198.51.100.1", 1, 2);
        ProxyHeader local = new ProxyHeader(null, null, 2);
        assertEquals(local, new ProxyHeaderDecoder().decode(ByteBuffer.wrap(v2(0x20, 0x00, new byte[0], 0))));
        assertEquals(local, new ProxyHeaderDecoder().decode(ByteBuffer.wrap(v2(0x20, 0x11, addresses, 0))));
        assertEquals(local, new ProxyHeaderDecoder().decode(ByteBuffer.wrap(v2(0x21, 0x00, new byte[0], 0))));
        assertEquals(local, new ProxyHeaderDecoder().decode(ByteBuffer.wrap(v2(0x21, 0x31, new byte[216], 0))));
    }

    @Test
    void malformedV2IsRefused() {
        byte[] addresses = inet4Body("192.0.2.10", "198.51.100.1", 1, 2);
        List<byte[]> bad = List.of(
                v2(0x11, 0x11, addresses, 0),
                v2(0x31, 0x11, addresses, 0),
                v2(0x22, 0x11, addresses, 0),
                v2(0x21, 0x41, addresses, 0),
                v2(0x21, 0x11, new byte[11], 0),
                v2(0x21, 0x21, new byte[35], 0));
        for (byte[] header : bad) {
            assertThrows(FrameException.class, () -> new ProxyHeaderDecoder().decode(ByteBuffer.wrap(header)));
        }
    }

    @Test
    void v2WaitsForItsWholeLengthBeforeDeciding() throws Exception {
        byte[] whole = v2(0x21, 0x11, inet4Body("192.0.2.10", "198.51.100.1", 1, 2), 0);
        for (int n = 0; n < whole.length; n++) {
            ByteBuffer part = ByteBuffer.wrap(whole, 0, n).slice();
            assertNull(new ProxyHeaderDecoder().decode(part), n + " bytes");
            assertEquals(0, part.position());
        }
    }

    @Test
    void headersSplitAtEveryPositionDecodeTheSame() throws Exception {
        byte[] stream = concat(
                ascii("PROXY TCP4 192.0.2.10 198.51.100.1 56324 443\r\n").array(),
                v2(0x21, 0x11, concat(inet4Body("10.1.2.3", "10.9.9.9", 7, 8), new byte[] {0x04, 0, 1, 9}), 0),
                ascii("PROXY TCP6 2001:db8::1 ::1 65535 0\r\n").array(),
                v2(0x20, 0x00, new byte[0], 0),
                ascii("PROXY UNKNOWN\r\n").array());
        List<ProxyHeader> expected = List.of(
                new ProxyHeader(address("192.0.2.10", 56324), address("198.51.100.1", 443), 1),
                new ProxyHeader(address("10.1.2.3", 7), address("10.9.9.9", 8), 2),
                new ProxyHeader(address("2001:db8::1", 65535), address("::1", 0), 1),
                new ProxyHeader(null, null, 2),
                new ProxyHeader(null, null, 1));
        assertEquals(expected, decode(stream, Chunker.whole(stream.length)));
        assertEquals(expected, decode(stream, Chunker.byteByByte(stream.length)));
        for (int at = 0; at <= stream.length; at++) {
            assertEquals(expected, decode(stream, Chunker.splitAt(stream.length, at)), "split at " + at);
        }
        for (long seed = 0; seed < 50; seed++) {
            assertEquals(expected, decode(stream, Chunker.random(stream.length, seed)), "seed " + seed);
        }
    }

    private static List<ProxyHeader> decode(byte[] stream, int[] slices) throws FrameException {
        return Chunker.decode(new ProxyHeaderDecoder(), stream, slices, false, h -> h);
    }

    /** A v2 header: signature, version|command, family|transport, length, body (+ padding). */
    static byte[] v2(int versionCommand, int familyTransport, byte[] body, int padding) {
        ByteBuffer b = ByteBuffer.allocate(16 + body.length + padding);
        b.put(SIGNATURE)
                .put((byte) versionCommand)
                .put((byte) familyTransport)
                .putShort((short) (body.length + padding))
                .put(body);
        return b.array();
    }

    static byte[] inet4Body(String source, String destination, int sourcePort, int destinationPort) {
        try {
            return ByteBuffer.allocate(12)
                    .put(InetAddress.getByName(source).getAddress())
                    .put(InetAddress.getByName(destination).getAddress())
                    .putShort((short) sourcePort)
                    .putShort((short) destinationPort)
                    .array();
        } catch (java.net.UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    private static InetSocketAddress address(String ip, int port) throws Exception {
        return new InetSocketAddress(InetAddress.getByName(ip), port);
    }

    private static ByteBuffer ascii(String s) {
        return ByteBuffer.wrap(s.getBytes(StandardCharsets.US_ASCII));
    }

    private static ByteBuffer bytes(int... values) {
        ByteBuffer b = ByteBuffer.allocate(values.length);
        for (int v : values) {
            b.put((byte) v);
        }
        return b.flip();
    }

    private static String rest(ByteBuffer in) {
        byte[] b = new byte[in.remaining()];
        in.get(b);
        return new String(b, StandardCharsets.US_ASCII);
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }
}
