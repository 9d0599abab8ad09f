package dev.switchboard.kit;

import dev.switchboard.codec.Frame5;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * A plain blocking socket, as the seeds' clients used, with every read under a deadline so a
 * missing reply fails the test instead of hanging it.
 */
public final class TestClient implements AutoCloseable {
    public static final int READ_TIMEOUT_MILLIS = 10_000;
    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    public TestClient(int port) throws IOException {
        this(new Socket("127.0.0.1", port));
    }

    /** Over a socket already connected (a TLS one, say). */
    public TestClient(Socket connected) throws IOException {
        socket = connected;
        socket.setSoTimeout(READ_TIMEOUT_MILLIS);
        socket.setTcpNoDelay(true);
        in = new java.io.BufferedInputStream(socket.getInputStream());
        out = socket.getOutputStream();
    }

    public Socket socket() {
        return socket;
    }

    public TestClient send(String text) throws IOException {
        return send(text.getBytes(StandardCharsets.UTF_8));
    }

    public TestClient send(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
        return this;
    }

    /** One line without its LF (a CR before it is kept, to check what the server sent). */
    public String readLine() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        while (true) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("connection closed after " + line.size() + " bytes of a line: "
                        + line.toString(StandardCharsets.UTF_8));
            }
            if (b == '\n') {
                return line.toString(StandardCharsets.UTF_8);
            }
            line.write(b);
        }
    }

    public byte[] readExactly(int n) throws IOException {
        byte[] bytes = in.readNBytes(n);
        if (bytes.length != n) {
            throw new IOException("connection closed after " + bytes.length + " of " + n + " bytes");
        }
        return bytes;
    }

    public String readText(int n) throws IOException {
        return new String(readExactly(n), StandardCharsets.UTF_8);
    }

    /** A frame5 frame: command and payload. */
    public Frame readFrame5() throws IOException {
        ByteBuffer header = ByteBuffer.wrap(readExactly(5));
        int command = header.get() & 0xFF;
        long length = header.getInt() & 0xFFFF_FFFFL;
        return new Frame(command, readExactly((int) length));
    }

    /** A header128 message's payload as text. */
    public String readHeader128() throws IOException {
        String header = new String(readExactly(128), StandardCharsets.US_ASCII).strip();
        return readText(Integer.parseInt(header));
    }

    /** Asserts the server closes the connection (end of stream or reset) before the deadline. */
    public void expectClosed() throws IOException {
        try {
            int b = in.read();
            if (b >= 0) {
                throw new AssertionError("expected the connection to close, got byte " + b);
            }
        } catch (SocketTimeoutException e) {
            throw new AssertionError("the connection stayed open for " + READ_TIMEOUT_MILLIS + " ms");
        } catch (IOException e) {
            // A reset also means closed.
        }
    }

    /** Asserts nothing arrives within {@code millis} (the connection stays open and quiet). */
    public void expectSilence(int millis) throws IOException {
        socket.setSoTimeout(millis);
        try {
            int b = in.read();
            throw new AssertionError(b < 0 ? "the connection closed" : "unexpected byte " + b);
        } catch (SocketTimeoutException expected) {
            // Quiet, as it should be.
        } finally {
            socket.setSoTimeout(READ_TIMEOUT_MILLIS);
        }
    }

    public void shutdownOutput() throws IOException {
        socket.shutdownOutput();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }

    public record Frame(int command, byte[] payload) {
        public String text() {
            return new String(payload, StandardCharsets.UTF_8);
        }
    }

    public static byte[] frame5(int command, byte[] payload) {
        return Frame5.ENCODER.encode(command, payload);
    }

    public static byte[] frame5(int command, String payload) {
        return frame5(command, payload.getBytes(StandardCharsets.UTF_8));
    }

    public static byte[] header128(byte[] payload) {
        return header128(Integer.toString(payload.length), payload);
    }

    public static byte[] header128(String payload) {
        return header128(payload.getBytes(StandardCharsets.UTF_8));
    }

    /** A message with any header text (padded with spaces to 128 bytes). */
    public static byte[] header128(String header, byte[] payload) {
        byte[] out = new byte[128 + payload.length];
        java.util.Arrays.fill(out, 0, 128, (byte) ' ');
        byte[] h = header.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(h, 0, out, 0, h.length);
        System.arraycopy(payload, 0, out, 128, payload.length);
        return out;
    }
}
