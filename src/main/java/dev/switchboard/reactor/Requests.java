package dev.switchboard.reactor;

import java.util.ArrayList;
import java.util.function.Consumer;

/**
 * Connections that asked for one thing (a flush, a close, a read) at the loop's next pass. A
 * pass works through what was asked before it began while new requests, made by that very
 * work, go to a twin list for the pass after: nothing is allocated, nothing is missed.
 */
final class Requests {
    private ArrayList<Connection> next = new ArrayList<>();
    private ArrayList<Connection> taken = new ArrayList<>();

    void add(Connection c) {
        next.add(c);
    }

    boolean isEmpty() {
        return next.isEmpty();
    }

    /** The requests made so far, for one pass; index through it (an iterator would allocate). */
    ArrayList<Connection> take() {
        ArrayList<Connection> batch = next;
        next = taken;
        taken = batch;
        return batch;
    }

    /**
     * Runs {@code action} on every connection asked for so far (reads of decrypted input,
     * flushes), each failure confined to its connection. The actions are method references that
     * capture nothing, so no object is made per pass.
     */
    void each(Consumer<Connection> action) {
        ArrayList<Connection> batch = take();
        for (int i = 0; i < batch.size(); i++) {
            Connection c = batch.get(i);
            try {
                action.accept(c);
            } catch (RuntimeException | LinkageError | StackOverflowError e) {
                c.failed(e);
            }
        }
        batch.clear();
    }
}
