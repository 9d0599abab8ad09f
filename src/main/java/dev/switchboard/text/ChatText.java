package dev.switchboard.text;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Chat lines as they may be shown on other people's terminals: decoded as UTF-8 (a malformed
 * byte becomes U+FFFD) and with every control character except tab made visible in caret
 * notation ({@code ESC} becomes {@code ^[}), so no client can move another's cursor, clear
 * their screen or forge a line.
 */
public final class ChatText {
    private ChatText() {}

    public static String clean(ByteBuffer line) {
        String text;
        try {
            text = StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPLACE)
                    .onUnmappableCharacter(CodingErrorAction.REPLACE)
                    .decode(line.duplicate())
                    .toString();
        } catch (CharacterCodingException e) {
            // REPLACE never throws; keep the compiler honest without hiding a real failure.
            throw new IllegalStateException(e);
        }
        return clean(text);
    }

    public static String clean(String text) {
        StringBuilder out = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean control = (c < 0x20 && c != '\t')
                    || c == 0x7F
                    || (c >= 0x80 && c <= 0x9F)
                    || c == '\u2028'
                    || c == '\u2029'
                    || (c >= '\u202A' && c <= '\u202E')
                    || (c >= '\u2066' && c <= '\u2069');
            if (!control) {
                if (out != null) {
                    out.append(c);
                }
                continue;
            }
            if (out == null) {
                out = new StringBuilder(text.length() + 8).append(text, 0, i);
            }
            if (c < 0x20) {
                out.append('^').append((char) (c + '@'));
            } else if (c == 0x7F) {
                out.append("^?");
            } else {
                out.append(String.format("\\u%04x", (int) c));
            }
        }
        return out == null ? text : out.toString();
    }
}
