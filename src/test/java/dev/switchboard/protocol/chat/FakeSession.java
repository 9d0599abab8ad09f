package dev.switchboard.protocol.chat;

import dev.switchboard.protocol.Session;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** A session that keeps what was sent, one entry per send, and checks each is one whole line. */
final class FakeSession implements Session {
    final List<String> lines = new ArrayList<>();
    private Object attachment;
    private boolean open = true;

    @Override
    public void send(ByteBuffer bytes) {
        byte[] b = new byte[bytes.remaining()];
        bytes.get(b);
        String text = new String(b, StandardCharsets.UTF_8);
        if (!text.endsWith("\n") || text.indexOf('\n') != text.length() - 1) {
            throw new AssertionError("a send must carry exactly one line: " + text);
        }
        lines.add(text.substring(0, text.length() - 1));
    }

    @Override
    public void closeAfterFlush() {
        open = false;
    }

    @Override
    public void close() {
        open = false;
    }

    @Override
    public boolean isOpen() {
        return open;
    }

    @Override
    public String remote() {
        return "127.0.0.1:40000";
    }

    @Override
    public Object attachment() {
        return attachment;
    }

    @Override
    public void attach(Object state) {
        attachment = state;
    }

    String last() {
        return lines.get(lines.size() - 1);
    }
}
