package dev.switchboard.protocol.chat;

import java.util.List;

/**
 * Who is in which room, chat-wide; what {@code /who} and {@code /rooms} show. {@code #lobby}
 * always exists; any other room exists while it has members and is forgotten when it empties.
 * Loop thread only and never blocking: a cluster-wide directory (issue 14) answers from its
 * local view of every node and keeps it current from the backplane's events.
 */
public interface RoomDirectory {

    /** A room and how many are in it. */
    record Count(String room, int members) {}

    /**
     * Puts {@code name} in {@code room}, creating the room unless that passes the room limit.
     *
     * @return the room as spelled by whoever opened it, or null if it would be one room too many
     */
    String enter(String room, String name);

    /** @return true if the room is now forgotten (it was empty and is not {@code #lobby}) */
    boolean leave(String room, String name);

    /** The member keeps their place in the room's list. */
    void rename(String room, String oldName, String newName);

    /** The room as spelled by whoever opened it, or null if there is no such room now. */
    String find(String room);

    /** Names in the order they came in; empty for a room that does not exist. */
    List<String> members(String room);

    /** {@code #lobby} first, then in the order the rooms were opened. */
    List<Count> rooms();

    /** A reload's {@code --chat-max-rooms}: rooms past it stay until they empty; none new till then. */
    void maxRooms(int rooms);
}
