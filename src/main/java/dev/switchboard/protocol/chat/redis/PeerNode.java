package dev.switchboard.protocol.chat.redis;

import java.util.HashSet;
import java.util.Set;

/** Another node as this one knows it: its last event number and the names it holds. */
final class PeerNode {
    long lastN;
    final Set<String> names = new HashSet<>();
}
