package dev.switchboard.protocol.chat;

/**
 * Who is online, by name, chat-wide: names are unique ignoring case. Loop thread only, and no
 * call may block: a cluster-wide directory (issue 14) answers from its local view and keeps
 * that view current from the backplane.
 */
public interface NameDirectory {

    /** Reserves and returns a fresh {@code guest-N} name no one holds. */
    String claimGuestName();

    /**
     * Moves a holder from {@code oldName} to {@code newName}. A change of case only always
     * succeeds; otherwise it fails if anyone holds {@code newName} (or, in a cluster, while the
     * directory cannot ask the others).
     *
     * @return null once the name is theirs, else why not, to show after {@code "! "}
     */
    String rename(String oldName, String newName);

    void release(String name);

    /** The online member's name as they spell it, or null if nobody online has {@code name}. */
    String online(String name);
}
