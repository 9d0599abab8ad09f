package dev.switchboard.protocol;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/** Fixed replies kept as buffers and re-sent without allocating (the loop is single-threaded). */
final class Replies {
    private Replies() {}

    static ByteBuffer of(String text) {
        return ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
    }

    /** Sends all of {@code reply}, whatever its position was left at last time. */
    static void send(Session session, ByteBuffer reply) {
        reply.rewind();
        session.send(reply);
    }

    /** True if {@code bytes}, without surrounding spaces and tabs, is {@code word} ignoring ASCII case. */
    static boolean isWord(ByteBuffer bytes, String word) {
        int from = bytes.position();
        int to = bytes.limit();
        while (from < to && isBlank(bytes.get(from))) {
            from++;
        }
        while (to > from && isBlank(bytes.get(to - 1))) {
            to--;
        }
        if (to - from != word.length()) {
            return false;
        }
        for (int i = 0; i < word.length(); i++) {
            byte b = bytes.get(from + i);
            if (Character.toLowerCase((char) (b & 0xFF)) != Character.toLowerCase(word.charAt(i)) || b < 0) {
                return false;
            }
        }
        return true;
    }

    /** True if {@code bytes} holds nothing but spaces and tabs. */
    static boolean isBlank(ByteBuffer bytes) {
        for (int i = bytes.position(); i < bytes.limit(); i++) {
            if (!isBlank(bytes.get(i))) {
                return false;
            }
        }
        return true;
    }

    private static boolean isBlank(byte b) {
        return b == ' ' || b == '\t';
    }
}
