package dev.switchboard.protocol;

import dev.switchboard.codec.FrameDecoder;
import dev.switchboard.codec.FrameException;
import dev.switchboard.codec.Header128;
import dev.switchboard.codec.Header128Decoder;
import dev.switchboard.codec.Views;
import dev.switchboard.text.LogText;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.tinylog.Logger;

/**
 * Seed 002's messaging protocol: every message is acknowledged with {@code Msg received};
 * {@code !DISCONNECT!} is acknowledged and then the connection closes.
 */
public final class Header128Service implements Service<ByteBuffer> {
    public static final String NAME = "header128";
    private final ByteBuffer disconnect = Replies.of("!DISCONNECT!").asReadOnlyBuffer();
    private int maxPayloadBytes;
    private final Views views = new Views();
    private final ByteBuffer received = message("Msg received");

    public Header128Service(int maxPayloadBytes) {
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
    public FrameDecoder<ByteBuffer> newDecoder() {
        return new Header128Decoder(maxPayloadBytes, views);
    }

    @Override
    public void received(Session session, ByteBuffer payload) {
        if (Logger.isDebugEnabled()) {
            Logger.debug("{} <- {}", session.logName(), LogText.escape(payload));
        }
        Replies.send(session, received);
        if (payload.equals(disconnect)) {
            session.closeAfterFlush();
        }
    }

    @Override
    public void rejected(Session session, FrameException error) {
        session.send(message("ERROR " + error.getMessage()));
    }

    /** A whole message: the 128-byte header, then the text. */
    static ByteBuffer message(String text) {
        return ByteBuffer.wrap(Header128.ENCODER.encode(0, text.getBytes(StandardCharsets.UTF_8)));
    }
}
