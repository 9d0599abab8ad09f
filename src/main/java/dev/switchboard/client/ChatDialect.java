package dev.switchboard.client;

import dev.switchboard.codec.FrameDecoder;
import dev.switchboard.text.ChatText;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Locale;

/** Seed 003 and SPEC Part 2: lines out; lines from everyone arrive whenever they are sent. */
public final class ChatDialect implements Dialect<ByteBuffer> {

    @Override
    public String protocol() {
        return "chat";
    }

    @Override
    public List<Word> words() {
        return List.of(
                new Word("/join", "#ROOM", "move to a room (made when needed)"),
                new Word("/part", "back to #lobby"),
                new Word("/rooms", "list the rooms and how many are in each"),
                new Word("/who", "list who is in your room"),
                new Word("/msg", "NAME TEXT", "a private message"),
                new Word("/nick", "NAME", "take a name"),
                new Word("/register", "PASSWORD", "protect your name with a password"),
                new Word("/login", "NAME PASSWORD", "take your protected name"),
                new Word("/help", "the server's list of commands"),
                new Word("/quit", "leave the chat"),
                new Word("logout", "leave the chat"));
    }

    @Override
    public Request request(String line) {
        if (line.isBlank()) {
            return null;
        }
        boolean leaving = TextDialects.isWord(line, "logout") || command(line).equals("/quit");
        return Request.send(TextDialects.line(line), leaving ? 0 : 1, leaving);
    }

    /** The first word, lower-cased, if the line is a command; else "". */
    static String command(String line) {
        String s = line.strip();
        if (!s.startsWith("/")) {
            return "";
        }
        return s.split("[ \t]", 2)[0].toLowerCase(Locale.ROOT);
    }

    /**
     * Our own answer among everyone's lines: a command's reply, or the server's copy of our
     * text, which comes back bare (everyone else's lines carry a {@code <NAME>} prefix).
     */
    @Override
    public boolean answers(String sent, Reply reply) {
        String text = reply.text();
        String word = command(sent);
        if (word.isEmpty()) {
            return text.equals(ChatText.clean(sent));
        }
        if (text.startsWith("! ")) {
            return true;
        }
        return switch (word) {
            case "/who" -> text.startsWith("* online: ");
            case "/rooms" -> text.startsWith("* rooms: ");
            case "/nick", "/login" -> text.startsWith("* you are now ");
            case "/join", "/part" -> text.startsWith("* you are in ");
            case "/msg" -> text.startsWith("-> *");
            case "/register" -> text.startsWith("* ") && text.endsWith(" is now registered");
            case "/help" -> text.startsWith("* ");
            default -> false;
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
