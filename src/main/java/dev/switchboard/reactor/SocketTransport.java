package dev.switchboard.reactor;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;

/**
 * The plaintext socket. It can take back bytes read ahead of their owner (a PROXY header's
 * reader read past the header; those bytes belong to TLS or the protocol), which are served
 * before the socket's own.
 */
public final class SocketTransport implements Transport {
    private final SocketChannel channel;
    /** Bytes given back with {@link #unread}, in read mode; null when none (the usual case). */
    private ByteBuffer pushedBack;
    /**
     * Bytes the socket itself read and wrote, for the disconnect line: wire bytes, so under TLS
     * they include the records' framing and the handshake, and in includes a PROXY header.
     */
    long bytesRead;

    long bytesWritten;

    public SocketTransport(SocketChannel channel) {
        this.channel = channel;
    }

    public SocketChannel channel() {
        return channel;
    }

    /** Makes {@code bytes} the next ones {@link #read} returns. */
    public void unread(ByteBuffer bytes) {
        if (bytes.hasRemaining()) {
            ByteBuffer copy = ByteBuffer.allocate(bytes.remaining());
            copy.put(bytes).flip();
            pushedBack = copy;
        }
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
        if (pushedBack == null) {
            return counted(channel.read(dst));
        }
        int n = Math.min(dst.remaining(), pushedBack.remaining());
        int limit = pushedBack.limit();
        pushedBack.limit(pushedBack.position() + n);
        dst.put(pushedBack);
        pushedBack.limit(limit);
        if (pushedBack.hasRemaining()) {
            return n;
        }
        pushedBack = null;
        // Go on to the socket, so that "fewer bytes than asked" still means "nothing more now".
        int more = dst.hasRemaining() ? counted(channel.read(dst)) : 0;
        return more < 0 ? (n > 0 ? n : -1) : n + more;
    }

    private int counted(int n) {
        if (n > 0) {
            bytesRead += n;
        }
        return n;
    }

    @Override
    public boolean hasBufferedInput() {
        return pushedBack != null;
    }

    @Override
    public int write(ByteBuffer src) throws IOException {
        int n = channel.write(src);
        bytesWritten += n;
        return n;
    }

    @Override
    public long write(ByteBuffer[] srcs, int offset, int length) throws IOException {
        long n = channel.write(srcs, offset, length);
        bytesWritten += n;
        return n;
    }

    @Override
    public void shutdownOutput() throws IOException {
        channel.shutdownOutput();
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
