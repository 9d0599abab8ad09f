package dev.switchboard.client;

import dev.switchboard.codec.Encoder;
import dev.switchboard.codec.LineDecoder;
import dev.switchboard.text.ChatText;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/** What the line-based dialects share: UTF-8 lines out, lines in. */
final class TextDialects {
    /** Replies can be long (echo returns what was sent): the decoder's limit is generous. */
    static final int MAX_REPLY_BYTES = 64 * 1024 * 1024;

    private TextDialects() {}

    static byte[] line(String text) {
        return Encoder.LINES.encode(0, text.getBytes(StandardCharsets.UTF_8));
    }

    static LineDecoder lineDecoder() {
        // End of stream ends the last line: a reply is never lost because the server closed.
        return new LineDecoder(MAX_REPLY_BYTES, false, true);
    }

    /** A server line made safe for the user's terminal. */
    static String text(ByteBuffer line) {
        return ChatText.clean(line);
    }

    /** A server line as a reply: an error when it starts with {@code errorPrefix} (null: never). */
    static Reply reply(ByteBuffer line, String errorPrefix) {
        String text = text(line);
        return errorPrefix != null && text.startsWith(errorPrefix) ? Reply.error(text) : Reply.ok(text);
    }

    static boolean isWord(String line, String word) {
        return line.strip().equalsIgnoreCase(word);
    }
}
