package dev.switchboard.protocol.chat;

import dev.switchboard.protocol.Session;
import dev.switchboard.text.LogText;
import java.util.Locale;
import org.tinylog.Logger;

/**
 * A chat line in, the chat's answer out: a command word starting with {@code /} (or
 * {@code logout}) runs that command; anything else is said to the member's room. Lines are
 * already cleaned of control characters. Loop thread only.
 */
public final class ChatCommands {
    static final String HELP = "* commands: /nick NAME, /join #ROOM, /part, /rooms, /who, /msg NAME text,"
            + " /register PASSWORD, /login NAME PASSWORD, /help, /quit (or logout)";
    private final Chat chat;
    private final Logins logins;

    public ChatCommands(Chat chat, Accounts accounts) {
        this.chat = chat;
        this.logins = new Logins(chat, accounts);
    }

    public Member open(Session session) {
        return chat.open(session);
    }

    public void close(Member m) {
        chat.close(m);
    }

    /** One cleaned line from {@code m}. */
    public void line(Member m, String text) {
        if (m.gone) {
            return;
        }
        String trimmed = text.strip();
        if (trimmed.isEmpty()) {
            return;
        }
        if (Logger.isDebugEnabled()) {
            Logger.debug("{} <{}> {}", m.session.logName(), m.name, LogText.escape(forLog(trimmed)));
        }
        if (trimmed.equalsIgnoreCase("logout")) {
            m.session.closeAfterFlush();
        } else if (trimmed.startsWith("/")) {
            command(m, trimmed);
        } else {
            chat.say(m, text);
        }
    }

    private void command(Member m, String line) {
        int blank = indexOfBlank(line);
        String word = (blank < 0 ? line : line.substring(0, blank)).toLowerCase(Locale.ROOT);
        String argument = blank < 0 ? "" : line.substring(blank + 1).strip();
        switch (word) {
            case "/nick" -> chat.nick(m, argument);
            case "/join" -> chat.join(m, argument);
            case "/part" -> chat.part(m);
            case "/rooms" -> chat.listRooms(m);
            case "/who" -> chat.who(m);
            case "/msg" -> chat.msg(m, argument);
            case "/register" -> logins.register(m, argument);
            case "/login" -> logins.login(m, argument);
            case "/help" -> m.send(HELP);
            case "/quit" -> m.session.closeAfterFlush();
            default -> m.send("! unknown command " + cut(word) + "; /help lists the commands");
        }
    }

    /** A password never reaches the log, even at DEBUG: only the command word and the name stay. */
    static String forLog(String line) {
        String lower = line.toLowerCase(Locale.ROOT);
        if (lower.startsWith("/register")) {
            return "/register ****";
        }
        if (lower.startsWith("/login")) {
            String rest = line.substring("/login".length()).strip();
            int blank = indexOfBlank(rest);
            return "/login " + (blank < 0 ? rest : rest.substring(0, blank)) + " ****";
        }
        return line;
    }

    private static String cut(String word) {
        return word.length() <= 40 ? word : word.substring(0, 40) + "...";
    }

    static int indexOfBlank(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) == ' ' || s.charAt(i) == '\t') {
                return i;
            }
        }
        return -1;
    }
}
