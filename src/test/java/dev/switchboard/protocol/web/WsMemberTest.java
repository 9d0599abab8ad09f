package dev.switchboard.protocol.web;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.switchboard.codec.FrameDecoder;
import dev.switchboard.codec.FrameException;
import dev.switchboard.protocol.Service;
import dev.switchboard.protocol.Session;
import dev.switchboard.reactor.EventLoop;
import dev.switchboard.reactor.Limits;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The encoder seam: what the chat sends a browser member, and the frames that go out. */
class WsMemberTest {

    /** The connection under the member: records every byte sent. */
    private static final class Wire implements Session {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        boolean closing;

        @Override
        public void send(ByteBuffer b) {
            byte[] copy = new byte[b.remaining()];
            b.get(copy);
            bytes.writeBytes(copy);
        }

        @Override
        public void closeAfterFlush() {
            closing = true;
        }

        @Override
        public void close() {
            closing = true;
        }

        @Override
        public boolean isOpen() {
            return !closing;
        }

        @Override
        public String remote() {
            return "test";
        }

        @Override
        public Object attachment() {
            return null;
        }

        @Override
        public void attach(Object state) {}

        /** The frames on the wire as "opcode:text". */
        List<String> frames() {
            List<String> out = new ArrayList<>();
            ByteBuffer in = ByteBuffer.wrap(bytes.toByteArray());
            while (in.hasRemaining()) {
                int opcode = in.get() & 0x0F;
                int length = in.get() & 0x7F;
                if (length == 126) {
                    length = in.getShort() & 0xFFFF;
                }
                byte[] payload = new byte[length];
                in.get(payload);
                out.add(opcode + ":" + new String(payload, StandardCharsets.UTF_8));
            }
            return out;
        }
    }

    private static final Service<ByteBuffer> NO_CHAT = new Service<>() {
        @Override
        public String name() {
            return "chat";
        }

        @Override
        public FrameDecoder<ByteBuffer> newDecoder() {
            throw new UnsupportedOperationException();
        }

        @Override
        public void received(Session session, ByteBuffer message) {}

        @Override
        public void rejected(Session session, FrameException error) {}
    };

    private static WsMember member(Wire wire) throws Exception {
        return new WsMember(
                wire, new WebService(NO_CHAT, new EventLoop(new Limits(1024, 1024, 1, 0, 0)), List.of(), 1024));
    }

    private static ByteBuffer utf8(String s) {
        return ByteBuffer.wrap(s.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void eachLineIsOneTextFrameWithoutItsNewline() throws Exception {
        Wire wire = new Wire();
        WsMember m = member(wire);
        ByteBuffer line = utf8("<ann> héllo\n");
        m.send(line);
        assertEquals(0, line.remaining(), "the line is consumed");
        m.send(utf8("* a\n* b\n"));
        m.send(utf8("x".repeat(300) + "\n"));
        assertEquals(List.of("1:<ann> héllo", "1:* a", "1:* b", "1:" + "x".repeat(300)), wire.frames());
    }

    @Test
    void quitClosesWithANormalCloseAndNothingIsSentAfterIt() throws Exception {
        Wire wire = new Wire();
        WsMember m = member(wire);
        m.closeAfterFlush();
        m.send(utf8("* late\n"));
        assertEquals(
                java.util.Arrays.toString(new byte[] {(byte) 0x88, 2, 0x03, (byte) 0xE8}),
                java.util.Arrays.toString(wire.bytes.toByteArray()),
                "close 1000, then nothing");
        assertEquals(true, wire.closing);
        assertEquals(false, m.isOpen());
    }
}
