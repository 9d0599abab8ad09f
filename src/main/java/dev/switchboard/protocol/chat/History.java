package dev.switchboard.protocol.chat;

import java.util.List;

/**
 * The last lines said in each room, as they were shown ({@code <NAME> text}), replayed to
 * whoever joins. Bounded per room. Loop thread only and never blocking: a shared history
 * (issue 14) appends through the backplane and answers {@link #recent} from a local copy.
 */
public interface History {

    void append(String room, String line);

    /** Oldest first; empty when the room has none. */
    List<String> recent(String room);

    /** The room was forgotten: so is what was said in it. */
    void forget(String room);

    /** A reload's {@code --chat-history}: longer rooms lose their oldest lines now; 0 = off. */
    void maxLines(int lines);
}
