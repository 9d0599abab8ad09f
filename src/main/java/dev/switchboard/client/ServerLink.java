package dev.switchboard.client;

import dev.switchboard.codec.FrameDecoder;
import dev.switchboard.codec.FrameException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * One connection to the server: a blocking socket (plain or TLS), and one thread that decodes
 * whatever the server sends (with the daemon's own codecs) into {@link Reply}s, ending with a
 * {@link Reply#closed} that says why.
 */
final class ServerLink implements AutoCloseable {
    /** Quiet this long before a close, and the close was probably the server's idle timeout. */
    private static final long IDLE_HINT_NANOS = TimeUnit.SECONDS.toNanos(10);

    private final Socket socket;
    private final OutputStream out;
    private final BlockingQueue<Reply> replies = new LinkedBlockingQueue<>();
    private volatile long lastTrafficNanos = System.nanoTime();
    private volatile boolean closing;
    private volatile boolean ended;

    private ServerLink(Socket socket) throws IOException {
        this.socket = socket;
        this.out = socket.getOutputStream();
    }

    static <F> ServerLink start(Socket socket, Dialect<F> dialect) throws IOException {
        ServerLink link = new ServerLink(socket);
        Thread reader = new Thread(() -> link.readReplies(dialect), "switchboard-client-reader");
        reader.setDaemon(true);
        reader.start();
        return link;
    }

    void send(byte[] bytes) throws IOException {
        lastTrafficNanos = System.nanoTime();
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

    /** True once the server's side has ended (its close is queued, or already taken). */
    boolean ended() {
        return ended;
    }

    @Override
    public void close() throws IOException {
        closing = true;
        socket.close();
    }

    private <F> void readReplies(Dialect<F> dialect) {
        FrameDecoder<F> decoder = dialect.newReplyDecoder();
        ByteBuffer buffer = ByteBuffer.allocate(64 * 1024);
        String why = "connection closed by server";
        try (InputStream in = socket.getInputStream()) {
            while (true) {
                if (!buffer.hasRemaining()) {
                    ByteBuffer bigger = ByteBuffer.allocate(buffer.capacity() * 2);
                    buffer.flip();
                    buffer = bigger.put(buffer);
                }
                int n = in.read(buffer.array(), buffer.arrayOffset() + buffer.position(), buffer.remaining());
                long quietNanos = System.nanoTime() - lastTrafficNanos;
                if (n > 0) {
                    lastTrafficNanos = System.nanoTime();
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
                    why += idleHint(quietNanos);
                    return;
                }
                buffer.compact();
            }
        } catch (FrameException e) {
            why = "unreadable reply from the server: " + e.getMessage();
        } catch (IOException e) {
            why = closing ? "connection closed" : "connection lost: " + e.getMessage();
        } finally {
            ended = true;
            replies.add(Reply.closed(why));
        }
    }

    static String idleHint(long quietNanos) {
        if (quietNanos < IDLE_HINT_NANOS) {
            return "";
        }
        return " after " + TimeUnit.NANOSECONDS.toSeconds(quietNanos) + " s without traffic (its idle timeout?)";
    }
}
