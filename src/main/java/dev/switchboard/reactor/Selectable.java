package dev.switchboard.reactor;

/** What a selection key is attached to: a listener or a connection. */
interface Selectable {
    void ready(int readyOps);
}
