package dev.switchboard.protocol.chat;

import java.util.function.Consumer;

/**
 * Registered names and their password hashes. Lookups answer at once on the loop thread;
 * hashing and storage happen elsewhere (they are slow) and each outcome comes back on the loop
 * thread, through {@code execute()}. A shared store (issue 14) keeps the hashes in Redis.
 * Passwords pass through here only: never logged, never stored, never in a reply.
 */
public interface Accounts {

    enum Outcome {
        /** Registered, or the password was right. */
        OK,
        /** The password was wrong (or the name is not registered). */
        WRONG,
        /** Too many hashes are waiting already; nothing was done. */
        BUSY,
        /** The registration could not be saved; nothing changed. */
        FAILED
    }

    /** The name as it was registered, or null if {@code name} is not registered. */
    String registeredAs(String name);

    /** Sets (or replaces) {@code name}'s password; done runs on the loop thread. */
    void register(String name, String password, Consumer<Outcome> done);

    /** Checks {@code password} for {@code name}; done runs on the loop thread. */
    void verify(String name, String password, Consumer<Outcome> done);
}
