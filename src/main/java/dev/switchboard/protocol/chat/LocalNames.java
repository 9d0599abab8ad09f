package dev.switchboard.protocol.chat;

import java.util.HashMap;
import java.util.Map;

/** The names of this node's members, for a chat without a backplane. */
public final class LocalNames implements NameDirectory {
    /** Lower-case name to the name as spelled. */
    private final Map<String, String> names = new HashMap<>();

    private long guests;

    @Override
    public String claimGuestName() {
        String name;
        do {
            name = "guest-" + (++guests);
        } while (names.containsKey(ChatNames.key(name)));
        names.put(ChatNames.key(name), name);
        return name;
    }

    @Override
    public String rename(String oldName, String newName) {
        String oldKey = ChatNames.key(oldName);
        String newKey = ChatNames.key(newName);
        if (!oldKey.equals(newKey) && names.containsKey(newKey)) {
            return "name " + newName + " is taken";
        }
        names.remove(oldKey);
        names.put(newKey, newName);
        return null;
    }

    @Override
    public void release(String name) {
        names.remove(ChatNames.key(name));
    }

    @Override
    public String online(String name) {
        return names.get(ChatNames.key(name));
    }
}
