package dev.switchboard.protocol.chat.redis;

import dev.switchboard.protocol.chat.ChatEvent;
import dev.switchboard.protocol.chat.ChatNames;

/**
 * How a chat event travels between nodes: one line of space-separated words, free text last.
 * Names and rooms hold no space (SPEC.md: letters, digits, '-', '_', '.'), so only the text
 * needs no escaping; it never holds a control character other than tab (the chat cleans it).
 * <pre>
 *   published:  EPOCH SEQ BODY          (EPOCH SEQ: the room's offset; "- 0" for no room)
 *   BODY:       NODE N MICROS TYPE ...  (N counts the node's own events; MICROS: when sent)
 *     S ROOM FROM TEXT | J ROOM NAME | L ROOM NAME | R ROOM OLD NEW | W FROM TO TEXT | A NAME HASH
 *     | H (a node's heartbeat: traffic, so a dead subscription times out)
 * </pre>
 * A room's stream stores BODY under its SEQ, so what a node replays reads the same as what it
 * would have received.
 */
final class Wire {
    /** An event as it arrived; {@code event} is null for an account ({@code A}). */
    record Message(
            String epoch,
            long seq,
            String node,
            long n,
            long micros,
            ChatEvent event,
            String accountName,
            String accountHash) {
        String room() {
            return Wire.room(event);
        }
    }

    private Wire() {}

    static String body(String node, long n, long micros, ChatEvent event) {
        StringBuilder b = new StringBuilder(64)
                .append(node)
                .append(' ')
                .append(n)
                .append(' ')
                .append(micros);
        if (event instanceof ChatEvent.Said e) {
            b.append(" S ")
                    .append(e.room())
                    .append(' ')
                    .append(e.from())
                    .append(' ')
                    .append(e.text());
        } else if (event instanceof ChatEvent.Joined e) {
            b.append(" J ").append(e.room()).append(' ').append(e.name());
        } else if (event instanceof ChatEvent.Left e) {
            b.append(" L ").append(e.room()).append(' ').append(e.name());
        } else if (event instanceof ChatEvent.Renamed e) {
            b.append(" R ")
                    .append(e.room())
                    .append(' ')
                    .append(e.oldName())
                    .append(' ')
                    .append(e.newName());
        } else if (event instanceof ChatEvent.Whispered e) {
            b.append(" W ")
                    .append(e.from())
                    .append(' ')
                    .append(e.to())
                    .append(' ')
                    .append(e.text());
        }
        return b.toString();
    }

    static String account(String node, long micros, String name, String hash) {
        return node + " 0 " + micros + " A " + name + " " + hash;
    }

    /** The room an event belongs to, or null (a private message). */
    static String room(ChatEvent event) {
        if (event instanceof ChatEvent.Said e) {
            return e.room();
        } else if (event instanceof ChatEvent.Joined e) {
            return e.room();
        } else if (event instanceof ChatEvent.Left e) {
            return e.room();
        } else if (event instanceof ChatEvent.Renamed e) {
            return e.room();
        }
        return null;
    }

    static boolean isHeartbeat(String published) {
        return published.endsWith(" H");
    }

    /** A published line; null if it is not one of ours (another program on the channel). */
    static Message decode(String published) {
        Words w = new Words(published);
        String epoch = w.next();
        String seq = w.next();
        if (seq == null) {
            return null;
        }
        return body(epoch, number(seq), w);
    }

    /** A stream entry's BODY stored under {@code seq}. */
    static Message decodeStored(String epoch, long seq, String body) {
        return body(epoch, seq, new Words(body));
    }

    private static Message body(String epoch, long seq, Words w) {
        String node = w.next();
        long n = number(w.next());
        long micros = number(w.next());
        String type = w.next();
        if (node == null || type == null || seq < 0 || n < 0 || micros < 0) {
            return null;
        }
        ChatEvent event;
        switch (type) {
            case "S" -> event = said(w.next(), w.next(), w.rest());
            case "J" -> event = joined(w.next(), w.next());
            case "L" -> event = left(w.next(), w.next());
            case "R" -> event = renamed(w.next(), w.next(), w.next());
            case "W" -> event = whispered(w.next(), w.next(), w.rest());
            case "A" -> {
                String name = w.next();
                String hash = w.next();
                return name == null || hash == null ? null : new Message(epoch, seq, node, n, micros, null, name, hash);
            }
            default -> event = null;
        }
        return event == null || !valid(event) ? null : new Message(epoch, seq, node, n, micros, event, null, null);
    }

    /**
     * Anything on the channel could have been published by another program: only what our chat
     * itself could send is shown (SPEC: no raw control characters, names and rooms as the chat allows).
     */
    static boolean valid(ChatEvent event) {
        if (event instanceof ChatEvent.Said e) {
            return ChatNames.isRoom(e.room()) && isName(e.from()) && isText(e.text());
        } else if (event instanceof ChatEvent.Joined e) {
            return ChatNames.isRoom(e.room()) && isName(e.name());
        } else if (event instanceof ChatEvent.Left e) {
            return ChatNames.isRoom(e.room()) && isName(e.name());
        } else if (event instanceof ChatEvent.Renamed e) {
            return ChatNames.isRoom(e.room()) && isName(e.oldName()) && isName(e.newName());
        } else if (event instanceof ChatEvent.Whispered e) {
            return isName(e.from()) && isName(e.to()) && isText(e.text());
        }
        return false;
    }

    private static boolean isName(String name) {
        return ChatNames.nameProblem(name) == null;
    }

    private static boolean isText(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20 && c != '\t' || c == 0x7f) {
                return false;
            }
        }
        return true;
    }

    private static ChatEvent said(String room, String from, String text) {
        return room == null || from == null || text == null ? null : new ChatEvent.Said(room, from, text);
    }

    private static ChatEvent joined(String room, String name) {
        return room == null || name == null ? null : new ChatEvent.Joined(room, name);
    }

    private static ChatEvent left(String room, String name) {
        return room == null || name == null ? null : new ChatEvent.Left(room, name);
    }

    private static ChatEvent renamed(String room, String oldName, String newName) {
        return room == null || oldName == null || newName == null
                ? null
                : new ChatEvent.Renamed(room, oldName, newName);
    }

    private static ChatEvent whispered(String from, String to, String text) {
        return from == null || to == null || text == null ? null : new ChatEvent.Whispered(from, to, text);
    }

    /** A decimal number, or -1 when the word is missing or not one. */
    private static long number(String word) {
        if (word == null || word.isEmpty() || word.length() > 18) {
            return -1;
        }
        for (int i = 0; i < word.length(); i++) {
            if (word.charAt(i) < '0' || word.charAt(i) > '9') {
                return -1;
            }
        }
        return Long.parseLong(word);
    }

    /** Words split at single spaces; the rest is taken whole, spaces and all. */
    private static final class Words {
        private final String s;
        private int at;

        Words(String s) {
            this.s = s;
        }

        String next() {
            if (at > s.length()) {
                return null;
            }
            int space = s.indexOf(' ', at);
            int end = space < 0 ? s.length() : space;
            String word = s.substring(at, end);
            at = end + 1;
            return word.isEmpty() ? null : word;
        }

        String rest() {
            if (at > s.length()) {
                return null;
            }
            String rest = s.substring(at);
            at = s.length() + 1;
            return rest.isEmpty() ? null : rest;
        }
    }
}
