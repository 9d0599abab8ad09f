package dev.switchboard.client;

import dev.switchboard.codec.FrameDecoder;
import java.nio.ByteBuffer;
import java.util.List;

/** Seed 004: each line comes back; {@code exit} gets {@code Goodbye!}. */
public final class EchoDialect implements Dialect<ByteBuffer> {

    @Override
    public String protocol() {
        return "echo";
    }

    @Override
    public List<Word> words() {
        return List.of(new Word("exit", "say goodbye; the server closes"));
    }

    @Override
    public Request request(String line) {
        return Request.send(TextDialects.line(line), 1, TextDialects.isWord(line, "exit"));
    }

    @Override
    public Request probe() {
        return Request.send(TextDialects.line("ping"), 1, false);
    }

    @Override
    public Request goodbye() {
        return Request.send(TextDialects.line("exit"), 1, true);
    }

    @Override
    public FrameDecoder<ByteBuffer> newReplyDecoder() {
        return TextDialects.lineDecoder();
    }

    @Override
    public Reply reply(ByteBuffer line) {
        return TextDialects.reply(line, null);
    }
}
