package dev.switchboard.reactor.tls;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;
import javax.net.ssl.SSLEngineResult.Status;

/**
 * A TLS client that drives its own {@link SSLEngine} over a blocking socket, so a test decides
 * what leaves in one write: its last handshake flight (the Finished) and its first data, say,
 * which {@code SSLSocket} would write apart.
 */
final class EngineClient implements AutoCloseable {
    private static final ByteBuffer NOTHING = ByteBuffer.allocate(0);
    private final Socket socket;
    private final SSLEngine engine;
    private final InputStream in;
    private final OutputStream out;
    /** Records read, not yet unwrapped, in write mode. */
    private ByteBuffer netIn = ByteBuffer.allocate(1 << 17);
    /** Plaintext unwrapped, not yet taken, in write mode. */
    private final ByteBuffer appIn = ByteBuffer.allocate(1 << 17);
    /** Bytes the server sent until our handshake was done. */
    private long handshakeBytesIn;

    EngineClient(SSLContext context, int port, String protocol) throws IOException {
        socket = new Socket("127.0.0.1", port);
        socket.setSoTimeout(10_000);
        socket.setTcpNoDelay(true);
        in = socket.getInputStream();
        out = socket.getOutputStream();
        // Host and port name the session, so a second client of the same context resumes it.
        engine = context.createSSLEngine("localhost", port);
        engine.setUseClientMode(true);
        engine.setEnabledProtocols(new String[] {protocol});
    }

    long handshakeBytesIn() {
        return handshakeBytesIn;
    }

    SSLEngine engine() {
        return engine;
    }

    /** Handshakes, holding back our last flight, then sends it and {@code data} in one write. */
    void handshakeAndSendWithFinished(String data) throws IOException {
        ByteArrayOutputStream held = new ByteArrayOutputStream();
        engine.beginHandshake();
        while (true) {
            HandshakeStatus status = engine.getHandshakeStatus();
            if (status == HandshakeStatus.NEED_TASK) {
                Runnable task;
                while ((task = engine.getDelegatedTask()) != null) {
                    task.run();
                }
            } else if (status == HandshakeStatus.NEED_WRAP) {
                if (wrap(NOTHING, held).getHandshakeStatus() == HandshakeStatus.FINISHED) {
                    break;
                }
            } else if (status == HandshakeStatus.NEED_UNWRAP || status == HandshakeStatus.NEED_UNWRAP_AGAIN) {
                if (held.size() > 0) {
                    out.write(held.toByteArray());
                    held.reset();
                }
                SSLEngineResult result = unwrapOne(true);
                if (result.getHandshakeStatus() == HandshakeStatus.FINISHED) {
                    // TLS 1.2 ends on the server's Finished; 1.3 on ours, held above.
                    break;
                }
            } else {
                break;
            }
        }
        wrap(ByteBuffer.wrap(data.getBytes(StandardCharsets.UTF_8)), held);
        out.write(held.toByteArray());
        out.flush();
    }

    /** Sends {@code data} and our {@code close_notify} in one write, and leaves the socket open. */
    void sendWithCloseNotify(String data) throws IOException {
        ByteArrayOutputStream records = new ByteArrayOutputStream();
        wrap(ByteBuffer.wrap(data.getBytes(StandardCharsets.UTF_8)), records);
        engine.closeOutbound();
        ByteBuffer closing = ByteBuffer.allocate(engine.getSession().getPacketBufferSize());
        engine.wrap(NOTHING, closing);
        records.write(closing.array(), 0, closing.position());
        out.write(records.toByteArray());
        out.flush();
    }

    /** The first bytes of a real ClientHello record: {@code bytes} of them. */
    static byte[] clientHelloPrefix(SSLContext context, int bytes) throws IOException {
        SSLEngine client = context.createSSLEngine("localhost", 1);
        client.setUseClientMode(true);
        ByteBuffer hello = ByteBuffer.allocate(client.getSession().getPacketBufferSize());
        client.wrap(NOTHING, hello);
        if (bytes >= hello.position()) {
            throw new IllegalArgumentException("the ClientHello has only " + hello.position() + " bytes");
        }
        return java.util.Arrays.copyOf(hello.array(), bytes);
    }

    /** The whole ClientHello's length. */
    static int clientHelloBytes(SSLContext context) throws IOException {
        SSLEngine client = context.createSSLEngine("localhost", 1);
        client.setUseClientMode(true);
        ByteBuffer hello = ByteBuffer.allocate(client.getSession().getPacketBufferSize());
        client.wrap(NOTHING, hello);
        return hello.position();
    }

    private SSLEngineResult wrap(ByteBuffer src, ByteArrayOutputStream to) throws IOException {
        ByteBuffer records = ByteBuffer.allocate(engine.getSession().getPacketBufferSize() * 2);
        SSLEngineResult result = engine.wrap(src, records);
        if (result.getStatus() != Status.OK) {
            throw new IOException("wrap: " + result);
        }
        to.write(records.array(), 0, records.position());
        return result;
    }

    /** Unwraps one record, reading from the socket as needed. */
    private SSLEngineResult unwrapOne(boolean handshaking) throws IOException {
        while (true) {
            netIn.flip();
            SSLEngineResult result = engine.unwrap(netIn, appIn);
            netIn.compact();
            if (result.getStatus() == Status.BUFFER_UNDERFLOW) {
                int n = in.read(netIn.array(), netIn.position(), netIn.remaining());
                if (n < 0) {
                    throw new IOException("the server closed");
                }
                netIn.position(netIn.position() + n);
                if (handshaking) {
                    handshakeBytesIn += n;
                }
                continue;
            }
            if (result.getStatus() == Status.CLOSED) {
                throw new IOException("the server sent close_notify");
            }
            if (result.getHandshakeStatus() == HandshakeStatus.NEED_TASK) {
                Runnable task;
                while ((task = engine.getDelegatedTask()) != null) {
                    task.run();
                }
            }
            return result;
        }
    }

    /** The next line the server sent, without its LF; post-handshake messages (tickets) pass by. */
    String readLine() throws IOException {
        while (true) {
            for (int i = 0; i < appIn.position(); i++) {
                if (appIn.get(i) == '\n') {
                    String line = new String(appIn.array(), 0, i, StandardCharsets.UTF_8);
                    appIn.flip().position(i + 1);
                    appIn.compact();
                    return line;
                }
            }
            unwrapOne(false);
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
