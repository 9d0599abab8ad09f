package dev.switchboard.protocol;

import dev.switchboard.codec.Frame5;
import dev.switchboard.codec.Frame5Decoder;
import dev.switchboard.codec.FrameDecoder;
import dev.switchboard.codec.FrameException;
import dev.switchboard.codec.Utf8;
import dev.switchboard.codec.Views;
import dev.switchboard.text.LogText;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.tinylog.Logger;

/**
 * Seed 001's binary protocol: ECHO, REVERSE (by code point) and QUIT; anything else gets an
 * ERROR frame (command 0xFF) and the connection stays open, since the stream is still in step.
 */
public final class Frame5Service implements Service<Frame5> {
    public static final String NAME = "frame5";
    private int maxPayloadBytes;
    private final Frame5 frame = new Frame5(0, null);
    private final Views views = new Views();
    private final ByteBuffer header = ByteBuffer.allocate(Frame5.HEADER_BYTES);
    private final ByteBuffer empty = ByteBuffer.allocate(0);
    /** REVERSE's output, grown on demand up to the frame limit and reused. */
    private ByteBuffer reversed = ByteBuffer.allocate(256);

    public Frame5Service(int maxPayloadBytes) {
        this.maxPayloadBytes = maxPayloadBytes;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void maxFrameBytes(int bytes) {
        maxPayloadBytes = bytes;
    }

    @Override
    public FrameDecoder<Frame5> newDecoder() {
        return new Frame5Decoder(maxPayloadBytes, frame, views);
    }

    @Override
    public void received(Session session, Frame5 frame) {
        ByteBuffer payload = frame.payload();
        if (Logger.isDebugEnabled()) {
            Logger.debug("{} <- command {} {}", session.logName(), frame.command(), LogText.escape(payload));
        }
        switch (frame.command()) {
            case Frame5.ECHO -> reply(session, Frame5.ECHO, payload);
            case Frame5.REVERSE -> reverse(session, payload);
            case Frame5.QUIT -> {
                reply(session, Frame5.QUIT, empty);
                session.closeAfterFlush();
            }
            default -> error(session, "unknown command " + frame.command() + " (known: 1 ECHO, 2 REVERSE, 3 QUIT)");
        }
    }

    @Override
    public void rejected(Session session, FrameException error) {
        error(session, error.getMessage());
    }

    private void reverse(Session session, ByteBuffer payload) {
        if (!Utf8.isValid(payload)) {
            error(session, "REVERSE payload is not valid UTF-8");
            return;
        }
        if (reversed.capacity() < payload.remaining()) {
            reversed = ByteBuffer.allocate(Math.max(payload.remaining(), 2 * reversed.capacity()));
        }
        reversed.clear();
        Utf8.reverseCodePoints(payload, reversed);
        reversed.flip();
        reply(session, Frame5.REVERSE, reversed);
    }

    private void error(Session session, String message) {
        reply(session, Frame5.ERROR, ByteBuffer.wrap(message.getBytes(StandardCharsets.UTF_8)));
    }

    private void reply(Session session, int command, ByteBuffer payload) {
        header.clear();
        Frame5.writeHeader(command, payload.remaining(), header);
        session.send(header.flip(), payload);
    }
}
