package dev.switchboard.codec.proxy;

import dev.switchboard.codec.FrameDecoder;
import dev.switchboard.codec.FrameException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * The PROXY protocol header (HAProxy's spec, versions 1 and 2) that a load balancer sends
 * before the client's first byte. Exactly one header, then the protocol (or TLS) follows.
 *
 * <pre>
 * v1: "PROXY" SP ("TCP4" | "TCP6" | "UNKNOWN") [SP src SP dst SP sport SP dport] CR LF  (≤ 107 bytes)
 *
 * v2: +------------------------------------+---------+--------+---------+-----------------+
 *     | signature \r\n\r\n\0\r\nQUIT\n (12) | ver|cmd | fam|tp | len u16 | addresses, TLVs |
 *     +------------------------------------+---------+--------+---------+-----------------+
 * </pre>
 *
 * Bytes are checked as they arrive, so a client that is not a load balancer is turned away at
 * its first wrong byte instead of after a timeout. TLVs are skipped.
 */
public final class ProxyHeaderDecoder implements FrameDecoder<ProxyHeader> {
    static final int V1_MAX_BYTES = 107;
    private static final byte[] V1_PREFIX = "PROXY ".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] V2_SIGNATURE = {0x0D, 0x0A, 0x0D, 0x0A, 0x00, 0x0D, 0x0A, 0x51, 0x55, 0x49, 0x54, 0x0A};
    private static final int V2_FIXED_BYTES = 16;

    @Override
    public ProxyHeader decode(ByteBuffer in) throws FrameException {
        if (!in.hasRemaining()) {
            return null;
        }
        byte first = in.get(in.position());
        if (first == 'P') {
            return v1(in);
        }
        if (first == 0x0D) {
            return v2(in);
        }
        throw new FrameException("not a PROXY protocol header");
    }

    private static ProxyHeader v1(ByteBuffer in) throws FrameException {
        int start = in.position();
        int available = in.remaining();
        checkPrefix(in, V1_PREFIX, "PROXY v1 header");
        int end = -1;
        for (int i = start; i < start + Math.min(available, V1_MAX_BYTES); i++) {
            if (in.get(i) == '\n') {
                end = i;
                break;
            }
        }
        if (end < 0) {
            if (available >= V1_MAX_BYTES) {
                throw new FrameException("PROXY v1 header longer than " + V1_MAX_BYTES + " bytes");
            }
            return null;
        }
        if (end == start || in.get(end - 1) != '\r') {
            throw new FrameException("PROXY v1 header does not end with CR LF");
        }
        byte[] line = new byte[end - 1 - start];
        in.get(start, line);
        String[] parts = new String(line, StandardCharsets.US_ASCII).split(" ", -1);
        ProxyHeader header = v1Fields(parts);
        in.position(end + 1);
        return header;
    }

    private static ProxyHeader v1Fields(String[] parts) throws FrameException {
        if (parts.length >= 2 && parts[1].equals("UNKNOWN")) {
            return new ProxyHeader(null, null, 1);
        }
        if (parts.length != 6 || !(parts[1].equals("TCP4") || parts[1].equals("TCP6"))) {
            throw new FrameException("malformed PROXY v1 header");
        }
        boolean v4 = parts[1].equals("TCP4");
        InetAddress source = v1Address(parts[2], v4);
        InetAddress destination = v1Address(parts[3], v4);
        return new ProxyHeader(
                new InetSocketAddress(source, v1Port(parts[4])),
                new InetSocketAddress(destination, v1Port(parts[5])),
                1);
    }

    private static InetAddress v1Address(String text, boolean v4) throws FrameException {
        boolean shape = v4
                ? text.matches("(\\d{1,3}\\.){3}\\d{1,3}")
                : text.matches("[0-9A-Fa-f:.]{2,45}") && text.contains(":");
        if (!shape) {
            throw new FrameException("malformed address in PROXY v1 header");
        }
        if (v4) {
            for (String octet : text.split("\\.")) {
                if (Integer.parseInt(octet) > 255) {
                    throw new FrameException("malformed address in PROXY v1 header");
                }
            }
        }
        try {
            // Only literals reach here (checked above), so this never looks a name up.
            return InetAddress.getByName(text);
        } catch (UnknownHostException e) {
            throw new FrameException("malformed address in PROXY v1 header");
        }
    }

    private static int v1Port(String text) throws FrameException {
        if (!text.matches("\\d{1,5}") || Integer.parseInt(text) > 65535) {
            throw new FrameException("malformed port in PROXY v1 header");
        }
        return Integer.parseInt(text);
    }

    private static ProxyHeader v2(ByteBuffer in) throws FrameException {
        int start = in.position();
        checkPrefix(in, V2_SIGNATURE, "PROXY v2 signature");
        if (in.remaining() < V2_FIXED_BYTES) {
            return null;
        }
        int versionCommand = in.get(start + 12) & 0xFF;
        if (versionCommand >> 4 != 2) {
            throw new FrameException("PROXY v2 header with version " + (versionCommand >> 4));
        }
        int command = versionCommand & 0x0F;
        if (command > 1) {
            throw new FrameException("PROXY v2 header with unknown command " + command);
        }
        int family = (in.get(start + 13) & 0xFF) >> 4;
        int length = in.getShort(start + 14) & 0xFFFF;
        if (in.remaining() < V2_FIXED_BYTES + length) {
            return null;
        }
        int body = start + V2_FIXED_BYTES;
        ProxyHeader header;
        if (command == 0 || family == 0 || family == 3) {
            // LOCAL (a health check of the balancer's own), or no IP address to take.
            header = new ProxyHeader(null, null, 2);
        } else if (family == 1 || family == 2) {
            int ipBytes = family == 1 ? 4 : 16;
            if (length < 2 * ipBytes + 4) {
                throw new FrameException("PROXY v2 header too short for its addresses");
            }
            header = new ProxyHeader(
                    v2Address(in, body, ipBytes, body + 2 * ipBytes),
                    v2Address(in, body + ipBytes, ipBytes, body + 2 * ipBytes + 2),
                    2);
        } else {
            throw new FrameException("PROXY v2 header with unknown address family " + family);
        }
        in.position(body + length);
        return header;
    }

    private static InetSocketAddress v2Address(ByteBuffer in, int at, int ipBytes, int portAt) throws FrameException {
        byte[] ip = new byte[ipBytes];
        in.get(at, ip);
        try {
            return new InetSocketAddress(InetAddress.getByAddress(ip), in.getShort(portAt) & 0xFFFF);
        } catch (UnknownHostException e) {
            throw new FrameException("malformed address in PROXY v2 header");
        }
    }

    /** Fails at the first byte that differs from {@code prefix}, even before it is all there. */
    private static void checkPrefix(ByteBuffer in, byte[] prefix, String what) throws FrameException {
        int start = in.position();
        int n = Math.min(prefix.length, in.remaining());
        for (int i = 0; i < n; i++) {
            if (in.get(start + i) != prefix[i]) {
                throw new FrameException("malformed " + what);
            }
        }
    }
}
