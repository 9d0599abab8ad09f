package dev.switchboard.client;

import java.util.List;
import org.jline.reader.Candidate;
import org.jline.reader.Completer;
import org.jline.reader.LineReader;
import org.jline.reader.ParsedLine;

/** Completes the protocol's command words, with what each does, at the start of a line. */
final class WordCompleter implements Completer {
    private final List<Dialect.Word> words;

    WordCompleter(List<Dialect.Word> words) {
        this.words = words;
    }

    @Override
    public void complete(LineReader reader, ParsedLine line, List<Candidate> candidates) {
        if (line.wordIndex() != 0) {
            return;
        }
        for (Dialect.Word w : words) {
            candidates.add(new Candidate(w.text(), w.text(), null, w.description(), null, null, true));
        }
    }
}
