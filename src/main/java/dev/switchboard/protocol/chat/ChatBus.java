package dev.switchboard.protocol.chat;

/**
 * The one place chat events flow through: "publish an event, deliver events to local members".
 * The chat publishes each join, leave, rename, line and private message here and never sends
 * them to other members itself.
 *
 * <p>The local bus hands the event straight to this node's {@link LocalMembers#deliver}. A
 * backplane (Redis, issue 14) publishes it to every node instead, and each node, this one
 * included, calls {@code deliver} on its loop thread (through {@code execute()}) when the event
 * arrives; so a member sees the same events in the same order wherever its sender is.
 */
@FunctionalInterface
public interface ChatBus {

    /** Loop thread only; must not block. */
    void publish(ChatEvent event);

    static ChatBus local(LocalMembers members) {
        return members::deliver;
    }
}
