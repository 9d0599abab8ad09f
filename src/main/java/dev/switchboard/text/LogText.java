package dev.switchboard.text;

import dev.switchboard.codec.Utf8;
import java.nio.ByteBuffer;

/**
 * Client bytes made safe for a log line: printable ASCII and well-formed printable UTF-8 stay,
 * everything else is escaped ({@code \n}, {@code \x1b}, {@code \u202e}), and the result is cut
 * so that one client cannot write a megabyte into the log.
 */
public final class LogText {
    /** Characters of client text a log line shows at most. */
    public static final int MAX_CHARS = 200;

    private LogText() {}

    public static String escape(ByteBuffer bytes) {
        return escape(bytes, MAX_CHARS);
    }

    public static String escape(ByteBuffer bytes, int maxChars) {
        StringBuilder out = new StringBuilder(Math.min(bytes.remaining(), maxChars) + 16);
        int i = bytes.position();
        int limit = bytes.limit();
        while (i < limit && out.length() < maxChars) {
            int b = bytes.get(i) & 0xFF;
            if (b < 0x80) {
                appendAscii(out, b);
                i++;
                continue;
            }
            int length = Utf8.sequenceLength(bytes, i, limit);
            if (length == 0) {
                out.append(String.format("\\x%02x", b));
                i++;
                continue;
            }
            int codePoint = decode(bytes, i, length);
            if (isUnsafe(codePoint)) {
                out.append(String.format("\\u%04x", codePoint));
            } else {
                out.appendCodePoint(codePoint);
            }
            i += length;
        }
        if (i < limit) {
            out.append("...(+").append(limit - i).append(" bytes)");
        }
        return out.toString();
    }

    /** Same escaping for text already decoded, such as a chat name or line. */
    public static String escape(CharSequence text) {
        StringBuilder out = new StringBuilder(Math.min(text.length(), MAX_CHARS) + 16);
        int i = 0;
        while (i < text.length() && out.length() < MAX_CHARS) {
            int cp = Character.codePointAt(text, i);
            if (cp < 0x80) {
                appendAscii(out, cp);
            } else if (isUnsafe(cp)) {
                out.append(String.format("\\u%04x", cp));
            } else {
                out.appendCodePoint(cp);
            }
            i += Character.charCount(cp);
        }
        if (i < text.length()) {
            out.append("...(+").append(text.length() - i).append(" chars)");
        }
        return out.toString();
    }

    private static void appendAscii(StringBuilder out, int b) {
        switch (b) {
            case '\n' -> out.append("\\n");
            case '\r' -> out.append("\\r");
            case '\t' -> out.append("\\t");
            case '\\' -> out.append("\\\\");
            default -> {
                if (b < 0x20 || b == 0x7F) {
                    out.append(String.format("\\x%02x", b));
                } else {
                    out.append((char) b);
                }
            }
        }
    }

    /** C1 controls, line separators, bidi controls, unpaired surrogates, BOM/specials. */
    static boolean isUnsafe(int cp) {
        int type = Character.getType(cp);
        return type == Character.CONTROL
                || type == Character.FORMAT
                || type == Character.LINE_SEPARATOR
                || type == Character.PARAGRAPH_SEPARATOR
                || type == Character.SURROGATE
                || type == Character.UNASSIGNED
                || type == Character.PRIVATE_USE;
    }

    private static int decode(ByteBuffer bytes, int i, int length) {
        int b = bytes.get(i) & 0xFF;
        int cp = length == 2 ? b & 0x1F : length == 3 ? b & 0x0F : b & 0x07;
        for (int k = 1; k < length; k++) {
            cp = (cp << 6) | (bytes.get(i + k) & 0x3F);
        }
        return cp;
    }
}
