package dev.switchboard.protocol.chat;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Each room's last lines in memory: at most {@code maxLines} lines and {@code maxChars}
 * characters a room, oldest dropped first, so a room's history costs a known amount however
 * long the lines a client sends (up to --max-frame each).
 */
public final class LocalHistory implements History {
    /**
     * 64 Ki characters a room (50 lines of 1,300 characters): 1,000 full rooms cost at most
     * 64 MiB of Latin-1 text, 128 MiB of other text. Longer lines still go out, just not into history.
     */
    public static final int DEFAULT_MAX_CHARS = 64 * 1024;

    private int maxLines;
    private final int maxChars;
    private final Map<String, Lines> rooms = new HashMap<>();

    private static final class Lines {
        final ArrayDeque<String> lines = new ArrayDeque<>();
        int chars;
    }

    public LocalHistory(int maxLines, int maxChars) {
        this.maxLines = maxLines;
        this.maxChars = maxChars;
    }

    @Override
    public void append(String room, String line) {
        if (maxLines == 0 || line.length() > maxChars) {
            return;
        }
        Lines h = rooms.computeIfAbsent(ChatNames.key(room), k -> new Lines());
        h.lines.addLast(line);
        h.chars += line.length();
        while (h.lines.size() > maxLines || h.chars > maxChars) {
            h.chars -= h.lines.removeFirst().length();
        }
    }

    @Override
    public void maxLines(int lines) {
        maxLines = lines;
        for (Lines h : rooms.values()) {
            while (h.lines.size() > maxLines) {
                h.chars -= h.lines.removeFirst().length();
            }
        }
    }

    @Override
    public List<String> recent(String room) {
        Lines h = rooms.get(ChatNames.key(room));
        return h == null ? List.of() : new ArrayList<>(h.lines);
    }

    @Override
    public void forget(String room) {
        rooms.remove(ChatNames.key(room));
    }
}
