package dev.switchboard.reactor;

import dev.switchboard.codec.FrameException;
import dev.switchboard.codec.proxy.ProxyHeader;
import dev.switchboard.codec.proxy.ProxyHeaderDecoder;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;

/**
 * Reads a connection's PROXY header from the raw socket, before TLS or the protocol sees a
 * byte. Bytes read past the header are handed back to the socket, so whatever follows (a
 * ClientHello, a command) is read as if they had just arrived.
 */
final class ProxyPreface {
    /** The largest v2 header: 16 bytes and a 16-bit length of addresses and TLVs. */
    private static final int MAX_HEADER_BYTES = 16 + 65_535;

    private final ProxyHeaderDecoder decoder = new ProxyHeaderDecoder();
    private ByteBuffer buffer = ByteBuffer.allocate(256);

    /**
     * Reads what the socket has; returns the header once whole, or null while it is not.
     *
     * @throws FrameException the bytes are no PROXY header
     * @throws IOException    the socket failed or closed before the header was whole
     */
    ProxyHeader read(SocketTransport socket) throws IOException, FrameException {
        while (true) {
            if (!buffer.hasRemaining()) {
                if (buffer.capacity() >= MAX_HEADER_BYTES) {
                    throw new FrameException("PROXY header too long");
                }
                ByteBuffer bigger = ByteBuffer.allocate(Math.min(MAX_HEADER_BYTES, buffer.capacity() * 4));
                buffer.flip();
                buffer = bigger.put(buffer);
            }
            int n = socket.read(buffer);
            if (n < 0) {
                throw new IOException("closed before its PROXY header was complete");
            }
            buffer.flip();
            ProxyHeader header = decoder.decode(buffer);
            if (header != null) {
                socket.unread(buffer);
                buffer = null;
                return header;
            }
            buffer.position(buffer.limit()).limit(buffer.capacity());
            if (n == 0) {
                return null;
            }
        }
    }

    /** The address to use from now on: the header's, or the socket's own when it carries none. */
    static InetSocketAddress clientAddress(ProxyHeader header, InetSocketAddress socketAddress) {
        return header.source() != null ? header.source() : socketAddress;
    }
}
