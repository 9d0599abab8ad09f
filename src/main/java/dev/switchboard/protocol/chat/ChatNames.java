package dev.switchboard.protocol.chat;

import java.util.Locale;
import java.util.regex.Pattern;

/** What a member's name and a room's name may be (SPEC.md, chat), and how they compare. */
public final class ChatNames {
    public static final int MAX_NAME_CHARS = 32;
    public static final String LOBBY = "#lobby";
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]{1," + MAX_NAME_CHARS + "}");
    private static final Pattern ROOM = Pattern.compile("#[A-Za-z0-9._-]{1," + MAX_NAME_CHARS + "}");

    private ChatNames() {}

    /** Names and rooms are the same ignoring case; this is the form they are looked up by. */
    public static String key(String name) {
        return name.toLowerCase(Locale.ROOT);
    }

    /** Why {@code name} is not a valid member name, or null if it is. */
    public static String nameProblem(String name) {
        if (name.length() > MAX_NAME_CHARS) {
            return "name too long: at most " + MAX_NAME_CHARS + " characters";
        }
        if (!NAME.matcher(name).matches()) {
            return "a name holds only letters, digits, '-', '_' and '.'";
        }
        return null;
    }

    public static boolean isRoom(String room) {
        return ROOM.matcher(room).matches();
    }
}
