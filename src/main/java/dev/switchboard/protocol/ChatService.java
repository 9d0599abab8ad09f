package dev.switchboard.protocol;

import dev.switchboard.codec.FrameDecoder;
import dev.switchboard.codec.FrameException;
import dev.switchboard.codec.LineDecoder;
import dev.switchboard.codec.Views;
import dev.switchboard.text.ChatText;
import dev.switchboard.text.LogText;
import java.nio.ByteBuffer;
import java.util.Locale;
import org.tinylog.Logger;

/**
 * Seed 003's chat, usable from plain {@code nc}: each line goes back to its sender and to
 * everyone else as {@code <NAME> line}; {@code /nick}, {@code /who}, {@code /quit} and
 * {@code logout} are commands. A client that does not read is disconnected, never waited for.
 */
public final class ChatService implements Service<ByteBuffer> {
    public static final String NAME = "chat";
    private final int maxLineBytes;
    private final Views views = new Views();
    private final ChatRoom room = new ChatRoom();

    public ChatService(int maxLineBytes) {
        this.maxLineBytes = maxLineBytes;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public FrameDecoder<ByteBuffer> newDecoder() {
        // Chat always needs a newline: a pause or a close does not end a line.
        return new LineDecoder(maxLineBytes, false, false, views);
    }

    @Override
    public boolean disconnectsSlowReaders() {
        return true;
    }

    @Override
    public void opened(Session session) {
        ChatRoom.Member member = room.join(session);
        session.attach(member);
        send(session, "* welcome " + member.name);
        room.broadcast(member, "* " + member.name + " joined");
    }

    @Override
    public void received(Session session, ByteBuffer line) {
        ChatRoom.Member member = (ChatRoom.Member) session.attachment();
        String text = ChatText.clean(line);
        String trimmed = text.strip();
        if (trimmed.isEmpty()) {
            return;
        }
        if (Logger.isDebugEnabled()) {
            Logger.debug("{} {} <{}> {}", NAME, session.remote(), member.name, LogText.escape(text));
        }
        if (trimmed.equalsIgnoreCase("logout")) {
            session.closeAfterFlush();
        } else if (trimmed.startsWith("/")) {
            command(session, member, trimmed);
        } else {
            send(session, text);
            room.broadcast(member, "<" + member.name + "> " + text);
        }
    }

    private void command(Session session, ChatRoom.Member member, String line) {
        int space = indexOfBlank(line);
        String word = (space < 0 ? line : line.substring(0, space)).toLowerCase(Locale.ROOT);
        String argument = space < 0 ? "" : line.substring(space + 1).strip();
        switch (word) {
            case "/nick" -> nick(session, member, argument);
            case "/who" -> send(session, "* online: " + String.join(", ", room.names()));
            case "/quit" -> session.closeAfterFlush();
            default -> send(session, "! unknown command " + LogText.escape(word)
                    + " (commands: /nick NAME, /who, /quit)");
        }
    }

    private void nick(Session session, ChatRoom.Member member, String name) {
        String refusal = room.refusal(member, name);
        if (refusal != null) {
            send(session, "! " + refusal);
            return;
        }
        String old = member.name;
        room.rename(member, name);
        Logger.info("{} {} renamed {} -> {}", NAME, session.remote(), old, name);
        send(session, "* you are now " + name);
        room.broadcast(member, "* " + old + " is now " + name);
    }

    @Override
    public void rejected(Session session, FrameException error) {
        send(session, "! " + error.getMessage());
    }

    @Override
    public void closed(Session session) {
        ChatRoom.Member member = (ChatRoom.Member) session.attachment();
        if (member != null) {
            room.leave(member);
            room.broadcast(null, "* " + member.name + " left");
        }
    }

    private static void send(Session session, String line) {
        session.send(Replies.of(line + "\n"));
    }

    private static int indexOfBlank(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) == ' ' || s.charAt(i) == '\t') {
                return i;
            }
        }
        return -1;
    }
}
