package dev.switchboard.protocol.web;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Random;

/**
 * A raw-socket WebSocket client written from RFC 6455 for the tests, separate from the codec
 * under test: masked frames built by hand, any frame it is asked to send (bad ones too), and
 * every read under a deadline.
 */
public final class WsTestClient implements AutoCloseable {
    static final int READ_TIMEOUT_MILLIS = 10_000;
    private static final Random RANDOM = new Random(6455);
    private final Socket socket;
    private final DataInputStream in;
    private final OutputStream out;
    String responseHead;

    record Frame(boolean fin, int opcode, byte[] payload) {
        String text() {
            return new String(payload, StandardCharsets.UTF_8);
        }

        int closeCode() {
            return payload.length >= 2 ? ByteBuffer.wrap(payload).getShort() & 0xFFFF : -1;
        }
    }

    private WsTestClient(Socket socket) throws IOException {
        this.socket = socket;
        this.in = new DataInputStream(new BufferedInputStream(socket.getInputStream()));
        this.out = socket.getOutputStream();
    }

    /** Opens a socket and sends {@code request} as is; returns the response head (the client then reads frames). */
    static WsTestClient raw(int port, String request) throws IOException {
        Socket s = new Socket("127.0.0.1", port);
        s.setSoTimeout(READ_TIMEOUT_MILLIS);
        s.setTcpNoDelay(true);
        s.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
        WsTestClient c = new WsTestClient(s);
        c.responseHead = c.readHead();
        return c;
    }

    static String upgradeRequest(int port, String origin, String key) {
        return "GET /chat HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Key: " + key + "\r\nSec-WebSocket-Version: 13\r\n"
                + (origin == null ? "" : "Origin: " + origin + "\r\n") + "\r\n";
    }

    /** Upgrades (with {@code origin}, or none for null) and checks the 101 and its accept value. */
    static WsTestClient connect(int port, String origin) throws IOException {
        byte[] nonce = new byte[16];
        RANDOM.nextBytes(nonce);
        String key = Base64.getEncoder().encodeToString(nonce);
        WsTestClient c = raw(port, upgradeRequest(port, origin, key));
        assertEquals(
                "HTTP/1.1 101 Switching Protocols",
                c.responseHead.lines().findFirst().orElse(""),
                c.responseHead);
        assertEquals(Handshake.accept(key), header(c.responseHead, "Sec-WebSocket-Accept"));
        return c;
    }

    public static WsTestClient connect(int port) throws IOException {
        return connect(port, null);
    }

    static String header(String head, String name) {
        return head.lines()
                .filter(l -> l.toLowerCase().startsWith(name.toLowerCase() + ":"))
                .map(l -> l.substring(name.length() + 1).strip())
                .findFirst()
                .orElse(null);
    }

    private String readHead() throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new EOFException("closed inside the response head: " + head);
            }
            head.write(b);
        }
        return head.toString(StandardCharsets.ISO_8859_1);
    }

    /** The HTTP body after the head, up to the close (the server closes after every non-101). */
    String readToEnd() throws IOException {
        return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }

    WsTestClient send(boolean fin, int opcode, byte[] payload) throws IOException {
        out.write(frame(fin, opcode, payload, true));
        out.flush();
        return this;
    }

    public WsTestClient sendText(String text) throws IOException {
        return send(true, 1, text.getBytes(StandardCharsets.UTF_8));
    }

    WsTestClient sendBytes(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
        return this;
    }

    static byte[] frame(boolean fin, int opcode, byte[] payload, boolean masked) {
        ByteArrayOutputStream f = new ByteArrayOutputStream();
        f.write((fin ? 0x80 : 0) | opcode);
        int maskBit = masked ? 0x80 : 0;
        if (payload.length < 126) {
            f.write(maskBit | payload.length);
        } else if (payload.length <= 0xFFFF) {
            f.write(maskBit | 126);
            f.write(payload.length >> 8);
            f.write(payload.length & 0xFF);
        } else {
            f.write(maskBit | 127);
            f.writeBytes(ByteBuffer.allocate(8).putLong(payload.length).array());
        }
        byte[] mask = new byte[4];
        if (masked) {
            RANDOM.nextBytes(mask);
            f.writeBytes(mask);
        }
        for (int i = 0; i < payload.length; i++) {
            f.write(payload[i] ^ mask[i & 3]);
        }
        return f.toByteArray();
    }

    Frame readFrame() throws IOException {
        int b0 = in.readUnsignedByte();
        int b1 = in.readUnsignedByte();
        if ((b1 & 0x80) != 0) {
            throw new IOException("the server masked a frame");
        }
        long length = b1 & 0x7F;
        if (length == 126) {
            length = in.readUnsignedShort();
        } else if (length == 127) {
            length = in.readLong();
        }
        byte[] payload = new byte[(int) length];
        in.readFully(payload);
        return new Frame((b0 & 0x80) != 0, b0 & 0x0F, payload);
    }

    /** The next text frame's text, answering nothing and skipping pings. */
    public String readText() throws IOException {
        while (true) {
            Frame f = readFrame();
            if (f.opcode() == 1) {
                return f.text();
            }
            if (f.opcode() != 9) {
                throw new IOException("expected a text frame, got opcode " + f.opcode() + " " + f.text());
            }
        }
    }

    /** Reads until a close frame (skipping data), and returns its code; then the TCP stream must end. */
    int expectClose() throws IOException {
        while (true) {
            Frame f = readFrame();
            if (f.opcode() == 8) {
                expectEnd();
                return f.closeCode();
            }
        }
    }

    void expectEnd() throws IOException {
        try {
            int b = in.read();
            if (b >= 0) {
                throw new AssertionError("expected the end of the stream, got byte " + b);
            }
        } catch (SocketTimeoutException e) {
            throw new AssertionError("the server did not close within " + READ_TIMEOUT_MILLIS + " ms");
        } catch (IOException reset) {
            // A reset ends the stream too.
        }
    }

    Socket socket() {
        return socket;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
