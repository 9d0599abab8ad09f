package dev.switchboard.client;

import dev.switchboard.codec.FrameDecoder;
import dev.switchboard.codec.FrameException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The client's connection: a blocking socket, and one thread that decodes whatever the server
 * sends (with the daemon's own codecs) into {@link Reply}s, ending with {@link Reply#CLOSED}.
 */
final class ServerLink implements AutoCloseable {
    private final Socket socket;
    private final OutputStream out;
    private final BlockingQueue<Reply> replies = new LinkedBlockingQueue<>();

    private ServerLink(Socket socket) throws IOException {
        this.socket = socket;
        this.out = socket.getOutputStream();
    }

    static <F> ServerLink open(String host, int port, int connectTimeoutMillis, Dialect<F> dialect)
            throws IOException {
        Socket socket = new Socket();
        try {
            socket.setTcpNoDelay(true);
            socket.connect(new InetSocketAddress(host, port), connectTimeoutMillis);
        } catch (IOException e) {
            socket.close();
            throw e;
        }
        ServerLink link = new ServerLink(socket);
        Thread reader = new Thread(() -> link.readReplies(dialect), "switchboard-client-reader");
        reader.setDaemon(true);
        reader.start();
        return link;
    }

    void send(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    /** The next reply, or null if none came within {@code timeoutMillis}. */
    Reply next(long timeoutMillis) throws InterruptedException {
        return replies.poll(timeoutMillis, TimeUnit.MILLISECONDS);
    }

    Reply take() throws InterruptedException {
        return replies.take();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }

    private <F> void readReplies(Dialect<F> dialect) {
        FrameDecoder<F> decoder = dialect.newReplyDecoder();
        ByteBuffer buffer = ByteBuffer.allocate(64 * 1024);
        try (InputStream in = socket.getInputStream()) {
            while (true) {
                if (!buffer.hasRemaining()) {
                    ByteBuffer bigger = ByteBuffer.allocate(buffer.capacity() * 2);
                    buffer.flip();
                    buffer = bigger.put(buffer);
                }
                int n = in.read(buffer.array(), buffer.arrayOffset() + buffer.position(), buffer.remaining());
                if (n > 0) {
                    buffer.position(buffer.position() + n);
                }
                buffer.flip();
                F message;
                while ((message = decoder.decode(buffer)) != null) {
                    replies.add(dialect.reply(message));
                }
                if (n < 0) {
                    F last = decoder.drained(buffer, true);
                    if (last != null) {
                        replies.add(dialect.reply(last));
                    }
                    return;
                }
                buffer.compact();
            }
        } catch (FrameException e) {
            replies.add(Reply.error("unreadable reply from the server: " + e.getMessage()));
        } catch (IOException e) {
            // Reset by the server, or closed by us: either way the conversation is over.
        } finally {
            replies.add(Reply.CLOSED);
        }
    }
}
