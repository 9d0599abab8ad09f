package dev.switchboard.client;

import dev.switchboard.codec.FrameDecoder;
import java.util.List;

/**
 * How the client speaks one protocol: the words it completes, what a typed line becomes on the
 * wire, and how a server message reads. Built on the daemon's own codecs.
 *
 * @param <F> the message type of the protocol's decoder
 */
public interface Dialect<F> {

    /**
     * A word for tab completion and {@code help}: what follows it (shown as a hint while
     * typing; empty when nothing does) and what it does.
     */
    record Word(String text, String arguments, String description) {
        Word(String text, String description) {
            this(text, "", description);
        }
    }

    /** The protocol's name, as in the daemon's protocol list (prompts, history file, errors). */
    String protocol();

    List<Word> words();

    /** The request for a typed line, or null when there is nothing to send (an empty line). */
    Request request(String line) throws UsageError;

    /** The polite goodbye sent on Ctrl+D. */
    Request goodbye();

    FrameDecoder<F> newReplyDecoder();

    Reply reply(F message);

    /**
     * True if {@code reply} is the server's answer to the line {@code sent}, rather than
     * something else that happened to arrive (chat's messages from others).
     */
    default boolean answers(String sent, Reply reply) {
        return true;
    }

    /**
     * The request {@code --latency} times: one that the server answers at once with one reply;
     * null when the protocol has none (chat).
     */
    default Request probe() {
        return null;
    }

    /** The local {@code help}: the words, what follows each, and what they do. */
    default String help() {
        StringBuilder text = new StringBuilder();
        int width = 4;
        for (Word w : words()) {
            width = Math.max(width, (w.text() + " " + w.arguments()).strip().length());
        }
        for (Word w : words()) {
            if (w.text().equals("help")) {
                continue;
            }
            String usage = (w.text() + " " + w.arguments()).strip();
            text.append(String.format("  %-" + width + "s  %s%n", usage, w.description()));
        }
        text.append(String.format("  %-" + width + "s  %s%n", "help", "this list (answered here, not sent)"));
        text.append("Tab completes; Up and Down walk the history; Ctrl+C clears the line; Ctrl+D quits.");
        return text.toString();
    }

    /** True if the server speaks first (command's greeting, chat's welcome). */
    default boolean greets() {
        return false;
    }
}
