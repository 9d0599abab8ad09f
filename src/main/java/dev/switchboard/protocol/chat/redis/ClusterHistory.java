package dev.switchboard.protocol.chat.redis;

import dev.switchboard.protocol.chat.History;
import dev.switchboard.protocol.chat.LocalHistory;
import java.util.List;
import java.util.function.Consumer;

/**
 * Each room's last lines: kept in Redis (the room's stream, written when its line is published)
 * and copied here from every node's lines as they arrive, so {@link #recent} answers at once.
 * A node that starts, or comes back after Redis was away, copies the streams again.
 * Loop thread only.
 */
final class ClusterHistory implements History {
    private final LocalHistory copy;
    private final Consumer<String> forgottenHere;

    /** @param forgottenHere told when a member of this node left a room empty (the stream goes too) */
    ClusterHistory(int maxLines, Consumer<String> forgottenHere) {
        this.copy = new LocalHistory(maxLines, LocalHistory.DEFAULT_MAX_CHARS);
        this.forgottenHere = forgottenHere;
    }

    /** A line said on this node; its stream entry is written when its event is published. */
    @Override
    public void append(String room, String line) {
        copy.append(room, line);
    }

    @Override
    public void maxLines(int lines) {
        copy.maxLines(lines);
    }

    @Override
    public List<String> recent(String room) {
        return copy.recent(room);
    }

    @Override
    public void forget(String room) {
        copy.forget(room);
        forgottenHere.accept(room);
    }

    /** A line another node's member said. */
    void appendRemote(String room, String line) {
        copy.append(room, line);
    }

    /** The room emptied on other nodes: nothing to delete in Redis from here. */
    void forgetCopy(String room) {
        copy.forget(room);
    }

    /** The room's lines as Redis holds them, oldest first. */
    void replace(String room, List<String> lines) {
        copy.forget(room);
        for (String line : lines) {
            copy.append(room, line);
        }
    }
}
