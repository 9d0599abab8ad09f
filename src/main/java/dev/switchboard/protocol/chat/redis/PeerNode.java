package dev.switchboard.protocol.chat.redis;

import java.util.HashSet;
import java.util.Set;

/** Another node as this one knows it: its last event number and the names it holds. */
final class PeerNode {
    long lastN;
    final Set<String> names = new HashSet<>();

    /** False if event number {@code n} is already reflected; 0 always applies (a reaped node's). */
    boolean fresh(long n) {
        if (n <= 0) {
            return true;
        }
        if (n <= lastN) {
            return false;
        }
        lastN = n;
        return true;
    }
}
