package dev.switchboard.protocol;

import dev.switchboard.codec.EchoDecoder;
import dev.switchboard.codec.EchoMessage;
import dev.switchboard.codec.FrameDecoder;
import dev.switchboard.codec.FrameException;
import dev.switchboard.codec.Views;
import dev.switchboard.text.LogText;
import org.tinylog.Logger;

/** Seed 004's echo: bytes go back unchanged; {@code exit} gets {@code Goodbye!} and a close. */
public final class EchoService implements Service<EchoMessage> {
    public static final String NAME = "echo";
    private int maxFrameBytes;
    private final EchoMessage.Echo echo = new EchoMessage.Echo(null);
    private final Views views = new Views();

    public EchoService(int maxFrameBytes) {
        this.maxFrameBytes = maxFrameBytes;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void maxFrameBytes(int bytes) {
        maxFrameBytes = bytes;
    }

    @Override
    public FrameDecoder<EchoMessage> newDecoder() {
        return new EchoDecoder(maxFrameBytes, echo, views);
    }

    @Override
    public void received(Session session, EchoMessage message) {
        if (message instanceof EchoMessage.Echo echo) {
            if (Logger.isDebugEnabled()) {
                Logger.debug("{} <- {}", session.logName(), LogText.escape(echo.bytes()));
            }
            session.send(echo.bytes());
        } else if (message instanceof EchoMessage.Exit exit) {
            Logger.debug("{} {} <- exit", NAME, session.remote());
            session.send(Replies.of("Goodbye!" + exit.lineEnding()));
            session.closeAfterFlush();
        }
    }

    @Override
    public void rejected(Session session, FrameException error) {
        // Echo has no error reply: the stream itself is the protocol. The close is logged.
    }
}
