package dev.switchboard.protocol.chat.redis;

import java.util.HashMap;
import java.util.Map;

/**
 * Where each room's event stream stands for this node: the epoch (which changes when Redis
 * loses the room's history) and the last offset seen. An event past the next offset means
 * events were missed (a reconnect, a subscriber Redis dropped for falling behind, a full
 * inbound queue), and they are fetched from the room's stream. Loop thread only.
 */
final class RoomOffsets {
    /** Seen already: drop it. */
    static final long DUPLICATE = -1;
    /** The next one, or the first one this node sees of the room. */
    static final long IN_ORDER = 0;

    private static final class Offset {
        String epoch;
        long seq;

        Offset(String epoch, long seq) {
            this.epoch = epoch;
            this.seq = seq;
        }
    }

    private final Map<String, Offset> rooms = new HashMap<>();

    /**
     * Records that {@code seq} of {@code epoch} arrived for {@code roomKey}.
     *
     * @return {@link #DUPLICATE}, {@link #IN_ORDER}, or the first missing offset (the last
     *         missing one is {@code seq - 1})
     */
    long arrived(String roomKey, String epoch, long seq) {
        Offset o = rooms.get(roomKey);
        if (o == null) {
            rooms.put(roomKey, new Offset(epoch, seq));
            return IN_ORDER;
        }
        if (!o.epoch.equals(epoch)) {
            // The room's history was lost and began again at 1: what came before 'seq' is missed.
            o.epoch = epoch;
            o.seq = seq;
            return seq > 1 ? 1 : IN_ORDER;
        }
        if (seq <= o.seq) {
            return DUPLICATE;
        }
        long expected = o.seq + 1;
        o.seq = seq;
        return seq == expected ? IN_ORDER : expected;
    }

    /** The last offset seen in {@code epoch}, or -1 if none (unknown room or another epoch). */
    long last(String roomKey, String epoch) {
        Offset o = rooms.get(roomKey);
        return o == null || !o.epoch.equals(epoch) ? -1 : o.seq;
    }

    boolean knows(String roomKey) {
        return rooms.containsKey(roomKey);
    }

    void set(String roomKey, String epoch, long seq) {
        Offset o = rooms.get(roomKey);
        if (o == null) {
            rooms.put(roomKey, new Offset(epoch, seq));
        } else if (o.epoch.equals(epoch)) {
            o.seq = Math.max(o.seq, seq);
        } else {
            o.epoch = epoch;
            o.seq = seq;
        }
    }

    void forget(String roomKey) {
        rooms.remove(roomKey);
    }
}
