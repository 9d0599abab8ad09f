package dev.switchboard.protocol.chat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The rooms of this node, for a chat without a backplane. */
public final class LocalRooms implements RoomDirectory {
    private int maxRooms;
    /** Lower-case room to the room; in the order opened, so #lobby comes first. */
    private final Map<String, Room> rooms = new LinkedHashMap<>();

    private static final class Room {
        final String name;
        /** Lower-case member name to the name as spelled, in the order they came in. */
        Map<String, String> members = new LinkedHashMap<>();

        Room(String name) {
            this.name = name;
        }
    }

    public LocalRooms(int maxRooms) {
        this.maxRooms = maxRooms;
        rooms.put(ChatNames.key(ChatNames.LOBBY), new Room(ChatNames.LOBBY));
    }

    @Override
    public String enter(String room, String name) {
        String key = ChatNames.key(room);
        Room r = rooms.get(key);
        if (r == null) {
            if (rooms.size() >= maxRooms) {
                return null;
            }
            r = new Room(room);
            rooms.put(key, r);
        }
        r.members.put(ChatNames.key(name), name);
        return r.name;
    }

    @Override
    public void maxRooms(int rooms) {
        maxRooms = rooms;
    }

    @Override
    public boolean leave(String room, String name) {
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

    @Override
    public void rename(String room, String oldName, String newName) {
        Room r = rooms.get(ChatNames.key(room));
        if (r == null) {
            return;
        }
        // Renames are rare; rebuilding keeps the member's place in /who's order.
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

    @Override
    public String find(String room) {
        Room r = rooms.get(ChatNames.key(room));
        return r == null ? null : r.name;
    }

    @Override
    public List<String> members(String room) {
        Room r = rooms.get(ChatNames.key(room));
        return r == null ? List.of() : new ArrayList<>(r.members.values());
    }

    @Override
    public List<Count> rooms() {
        List<Count> out = new ArrayList<>(rooms.size());
        for (Room r : rooms.values()) {
            out.add(new Count(r.name, r.members.size()));
        }
        return out;
    }
}
