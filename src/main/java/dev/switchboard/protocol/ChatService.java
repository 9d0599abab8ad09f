package dev.switchboard.protocol;

import dev.switchboard.codec.FrameDecoder;
import dev.switchboard.codec.FrameException;
import dev.switchboard.codec.LineDecoder;
import dev.switchboard.codec.Views;
import dev.switchboard.protocol.chat.Chat;
import dev.switchboard.protocol.chat.ChatBackend;
import dev.switchboard.protocol.chat.ChatCommands;
import dev.switchboard.protocol.chat.ChatLoop;
import dev.switchboard.protocol.chat.ChatSettings;
import dev.switchboard.protocol.chat.Member;
import dev.switchboard.reactor.EventLoop;
import dev.switchboard.text.ChatText;
import java.nio.ByteBuffer;

/**
 * Seed 003's chat grown into SPEC.md Part 2's (rooms, private messages, history, registered
 * names), usable from plain {@code nc}. One instance serves every chat-speaking listener (plain,
 * TLS, WebSocket): it knows its clients only as {@link Session}s, and sends each line as one
 * {@code send} of {@code "text\n"}. What the commands do is in {@code protocol.chat}.
 */
public final class ChatService implements Service<ByteBuffer> {
    public static final String NAME = "chat";
    private int maxLineBytes;
    private final Views views = new Views();
    private final Chat chat;
    private final ChatCommands commands;
    private final ChatBackend backend;

    /** A chat of this node alone, its registered names read from the data directory now. */
    public ChatService(int maxLineBytes, ChatSettings settings, EventLoop loop) {
        this(maxLineBytes, settings, ChatLoop.of(loop), ChatBackend.local(settings, loop));
    }

    /** A chat over any backend (a backplane's, or a test's). */
    public ChatService(int maxLineBytes, ChatSettings settings, ChatLoop loop, ChatBackend backend) {
        this.maxLineBytes = maxLineBytes;
        this.backend = backend;
        this.chat = new Chat(settings, loop, backend);
        this.commands = new ChatCommands(chat, backend.accounts());
    }

    /**
     * Rooms with someone in them (the {@code switchboard_chat_rooms} gauge): 0 at start-up, as
     * every metric is until it moves, though {@code /rooms} always lists #lobby. Loop thread only.
     */
    public int roomCount() {
        int rooms = 0;
        for (var room : backend.rooms().rooms()) {
            if (room.members() > 0) {
                rooms++;
            }
        }
        return rooms;
    }

    /** A reload's chat settings (history, room and flood limits); loop thread only. */
    public void settings(ChatSettings settings) {
        chat.settings(settings);
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

    /** Chat's input, for its service and its descriptor in the protocol list. */
    public static LineDecoder decoder(int maxLineBytes, Views views) {
        // Chat always needs a newline: a pause or a close does not end a line.
        return new LineDecoder(maxLineBytes, false, false, views);
    }

    @Override
    public boolean disconnectsSlowReaders() {
        return true;
    }

    @Override
    public void opened(Session session) {
        session.attach(commands.open(session));
    }

    @Override
    public void received(Session session, ByteBuffer line) {
        commands.line((Member) session.attachment(), ChatText.clean(line));
    }

    @Override
    public void rejected(Session session, FrameException error) {
        session.send(Replies.of("! " + error.getMessage() + "\n"));
    }

    /**
     * SIGTERM's drain: the member's last line is {@code * server shutting down}, and it leaves
     * the chat now, so nothing said by others after it reaches it (its room sees it leave).
     */
    @Override
    public void shuttingDown(Session session) {
        Member member = (Member) session.attachment();
        if (member != null) {
            session.send(Replies.of("* server shutting down\n"));
            commands.close(member);
        }
    }

    @Override
    public String logDetail(Session session) {
        Member member = (Member) session.attachment();
        return member == null ? null : "name=" + member.name();
    }

    @Override
    public void closed(Session session) {
        Member member = (Member) session.attachment();
        if (member != null) {
            commands.close(member);
        }
    }
}
