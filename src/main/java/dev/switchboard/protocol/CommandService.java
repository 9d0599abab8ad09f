package dev.switchboard.protocol;

import dev.switchboard.codec.FrameDecoder;
import dev.switchboard.codec.FrameException;
import dev.switchboard.codec.LineDecoder;
import dev.switchboard.codec.Views;
import dev.switchboard.text.LogText;
import java.nio.ByteBuffer;
import org.tinylog.Logger;

/**
 * Seed 000's command protocol: a greeting, then {@code DISCONNECT} (and our {@code HELP}) on
 * text lines; anything else is a bad request and the connection stays open.
 */
public final class CommandService implements Service<ByteBuffer> {
    public static final String NAME = "command";
    private final ByteBuffer hello = Replies.of("Hello Client!\n");
    private final ByteBuffer ok = Replies.of("200 OK\n");
    private final ByteBuffer help = Replies.of("200 OK DISCONNECT HELP\n");
    private final ByteBuffer bad = Replies.of("400 BAD REQUEST\n");
    private int maxLineBytes;
    private final Views views = new Views();

    public CommandService(int maxLineBytes) {
        this.maxLineBytes = maxLineBytes;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void maxFrameBytes(int bytes) {
        maxLineBytes = bytes;
    }

    @Override
    public FrameDecoder<ByteBuffer> newDecoder() {
        return decoder(maxLineBytes, views);
    }

    /** Command's input, for its service and its descriptor in the protocol list. */
    public static LineDecoder decoder(int maxLineBytes, Views views) {
        // Seed 000's client sends "DISCONNECT" with no newline and waits for the reply.
        return new LineDecoder(maxLineBytes, true, true, views);
    }

    @Override
    public void opened(Session session) {
        Replies.send(session, hello);
    }

    @Override
    public void received(Session session, ByteBuffer line) {
        if (Replies.isBlank(line)) {
            return;
        }
        if (Logger.isDebugEnabled()) {
            Logger.debug("{} <- {}", session.logName(), LogText.escape(line));
        }
        if (Replies.isWord(line, "DISCONNECT")) {
            Replies.send(session, ok);
            session.closeAfterFlush();
        } else if (Replies.isWord(line, "HELP")) {
            Replies.send(session, help);
        } else {
            Replies.send(session, bad);
        }
    }

    @Override
    public void rejected(Session session, FrameException error) {
        session.send(Replies.of("400 BAD REQUEST " + error.getMessage() + "\n"));
    }
}
