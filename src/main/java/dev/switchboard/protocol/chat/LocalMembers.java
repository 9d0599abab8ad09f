package dev.switchboard.protocol.chat;

import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * This node's members, by room and by name: where {@link ChatBus} events are delivered. An
 * event about a member (their own line, join or rename) is shown to everyone concerned but them;
 * they get their own reply from the command instead.
 */
public final class LocalMembers {
    private final Map<String, Set<Member>> byRoom = new HashMap<>();
    private final Map<String, Member> byName = new HashMap<>();

    void add(Member m) {
        byName.put(ChatNames.key(m.name), m);
        byRoom.computeIfAbsent(ChatNames.key(m.room), k -> new LinkedHashSet<>())
                .add(m);
    }

    void remove(Member m) {
        byName.remove(ChatNames.key(m.name), m);
        removeFromRoom(m);
    }

    void move(Member m, String room) {
        removeFromRoom(m);
        m.room = room;
        byRoom.computeIfAbsent(ChatNames.key(room), k -> new LinkedHashSet<>()).add(m);
    }

    void rename(Member m, String name) {
        byName.remove(ChatNames.key(m.name), m);
        m.name = name;
        byName.put(ChatNames.key(name), m);
    }

    /** Every member of this node, in no order. */
    Iterable<Member> all() {
        return byName.values();
    }

    Member byName(String name) {
        return byName.get(ChatNames.key(name));
    }

    private void removeFromRoom(Member m) {
        String key = ChatNames.key(m.room);
        Set<Member> members = byRoom.get(key);
        if (members != null && members.remove(m) && members.isEmpty()) {
            byRoom.remove(key);
        }
    }

    /** Shows {@code event} to the local members it concerns; loop thread only. */
    public void deliver(ChatEvent event) {
        if (event instanceof ChatEvent.Said e) {
            toRoom(e.room(), e.from(), "<" + e.from() + "> " + e.text());
        } else if (event instanceof ChatEvent.Joined e) {
            toRoom(e.room(), e.name(), "* " + e.name() + " joined");
        } else if (event instanceof ChatEvent.Left e) {
            toRoom(e.room(), e.name(), "* " + e.name() + " left");
        } else if (event instanceof ChatEvent.Renamed e) {
            toRoom(e.room(), e.newName(), "* " + e.oldName() + " is now " + e.newName());
        } else if (event instanceof ChatEvent.Whispered e) {
            Member to = byName(e.to());
            if (to != null) {
                to.send("*" + e.from() + "* " + e.text());
            }
        }
    }

    /** The line is encoded once and the same bytes go to every member: fan-out allocates nothing more. */
    private void toRoom(String room, String except, String line) {
        Set<Member> members = byRoom.get(ChatNames.key(room));
        if (members == null) {
            return;
        }
        ByteBuffer bytes = Member.bytes(line);
        for (Member m : members) {
            // Names are ASCII, so this is the same test as comparing keys, without allocating.
            if (!m.name.equalsIgnoreCase(except)) {
                bytes.rewind();
                m.session.send(bytes);
            }
        }
    }
}
