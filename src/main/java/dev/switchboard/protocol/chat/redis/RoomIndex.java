package dev.switchboard.protocol.chat.redis;

import dev.switchboard.protocol.chat.ChatNames;
import dev.switchboard.protocol.chat.RoomDirectory;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every room of the cluster and who is in it, in the order this node learnt of them:
 * {@code #lobby} first, then rooms in the order opened; members in the order they came in.
 * A room is spelled as whoever opened it (as far as this node saw). Loop thread only.
 */
final class RoomIndex {
    private static final class Room {
        final String name;
        /** Lower-case name to name, in the order they came in. */
        Map<String, String> members = new LinkedHashMap<>();

        Room(String name) {
            this.name = name;
        }
    }

    private final Map<String, Room> rooms = new LinkedHashMap<>();

    RoomIndex() {
        rooms.put(ChatNames.key(ChatNames.LOBBY), new Room(ChatNames.LOBBY));
    }

    int size() {
        return rooms.size();
    }

    /** Puts {@code name} in {@code room}, opening it; returns the room as spelled here. */
    String add(String room, String name) {
        Room r = rooms.computeIfAbsent(ChatNames.key(room), k -> new Room(room));
        r.members.put(ChatNames.key(name), name);
        return r.name;
    }

    /** @return true if the room is now forgotten (empty and not #lobby) */
    boolean remove(String room, String name) {
        String key = ChatNames.key(room);
        Room r = rooms.get(key);
        if (r == null) {
            return false;
        }
        r.members.remove(ChatNames.key(name));
        if (r.members.isEmpty() && !r.name.equals(ChatNames.LOBBY)) {
            rooms.remove(key);
            return true;
        }
        return false;
    }

    /** The member keeps their place in the list. */
    void rename(String room, String oldName, String newName) {
        Room r = rooms.get(ChatNames.key(room));
        if (r == null) {
            return;
        }
        String oldKey = ChatNames.key(oldName);
        Map<String, String> renamed = new LinkedHashMap<>(r.members.size() * 2);
        for (Map.Entry<String, String> e : r.members.entrySet()) {
            if (e.getKey().equals(oldKey)) {
                renamed.put(ChatNames.key(newName), newName);
            } else {
                renamed.put(e.getKey(), e.getValue());
            }
        }
        r.members = renamed;
    }

    String find(String room) {
        Room r = rooms.get(ChatNames.key(room));
        return r == null ? null : r.name;
    }

    List<String> members(String room) {
        Room r = rooms.get(ChatNames.key(room));
        return r == null ? List.of() : new ArrayList<>(r.members.values());
    }

    List<RoomDirectory.Count> counts() {
        List<RoomDirectory.Count> out = new ArrayList<>(rooms.size());
        for (Room r : rooms.values()) {
            out.add(new RoomDirectory.Count(r.name, r.members.size()));
        }
        return out;
    }
}
