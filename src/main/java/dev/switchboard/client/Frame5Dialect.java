package dev.switchboard.client;

import dev.switchboard.codec.Frame5;
import dev.switchboard.codec.Frame5Decoder;
import dev.switchboard.codec.FrameDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

/** Seed 001's client words: {@code echo <msg>}, {@code rev <msg>}, {@code quit}, plus {@code help}. */
public final class Frame5Dialect implements Dialect<Frame5> {
    @Override
    public String protocol() {
        return "frame5";
    }

    @Override
    public List<Word> words() {
        return List.of(
                new Word("echo", "MESSAGE", "the server sends the message back"),
                new Word("rev", "MESSAGE", "the server sends it reversed"),
                new Word("quit", "leave; the server closes"),
                new Word("help", "list the commands"));
    }

    @Override
    public Request request(String line) throws UsageError {
        String trimmed = line.stripLeading();
        if (trimmed.isBlank()) {
            return null;
        }
        int space = trimmed.indexOf(' ');
        String word = (space < 0 ? trimmed : trimmed.substring(0, space)).toLowerCase(Locale.ROOT);
        String message = space < 0 ? "" : trimmed.substring(space + 1);
        return switch (word) {
            case "echo" -> Request.send(frame(Frame5.ECHO, message), 1, false);
            case "rev" -> Request.send(frame(Frame5.REVERSE, message), 1, false);
            case "quit" -> goodbye();
            case "help" -> Request.local(help());
            default -> throw new UsageError("unknown command '" + word + "' (echo, rev, quit, help)");
        };
    }

    @Override
    public Request probe() {
        return Request.send(frame(Frame5.ECHO, "ping"), 1, false);
    }

    @Override
    public Request goodbye() {
        return Request.send(frame(Frame5.QUIT, ""), 1, true);
    }

    @Override
    public FrameDecoder<Frame5> newReplyDecoder() {
        return new Frame5Decoder(TextDialects.MAX_REPLY_BYTES);
    }

    @Override
    public Reply reply(Frame5 frame) {
        String text = TextDialects.text(frame.payload());
        return switch (frame.command()) {
            case Frame5.ERROR -> Reply.error("ERROR " + text);
            case Frame5.QUIT -> Reply.ok("bye");
            default -> Reply.ok(text);
        };
    }

    private static byte[] frame(int command, String message) {
        return Frame5.ENCODER.encode(command, message.getBytes(StandardCharsets.UTF_8));
    }
}
