package dev.switchboard.reactor;

/** What a selection key is attached to: a listener or a connection. */
interface Selectable {
    void ready(int readyOps);

    /**
     * Serving it threw: contain the failure to it, log the stack; the loop goes on. Linkage
     * errors and stack overflows are confined the same way: they belong to one code path, not
     * to the process (out of memory and internal VM errors are not caught).
     */
    void failed(Throwable e);
}
