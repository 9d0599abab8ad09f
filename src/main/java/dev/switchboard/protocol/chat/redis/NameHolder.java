package dev.switchboard.protocol.chat.redis;

/** Who holds a name in the cluster view: the node, and the room the holder is in. */
final class NameHolder {
    String name;
    final String node;
    /** The room as spelled by whoever opened it, or null between rooms. */
    String room;

    NameHolder(String name, String node, String room) {
        this.name = name;
        this.node = node;
        this.room = room;
    }
}
