package dev.switchboard.protocol.chat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Rooms and who is in them, for one node's chat or, with a backplane, the cluster's as this node
 * learnt of it: {@code #lobby} first, then rooms in the order opened; members in the order they
 * came in. A room is spelled as whoever opened it (as far as this node saw). Loop thread only.
 */
public final class RoomIndex {
    private static final class Room {
        final String name;
        /** Lower-case name to name, in the order they came in. */
        Map<String, String> members = new LinkedHashMap<>();

        Room(String name) {
            this.name = name;
        }
    }

    private final Map<String, Room> rooms = new LinkedHashMap<>();

    public RoomIndex() {
        rooms.put(ChatNames.key(ChatNames.LOBBY), new Room(ChatNames.LOBBY));
    }

    public int size() {
        return rooms.size();
    }

    /** Puts {@code name} in {@code room}, opening it; returns the room as spelled here. */
    public String add(String room, String name) {
        Room r = rooms.computeIfAbsent(ChatNames.key(room), k -> new Room(room));
        r.members.put(ChatNames.key(name), name);
        return r.name;
    }

    /** @return true if the room is now forgotten (empty and not #lobby) */
    public boolean remove(String room, String name) {
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

    /** The member keeps their place in /who's order (renames are rare; the room is rebuilt). */
    public void rename(String room, String oldName, String newName) {
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

    public String find(String room) {
        Room r = rooms.get(ChatNames.key(room));
        return r == null ? null : r.name;
    }

    public List<String> members(String room) {
        Room r = rooms.get(ChatNames.key(room));
        return r == null ? List.of() : new ArrayList<>(r.members.values());
    }

    public List<RoomDirectory.Count> counts() {
        List<RoomDirectory.Count> out = new ArrayList<>(rooms.size());
        for (Room r : rooms.values()) {
            out.add(new RoomDirectory.Count(r.name, r.members.size()));
        }
        return out;
    }
}
