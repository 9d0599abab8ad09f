package dev.switchboard.client;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jline.utils.AttributedString;
import org.jline.utils.AttributedStringBuilder;
import org.jline.utils.AttributedStyle;

/**
 * How the interactive client colours what it shows; JLine drops the colours on a terminal that
 * has none. Errors bold red; chat names cyan, private messages magenta, notices yellow.
 */
final class Styles {
    static final AttributedStyle ERROR =
            AttributedStyle.DEFAULT.foreground(AttributedStyle.RED).bold();
    static final AttributedStyle CALM = AttributedStyle.DEFAULT.foreground(AttributedStyle.GREEN);
    private static final AttributedStyle PROTOCOL =
            AttributedStyle.DEFAULT.foreground(AttributedStyle.GREEN).bold();
    private static final AttributedStyle NAME =
            AttributedStyle.DEFAULT.foreground(AttributedStyle.CYAN).bold();
    private static final AttributedStyle PRIVATE =
            AttributedStyle.DEFAULT.foreground(AttributedStyle.MAGENTA).bold();
    private static final AttributedStyle NOTICE = AttributedStyle.DEFAULT.foreground(AttributedStyle.YELLOW);
    private static final Pattern SAYS = Pattern.compile("(<[^>]{1,64}>)( .*)?", Pattern.DOTALL);
    private static final Pattern WHISPER = Pattern.compile("((?:-> )?\\*[^ *]{1,64}\\*)( .*)?", Pattern.DOTALL);

    private Styles() {}

    static AttributedString prompt(String protocol, String address, boolean connected) {
        if (!connected) {
            return new AttributedString("not connected> ", ERROR);
        }
        return new AttributedStringBuilder()
                .styled(PROTOCOL, protocol)
                .append(" " + address + "> ")
                .toAttributedString();
    }

    static AttributedString reply(Reply reply, boolean chat) {
        String text = reply.text();
        if (reply.error()) {
            return new AttributedString(text, ERROR);
        }
        if (!chat) {
            return new AttributedString(text);
        }
        Matcher says = SAYS.matcher(text);
        if (says.matches()) {
            return two(NAME, says.group(1), says.group(2));
        }
        Matcher whisper = WHISPER.matcher(text);
        if (whisper.matches()) {
            return two(PRIVATE, whisper.group(1), whisper.group(2));
        }
        if (text.startsWith("* ")) {
            return new AttributedString(text, NOTICE);
        }
        return new AttributedString(text);
    }

    private static AttributedString two(AttributedStyle style, String head, String rest) {
        return new AttributedStringBuilder()
                .styled(style, head)
                .append(rest == null ? "" : rest)
                .toAttributedString();
    }
}
