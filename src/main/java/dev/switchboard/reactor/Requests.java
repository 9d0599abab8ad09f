package dev.switchboard.reactor;

import java.util.ArrayList;

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
}
