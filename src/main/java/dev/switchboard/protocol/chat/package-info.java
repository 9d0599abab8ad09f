/**
 * The chat of SPEC.md Part 2: rooms, private messages, history, registered names, flood limit.
 *
 * <p>How it fits together, and the seam a backplane (issue 14) plugs into:
 * <pre>
 *   ChatService (Service over text lines, any Session: socket, TLS, WebSocket)
 *     -&gt; ChatCommands (parse one line) -&gt; Chat (rooms, /msg, history) and Logins (/register, /login)
 *          | asks                                  | publishes every event
 *          v                                       v
 *   NameDirectory, RoomDirectory,            ChatBus.publish(ChatEvent)
 *   History, Accounts                              |  local: at once; backplane: via Redis to every node
 *   (local implementations here)                   v
 *                                            LocalMembers.deliver(ChatEvent) -&gt; this node's sessions
 * </pre>
 * The directories answer on the loop thread without blocking; a cluster-wide version keeps a
 * local view current from the backplane. A member's own replies ({@code * you are now NAME},
 * its echoed line) go straight to it; what others see only ever goes through the bus. Only
 * {@link dev.switchboard.protocol.chat.LocalAccounts} works off the loop (password hashing and
 * its file), and its results come back through {@code execute()}.
 */
package dev.switchboard.protocol.chat;
