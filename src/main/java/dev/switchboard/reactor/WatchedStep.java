package dev.switchboard.reactor;

/** Work for {@link EventLoop#runWatched}: {@link #run} under the loop's watchdog, then {@link #then} on the loop. */
public interface WatchedStep {
    /** The work that may overrun; past its start it must touch nothing of the loop's. */
    void run();

    /**
     * What follows on the loop: right after {@link #run} when its thread still has the loop (no
     * hand-off, as if inline), else through {@link EventLoop#execute} on the thread that took it.
     */
    void then();
}
