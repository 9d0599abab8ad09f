package dev.switchboard.protocol.chat.redis;

/**
 * One member in a node's presence hash in Redis: the value {@code "Name #room"} under the
 * name's lower-case key. Written by the node that holds the name, read by every other node and
 * by whoever reaps a dead one.
 */
record PresenceEntry(String name, String room) {
    static String format(String name, String room) {
        return name + " " + room;
    }

    /** The entry in {@code value}, or null if it is not one (a version field, a damaged value). */
    static PresenceEntry parse(String value) {
        int space = value.indexOf(' ');
        if (space <= 0) {
            return null;
        }
        return new PresenceEntry(value.substring(0, space), value.substring(space + 1));
    }
}
