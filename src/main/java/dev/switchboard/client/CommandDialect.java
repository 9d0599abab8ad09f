package dev.switchboard.client;

import dev.switchboard.codec.FrameDecoder;
import java.nio.ByteBuffer;
import java.util.List;

/** Seed 000: one line out, one status line back; the server greets first. */
public final class CommandDialect implements Dialect<ByteBuffer> {

    @Override
    public String protocol() {
        return "command";
    }

    @Override
    public List<Word> words() {
        return List.of(new Word("DISCONNECT", "say goodbye; the server closes"), new Word("HELP", "list the commands"));
    }

    @Override
    public Request request(String line) {
        if (line.isBlank()) {
            return null;
        }
        return Request.send(TextDialects.line(line), 1, TextDialects.isWord(line, "DISCONNECT"));
    }

    @Override
    public Request probe() {
        return Request.send(TextDialects.line("HELP"), 1, false);
    }

    @Override
    public Request goodbye() {
        return Request.send(TextDialects.line("DISCONNECT"), 1, true);
    }

    @Override
    public FrameDecoder<ByteBuffer> newReplyDecoder() {
        return TextDialects.lineDecoder();
    }

    @Override
    public Reply reply(ByteBuffer line) {
        return TextDialects.reply(line, "400");
    }

    @Override
    public boolean greets() {
        return true;
    }
}
