package dev.switchboard.client;

import java.util.List;
import java.util.function.Function;
import org.jline.reader.Candidate;
import org.jline.reader.Completer;
import org.jline.reader.LineReader;
import org.jline.reader.ParsedLine;

/**
 * Completes the protocol's command words, with what each does, at the start of a line; and
 * the word after one from {@code arguments} (chat: room names after {@code /join}, names after
 * {@code /msg}), which knows only what the server last listed.
 */
final class WordCompleter implements Completer {
    private final List<Dialect.Word> words;
    private final Function<String, List<String>> arguments;

    WordCompleter(List<Dialect.Word> words, Function<String, List<String>> arguments) {
        this.words = words;
        this.arguments = arguments;
    }

    WordCompleter(List<Dialect.Word> words) {
        this(words, w -> List.of());
    }

    @Override
    public void complete(LineReader reader, ParsedLine line, List<Candidate> candidates) {
        if (line.wordIndex() == 0) {
            for (Dialect.Word w : words) {
                candidates.add(new Candidate(w.text(), w.text(), null, w.description(), null, null, true));
            }
        } else if (line.wordIndex() == 1) {
            for (String value : arguments.apply(line.words().get(0).toLowerCase(java.util.Locale.ROOT))) {
                candidates.add(new Candidate(value, value, null, null, null, null, true));
            }
        }
    }
}
