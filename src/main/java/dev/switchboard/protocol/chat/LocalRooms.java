package dev.switchboard.protocol.chat;

import java.util.List;

/** The rooms of this node, for a chat without a backplane: the index, and a limit on opening more. */
public final class LocalRooms implements RoomDirectory {
    private int maxRooms;
    private final RoomIndex rooms = new RoomIndex();

    public LocalRooms(int maxRooms) {
        this.maxRooms = maxRooms;
    }

    @Override
    public String enter(String room, String name) {
        if (rooms.find(room) == null && rooms.size() >= maxRooms) {
            return null;
        }
        return rooms.add(room, name);
    }

    @Override
    public void maxRooms(int limit) {
        maxRooms = limit;
    }

    @Override
    public boolean leave(String room, String name) {
        return rooms.remove(room, name);
    }

    @Override
    public void rename(String room, String oldName, String newName) {
        rooms.rename(room, oldName, newName);
    }

    @Override
    public String find(String room) {
        return rooms.find(room);
    }

    @Override
    public List<String> members(String room) {
        return rooms.members(room);
    }

    @Override
    public List<Count> rooms() {
        return rooms.counts();
    }
}
