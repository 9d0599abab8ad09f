package dev.switchboard.client;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jline.console.ArgDesc;
import org.jline.console.CmdDesc;
import org.jline.reader.LineReader;
import org.jline.reader.impl.DefaultParser;
import org.jline.terminal.Terminal;
import org.jline.utils.AttributedString;
import org.jline.widget.TailTipWidgets;

/**
 * Hints while typing, as redis-cli shows them: after a command word, the arguments it expects
 * appear faint after the cursor ({@code rev MESSAGE}, {@code /msg NAME TEXT}) until typed over.
 */
final class Hints {
    private Hints() {}

    /**
     * JLine's parser takes a command for a name of letters only; our words are {@code /msg} and
     * {@code !DISCONNECT!}, so the command is simply the first word.
     */
    static final class FirstWordParser extends DefaultParser {
        @Override
        public String getCommand(String line) {
            String s = line.strip();
            int blank = s.indexOf(' ');
            return blank < 0 ? s : s.substring(0, blank);
        }
    }

    static void enable(LineReader reader, List<Dialect.Word> words) {
        if (Terminal.TYPE_DUMB.equals(reader.getTerminal().getType())
                || Terminal.TYPE_DUMB_COLOR.equals(reader.getTerminal().getType())) {
            return;
        }
        Map<String, CmdDesc> tips = new HashMap<>();
        for (Dialect.Word w : words) {
            if (w.arguments().isEmpty()) {
                continue;
            }
            List<ArgDesc> arguments =
                    Arrays.stream(w.arguments().split(" ")).map(ArgDesc::new).toList();
            tips.put(w.text(), new CmdDesc(List.of(new AttributedString(w.description())), arguments, new HashMap<>()));
        }
        if (!tips.isEmpty()) {
            new TailTipWidgets(reader, tips, 0, TailTipWidgets.TipType.TAIL_TIP).enable();
        }
    }
}
