package dev.switchboard.protocol.chat.redis;

import dev.switchboard.protocol.chat.ChatNames;
import dev.switchboard.protocol.chat.NameDirectory;
import dev.switchboard.protocol.chat.RoomDirectory;
import dev.switchboard.protocol.chat.RoomIndex;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * Who is online and where, chat-wide: this node's members as the chat tells it, the other
 * nodes' from their events (at once) and from their presence in Redis (every few seconds, which
 * mends any event missed). Each node's events are numbered, so a snapshot older than an event
 * already applied is ignored. Loop thread only; answers without asking Redis.
 */
final class ClusterDirectory implements NameDirectory, RoomDirectory {
    private final String nodeId;
    private int maxRooms;
    private final BooleanSupplier connected;
    private final NameClaims claims;
    private final Consumer<String> roomForgotten;
    private final Map<String, NameHolder> holders = new HashMap<>();
    private final RoomIndex rooms = new RoomIndex();
    private final Map<String, PeerNode> nodes = new HashMap<>();
    private long guests;
    /** Names two nodes gave out at the same moment (both kept them): a gauge. */
    long conflicts;

    ClusterDirectory(
            String nodeId, int maxRooms, BooleanSupplier connected, NameClaims claims, Consumer<String> roomForgotten) {
        this.nodeId = nodeId;
        this.maxRooms = maxRooms;
        this.connected = connected;
        this.claims = claims;
        this.roomForgotten = roomForgotten;
    }

    // ---- NameDirectory: this node's members ----

    /** {@code guest-N-NODE}: unique across nodes by construction, so it needs no Redis. */
    @Override
    public String claimGuestName() {
        String name;
        do {
            name = "guest-" + (++guests) + "-" + nodeId;
        } while (holders.containsKey(ChatNames.key(name)));
        holders.put(ChatNames.key(name), new NameHolder(name, nodeId, null));
        claims.claim(name);
        return name;
    }

    @Override
    public String rename(String oldName, String newName) {
        String oldKey = ChatNames.key(oldName);
        String newKey = ChatNames.key(newName);
        NameHolder h = holders.get(oldKey);
        if (oldKey.equals(newKey)) {
            if (h != null) {
                h.name = newName;
            }
            return null;
        }
        if (holders.containsKey(newKey)) {
            return "name " + newName + " is taken";
        }
        if (!connected.getAsBoolean()) {
            return "cannot take a new name while this server is cut off from the other chat servers; try again soon";
        }
        holders.remove(oldKey);
        holders.put(newKey, new NameHolder(newName, nodeId, h == null ? null : h.room));
        claims.claim(newName);
        claims.release(oldName);
        return null;
    }

    @Override
    public void release(String name) {
        NameHolder h = holders.get(ChatNames.key(name));
        if (h != null && h.node.equals(nodeId)) {
            holders.remove(ChatNames.key(name));
            claims.release(name);
        }
    }

    @Override
    public String online(String name) {
        NameHolder h = holders.get(ChatNames.key(name));
        return h == null ? null : h.name;
    }

    // ---- RoomDirectory: this node's members ----

    @Override
    public String enter(String room, String name) {
        if (rooms.find(room) == null && rooms.size() >= maxRooms) {
            return null;
        }
        String spelled = rooms.add(room, name);
        NameHolder h = holders.get(ChatNames.key(name));
        if (h != null) {
            h.room = spelled;
        }
        return spelled;
    }

    @Override
    public void maxRooms(int limit) {
        maxRooms = limit;
    }

    @Override
    public boolean leave(String room, String name) {
        NameHolder h = holders.get(ChatNames.key(name));
        if (h != null && h.room != null && ChatNames.key(h.room).equals(ChatNames.key(room))) {
            h.room = null;
        }
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

    /** This node's members and their rooms (lower-case name to "Name #room"), for its presence. */
    Map<String, String> localPresence() {
        Map<String, String> out = new HashMap<>();
        for (Map.Entry<String, NameHolder> e : holders.entrySet()) {
            NameHolder h = e.getValue();
            if (h.node.equals(nodeId) && h.room != null) {
                out.put(e.getKey(), PresenceEntry.format(h.name, h.room));
            }
        }
        return out;
    }

    // ---- other nodes ----

    /** False if {@code node}'s event number {@code n} is already reflected (0: always apply, a reaped node's). */
    private boolean fresh(String node, long n) {
        return nodes.computeIfAbsent(node, k -> new PeerNode()).fresh(n);
    }

    void joined(String node, long n, String room, String name) {
        if (fresh(node, n)) {
            put(node, name, room);
        }
    }

    void left(String node, long n, String room, String name) {
        if (!fresh(node, n)) {
            return;
        }
        NameHolder h = holders.get(ChatNames.key(name));
        if (h != null && h.node.equals(node)) {
            remove(node, ChatNames.key(name));
        }
    }

    /** In place: the room keeps its member (an empty moment would forget the room and its history). */
    void renamed(String node, long n, String oldName, String newName) {
        if (!fresh(node, n)) {
            return;
        }
        String oldKey = ChatNames.key(oldName);
        String newKey = ChatNames.key(newName);
        NameHolder h = holders.get(oldKey);
        if (h == null || !h.node.equals(node)) {
            return;
        }
        NameHolder clash = holders.get(newKey);
        if (clash != null && clash != h) {
            conflicts++;
            remove(node, oldKey);
            return;
        }
        holders.remove(oldKey);
        holders.put(newKey, h);
        PeerNode st = nodes.get(node);
        st.names.remove(oldKey);
        st.names.add(newKey);
        if (h.room != null) {
            rooms.rename(h.room, h.name, newName);
        }
        h.name = newName;
    }

    /** {@code node}'s presence as Redis holds it at its event number {@code version}. */
    void snapshot(String node, long version, Map<String, String> presence) {
        PeerNode st = nodes.computeIfAbsent(node, k -> new PeerNode());
        if (version < st.lastN) {
            return;
        }
        st.lastN = version;
        for (String key : new ArrayList<>(st.names)) {
            if (!presence.containsKey(key)) {
                remove(node, key);
            }
        }
        for (Map.Entry<String, String> e : presence.entrySet()) {
            PresenceEntry entry = PresenceEntry.parse(e.getValue());
            if (entry == null) {
                continue;
            }
            String name = entry.name();
            String room = entry.room();
            NameHolder h = holders.get(e.getKey());
            boolean same = h != null
                    && h.node.equals(node)
                    && h.name.equals(name)
                    && h.room != null
                    && ChatNames.key(h.room).equals(ChatNames.key(room));
            if (!same) {
                put(node, name, room);
            }
        }
    }

    /** Forgets every node not in {@code present} (gone from Redis: reaped, or Redis lost it). */
    void keepOnly(Set<String> present) {
        for (String node : new ArrayList<>(nodes.keySet())) {
            if (!present.contains(node)) {
                PeerNode st = nodes.remove(node);
                for (String key : new ArrayList<>(st.names)) {
                    remove(node, key);
                }
            }
        }
    }

    private void put(String node, String name, String room) {
        String key = ChatNames.key(name);
        NameHolder h = holders.get(key);
        if (h != null && !h.node.equals(node)) {
            // Two nodes gave the same name at the same moment; the first one seen keeps it here.
            conflicts++;
            return;
        }
        if (h == null) {
            holders.put(key, new NameHolder(name, node, rooms.add(room, name)));
            nodes.computeIfAbsent(node, k -> new PeerNode()).names.add(key);
            return;
        }
        // Known already (a missed event, mended): change it in place, into the new room first.
        String old = h.room;
        if (old != null && ChatNames.key(old).equals(ChatNames.key(room))) {
            rooms.rename(old, h.name, name);
            h.name = name;
            return;
        }
        h.name = name;
        h.room = rooms.add(room, name);
        if (old != null && rooms.remove(old, name)) {
            roomForgotten.accept(old);
        }
    }

    private void remove(String node, String key) {
        NameHolder h = holders.get(key);
        if (h != null && h.node.equals(node)) {
            removeHolder(key, h);
        }
    }

    private void removeHolder(String key, NameHolder h) {
        holders.remove(key);
        PeerNode st = nodes.get(h.node);
        if (st != null) {
            st.names.remove(key);
        }
        if (h.room != null && rooms.remove(h.room, h.name)) {
            roomForgotten.accept(h.room);
        }
    }
}
