package dev.switchboard.client;

import dev.switchboard.codec.FrameDecoder;
import java.nio.ByteBuffer;
import dev.switchboard.text.ChatText;
import java.util.List;
import java.util.Locale;

/** Seed 003: lines out; lines from everyone arrive whenever they are sent. */
final class ChatDialect implements Dialect<ByteBuffer> {

    @Override
    public String protocol() {
        return "chat";
    }

    @Override
    public int defaultPort() {
        return 8080;
    }

    @Override
    public List<Word> words() {
        return List.of(new Word("/nick", "take a name: /nick NAME"),
                new Word("/who", "list who is online"),
                new Word("/quit", "leave the chat"),
                new Word("logout", "leave the chat"));
    }

    @Override
    public Request request(String line) {
        if (line.isBlank()) {
            return null;
        }
        boolean leaving = TextDialects.isWord(line, "logout") || line.strip().toLowerCase(Locale.ROOT).matches("/quit(\\s.*)?");
        return Request.send(TextDialects.line(line), leaving ? 0 : 1, leaving);
    }

    /**
     * Our own answer among everyone's lines: a command's reply, or the server's copy of our
     * text, which comes back bare (everyone else's lines carry a {@code <NAME>} prefix).
     */
    @Override
    public boolean answers(String sent, Reply reply) {
        String s = sent.strip();
        String text = reply.text();
        if (!s.startsWith("/")) {
            return text.equals(ChatText.clean(sent));
        }
        String word = s.split("[ \t]", 2)[0].toLowerCase(Locale.ROOT);
        return switch (word) {
            case "/who" -> text.startsWith("* online: ");
            case "/nick" -> text.startsWith("* you are now ") || text.startsWith("! ");
            default -> text.startsWith("! ");
        };
    }

    @Override
    public Request goodbye() {
        return Request.send(TextDialects.line("/quit"), 0, true);
    }

    @Override
    public FrameDecoder<ByteBuffer> newReplyDecoder() {
        return TextDialects.lineDecoder();
    }

    @Override
    public Reply reply(ByteBuffer line) {
        return TextDialects.reply(line, "! ");
    }

    @Override
    public boolean greets() {
        return true;
    }
}
