package dev.switchboard.protocol;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/** Who is in the chat, under which name; names are unique ignoring case. Loop thread only. */
final class ChatRoom {
    static final int MAX_NAME_CHARS = 32;
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]{1," + MAX_NAME_CHARS + "}");

    static final class Member {
        final Session session;
        String name;

        Member(Session session, String name) {
            this.session = session;
            this.name = name;
        }
    }

    /** Keyed by lower-case name; in order of joining, which is the order /who lists. */
    private final Map<String, Member> members = new LinkedHashMap<>();
    private long guests;

    Member join(Session session) {
        String name;
        do {
            name = "guest-" + (++guests);
        } while (members.containsKey(key(name)));
        Member member = new Member(session, name);
        members.put(key(name), member);
        return member;
    }

    void leave(Member member) {
        members.remove(key(member.name), member);
    }

    /** Why {@code name} cannot be taken by {@code member}, or null if it can. */
    String refusal(Member member, String name) {
        if (name.isEmpty()) {
            return "usage: /nick NAME";
        }
        if (name.length() > MAX_NAME_CHARS) {
            return "name too long: at most " + MAX_NAME_CHARS + " characters";
        }
        if (!NAME.matcher(name).matches()) {
            return "a name holds only letters, digits, '-', '_' and '.'";
        }
        Member holder = members.get(key(name));
        if (holder != null && holder != member) {
            return "name " + name + " is taken";
        }
        if (name.equals(member.name)) {
            return "you are already " + name;
        }
        return null;
    }

    void rename(Member member, String name) {
        members.remove(key(member.name), member);
        member.name = name;
        members.put(key(name), member);
    }

    List<String> names() {
        List<String> names = new ArrayList<>(members.size());
        for (Member m : members.values()) {
            names.add(m.name);
        }
        return names;
    }

    /** Sends one line to every member but {@code except} (which may be null). */
    void broadcast(Member except, String line) {
        ByteBuffer bytes = ByteBuffer.wrap((line + "\n").getBytes(StandardCharsets.UTF_8));
        for (Member m : members.values()) {
            if (m != except) {
                bytes.rewind();
                m.session.send(bytes);
            }
        }
    }

    private static String key(String name) {
        return name.toLowerCase(Locale.ROOT);
    }
}
