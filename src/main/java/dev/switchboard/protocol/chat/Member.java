package dev.switchboard.protocol.chat;

import dev.switchboard.protocol.Session;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;

/** One client of this node's chat: its session, name and room. Loop thread only. */
public final class Member {
    final Session session;
    String name;
    /** The room as spelled by whoever opened it. */
    String room;
    /** Null when there is no flood limit. */
    FloodLimit flood;
    /** Registered names this member proved it owns (by /register or /login), lower case. */
    final Set<String> owned = new HashSet<>(2);
    /** A /login or /register is being hashed or its reply is being held back. */
    boolean authenticating;
    /** Left the chat (closed, or pushed out by a /login elsewhere): ignore anything later. */
    boolean gone;

    Member(Session session, String name, FloodLimit flood) {
        this.session = session;
        this.name = name;
        this.room = ChatNames.LOBBY;
        this.flood = flood;
    }

    public String name() {
        return name;
    }

    public String room() {
        return room;
    }

    boolean owns(String name) {
        return owned.contains(ChatNames.key(name));
    }

    /** One line, one send: a WebSocket session turns each send into one text message. */
    void send(String line) {
        session.send(bytes(line));
    }

    static ByteBuffer bytes(String line) {
        return ByteBuffer.wrap((line + "\n").getBytes(StandardCharsets.UTF_8));
    }
}
