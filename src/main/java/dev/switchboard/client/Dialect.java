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

    /** A word for tab completion, with what it does. */
    record Word(String text, String description) {
    }

    String protocol();

    int defaultPort();

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

    /** True if the server speaks first (command's greeting, chat's welcome). */
    default boolean greets() {
        return false;
    }

    static Dialect<?> of(String protocol) throws UsageError {
        return switch (protocol) {
            case "command" -> new CommandDialect();
            case "frame5" -> new Frame5Dialect();
            case "header128" -> new Header128Dialect();
            case "chat" -> new ChatDialect();
            case "echo" -> new EchoDialect();
            default -> throw new UsageError("unknown protocol '" + protocol
                    + "' (command, frame5, header128, chat, echo)");
        };
    }
}
