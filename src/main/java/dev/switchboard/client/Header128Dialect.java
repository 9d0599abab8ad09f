package dev.switchboard.client;

import dev.switchboard.codec.FrameDecoder;
import dev.switchboard.codec.Header128;
import dev.switchboard.codec.Header128Decoder;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Seed 002: each line is one message; every message is acknowledged. */
public final class Header128Dialect implements Dialect<ByteBuffer> {

    @Override
    public String protocol() {
        return "header128";
    }

    @Override
    public List<Word> words() {
        return List.of(new Word("!DISCONNECT!", "say goodbye; the server closes"));
    }

    @Override
    public Request request(String line) {
        // Tab completion leaves a space after the word; the server wants it exactly.
        if (line.strip().equals("!DISCONNECT!")) {
            return goodbye();
        }
        return Request.send(message(line), 1, false);
    }

    @Override
    public Request probe() {
        return Request.send(message("ping"), 1, false);
    }

    @Override
    public Request goodbye() {
        return Request.send(message("!DISCONNECT!"), 1, true);
    }

    @Override
    public FrameDecoder<ByteBuffer> newReplyDecoder() {
        return new Header128Decoder(TextDialects.MAX_REPLY_BYTES);
    }

    @Override
    public Reply reply(ByteBuffer payload) {
        String text = TextDialects.text(payload);
        return text.startsWith("ERROR ") ? Reply.error(text) : Reply.ok(text);
    }

    private static byte[] message(String text) {
        return Header128.ENCODER.encode(0, text.getBytes(StandardCharsets.UTF_8));
    }
}
