package dev.switchboard.protocol.chat;

import dev.switchboard.protocol.Session;
import java.util.List;
import java.util.StringJoiner;
import org.tinylog.Logger;

/**
 * What each chat command does, on the loop thread: the member's own reply goes straight to
 * them; what others must see is published on the {@link ChatBus}, never sent here.
 */
public final class Chat {
    static final String NAME = "chat";
    private ChatSettings settings;
    private final ChatLoop loop;
    private final NameDirectory names;
    private final RoomDirectory rooms;
    private final History history;
    private final Accounts accounts;
    private final ChatBus bus;
    private final LocalMembers members;

    public Chat(ChatSettings settings, ChatLoop loop, ChatBackend backend) {
        this.settings = settings;
        this.loop = loop;
        this.names = backend.names();
        this.rooms = backend.rooms();
        this.history = backend.history();
        this.accounts = backend.accounts();
        this.bus = backend.bus();
        this.members = backend.members();
    }

    /**
     * A reload's history length, room limit and flood limit, on the loop thread. The flood
     * limit applies to everyone at once (each starts with a full burst), so turning it on
     * during a flood stops the flood.
     */
    public void settings(ChatSettings newSettings) {
        settings = newSettings;
        history.maxLines(newSettings.historyLines());
        rooms.maxRooms(newSettings.maxRooms());
        for (Member m : members.all()) {
            m.flood = flood();
        }
    }

    private FloodLimit flood() {
        return settings.linesPerSecond() > 0 ? new FloodLimit(settings.linesPerSecond(), loop.nanoTime()) : null;
    }

    ChatLoop loop() {
        return loop;
    }

    /** A new client: named, welcomed, in #lobby with its history; the lobby sees it join. */
    public Member open(Session session) {
        Member m = new Member(session, guestName(), flood());
        m.room = rooms.enter(ChatNames.LOBBY, m.name);
        members.add(m);
        m.send("* welcome " + m.name);
        replay(m);
        bus.publish(new ChatEvent.Joined(m.room, m.name));
        return m;
    }

    /** A fresh guest name that nobody registered (registering your guest name is allowed). */
    private String guestName() {
        String name = names.claimGuestName();
        while (accounts.registeredAs(name) != null) {
            String next = names.claimGuestName();
            names.release(name);
            name = next;
        }
        return name;
    }

    /** The client went away, or was pushed out: its room sees it leave. Runs once. */
    public void close(Member m) {
        if (m.gone) {
            return;
        }
        m.gone = true;
        members.remove(m);
        leaveRoom(m);
        names.release(m.name);
        bus.publish(new ChatEvent.Left(m.room, m.name));
    }

    void say(Member m, String text) {
        if (!allowed(m)) {
            return;
        }
        m.send(text);
        history.append(m.room, "<" + m.name + "> " + text);
        bus.publish(new ChatEvent.Said(m.room, m.name, text));
    }

    void join(Member m, String room) {
        if (room.isEmpty()) {
            m.send("! usage: /join #ROOM");
            return;
        }
        if (!ChatNames.isRoom(room)) {
            m.send("! a room is '#' then 1-" + ChatNames.MAX_NAME_CHARS
                    + " letters, digits, '-', '_' or '.', like #lobby");
            return;
        }
        move(m, room);
    }

    void part(Member m) {
        move(m, ChatNames.LOBBY);
    }

    private void move(Member m, String room) {
        if (ChatNames.key(room).equals(ChatNames.key(m.room))) {
            m.send("! you are already in " + m.room);
            return;
        }
        String entered = rooms.enter(room, m.name);
        if (entered == null) {
            m.send("! too many rooms (at most " + settings.maxRooms() + "); join one that exists: /rooms");
            return;
        }
        String old = m.room;
        leaveRoom(m);
        members.move(m, entered);
        bus.publish(new ChatEvent.Left(old, m.name));
        m.send("* you are in " + entered);
        replay(m);
        bus.publish(new ChatEvent.Joined(entered, m.name));
    }

    private void leaveRoom(Member m) {
        if (rooms.leave(m.room, m.name)) {
            history.forget(m.room);
        }
    }

    /** The room's last lines, framed, or nothing when it has none (SPEC.md: history). */
    private void replay(Member m) {
        List<String> lines = history.recent(m.room);
        if (lines.isEmpty()) {
            return;
        }
        m.send("* last " + lines.size() + " lines of " + m.room);
        for (String line : lines) {
            m.send(line);
        }
        m.send("* end of history");
    }

    void nick(Member m, String name) {
        if (name.isEmpty()) {
            m.send("! usage: /nick NAME");
            return;
        }
        String problem = ChatNames.nameProblem(name);
        if (problem != null) {
            m.send("! " + problem);
            return;
        }
        if (name.equals(m.name)) {
            m.send("! you are already " + name);
            return;
        }
        if (accounts.registeredAs(name) != null && !m.owns(name)) {
            m.send("! " + name + " is registered");
            return;
        }
        String refusal = rename(m, name);
        if (refusal != null) {
            m.send("! " + refusal);
        }
    }

    /** Gives {@code m} the name if nobody else holds it and tells everyone concerned; else says why not. */
    String rename(Member m, String name) {
        String old = m.name;
        String refusal = names.rename(old, name);
        if (refusal != null) {
            return refusal;
        }
        members.rename(m, name);
        rooms.rename(m.room, old, name);
        if (m.session.mayLogInfo()) {
            Logger.info("{} renamed {} -> {}", m.session.logName(), old, name);
        }
        m.send("* you are now " + name);
        bus.publish(new ChatEvent.Renamed(m.room, old, name));
        return null;
    }

    /** The local member holding {@code name}, or null (they may be on another node). */
    Member local(String name) {
        return members.byName(name);
    }

    void msg(Member m, String argument) {
        int blank = ChatCommands.indexOfBlank(argument);
        String to = blank < 0 ? argument : argument.substring(0, blank);
        String text = blank < 0 ? "" : argument.substring(blank + 1).strip();
        if (to.isEmpty() || text.isEmpty()) {
            m.send("! usage: /msg NAME text");
            return;
        }
        String online = names.online(to);
        if (online == null) {
            m.send("! no such user " + to);
            return;
        }
        if (!allowed(m)) {
            return;
        }
        m.send("-> *" + online + "* " + text);
        bus.publish(new ChatEvent.Whispered(m.name, online, text));
    }

    void who(Member m) {
        m.send("* online: " + String.join(", ", rooms.members(m.room)));
    }

    void listRooms(Member m) {
        StringJoiner out = new StringJoiner(", ", "* rooms: ", "");
        for (RoomDirectory.Count c : rooms.rooms()) {
            out.add(c.room() + " (" + c.members() + ")");
        }
        m.send(out.toString());
    }

    /** The flood limit (SPEC.md): a line over it reaches nobody; one notice a second at most. */
    private boolean allowed(Member m) {
        if (m.flood == null) {
            return true;
        }
        long now = loop.nanoTime();
        if (m.flood.take(now)) {
            return true;
        }
        if (m.flood.warn(now)) {
            m.send("! slow down: " + settings.linesPerSecond() + " lines per second");
        }
        return false;
    }
}
