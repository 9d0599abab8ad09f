package dev.switchboard.client;

import dev.switchboard.text.ChatText;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.Locale;

/**
 * What the interactive chat client learns from the server's lines: its name and room (to take
 * them back after a reconnect), the rooms and names the server last listed (for Tab), and the
 * lines it sent whose copies the server will echo (not shown twice). Read and written by the
 * printer thread and the input thread, hence synchronized.
 */
final class ChatState {
    private String name;
    private String room;
    private List<String> rooms = List.of();
    private List<String> online = List.of();
    private final Deque<String> sent = new ArrayDeque<>();

    /** Learns what {@code line} tells; true if the line is our own text coming back (not shown). */
    synchronized boolean learn(String line) {
        // Whatever we typed comes back bare, even text that looks like a notice ("* hi *").
        if (ownCopy(line)) {
            return true;
        }
        if (line.startsWith("* welcome ")) {
            name = line.substring("* welcome ".length()).strip();
        } else if (line.startsWith("* you are now ")) {
            name = line.substring("* you are now ".length()).strip();
        } else if (line.startsWith("* you are in ")) {
            room = line.substring("* you are in ".length()).strip();
        } else if (line.startsWith("* rooms: ")) {
            rooms = Arrays.stream(line.substring("* rooms: ".length()).split(","))
                    .map(r -> r.strip().split(" ", 2)[0])
                    .filter(r -> r.startsWith("#"))
                    .toList();
        } else if (line.startsWith("* online: ")) {
            online = Arrays.stream(line.substring("* online: ".length()).split(","))
                    .map(String::strip)
                    .filter(n -> !n.isEmpty())
                    .toList();
        }
        return false;
    }

    /**
     * Our copy comes back bare; a line the server dropped (flood limit) never does, so older
     * entries before the match are forgotten too.
     */
    private boolean ownCopy(String line) {
        if (!sent.contains(line)) {
            return false;
        }
        while (!sent.isEmpty() && !sent.removeFirst().equals(line)) {
            // Dropped by the server: it will not come back.
        }
        return true;
    }

    /** Remembers a text line we sent (commands are never echoed). */
    synchronized void sending(String line) {
        if (ChatDialect.command(line).isEmpty()
                && !line.isBlank()
                && !line.strip().toLowerCase(Locale.ROOT).equals("logout")) {
            sent.addLast(ChatText.clean(line));
            if (sent.size() > 100) {
                sent.removeFirst();
            }
        }
    }

    synchronized String name() {
        return name;
    }

    synchronized String room() {
        return room;
    }

    synchronized List<String> rooms() {
        return room == null || rooms.contains(room)
                ? rooms
                : java.util.stream.Stream.concat(rooms.stream(), java.util.stream.Stream.of(room))
                        .toList();
    }

    synchronized List<String> online() {
        return online;
    }

    /** A new connection: nothing of ours is in flight any more. */
    synchronized void reconnected() {
        sent.clear();
    }

    /** What Tab offers after a chat word: rooms after {@code /join}, names after {@code /msg}; nothing without a chat. */
    static java.util.function.Function<String, List<String>> argumentsOf(ChatState chat) {
        return word -> {
            if (chat == null) {
                return List.of();
            }
            return switch (word) {
                case "/join" -> chat.rooms();
                case "/msg" -> chat.online();
                default -> List.of();
            };
        };
    }
}
