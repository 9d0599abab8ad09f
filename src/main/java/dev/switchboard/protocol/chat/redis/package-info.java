/**
 * The chat across nodes (SPEC.md Part 2, issue 14): {@link dev.switchboard.protocol.chat.redis.Backplane#start}
 * builds a {@link dev.switchboard.protocol.chat.ChatBackend} whose parts are cluster-wide.
 * <pre>
 *   loop thread                          worker thread              Redis            subscriber thread
 *   Chat -&gt; bus.publish(event)
 *     LocalMembers.deliver  (own: at once)
 *     Jobs.event -&gt; bounded queue ------&gt; EVALSHA (seq, XADD,   ---&gt; PUBLISH ------&gt; decode -&gt; bounded queue
 *                                         presence, PUBLISH)                                       |
 *   Backplane.arrived &lt;---------------------------------------------------------- execute(drain) --+
 *     RoomOffsets (gap? -&gt; Jobs.gap: XRANGE), ClusterDirectory, ClusterHistory, LocalMembers.deliver
 *   Presence (every 2 s, worker): alive key, others' presence -&gt; ClusterDirectory; reap the dead
 * </pre>
 * Nothing here blocks the loop: it only offers to bounded queues and takes results through
 * {@code execute()}.
 */
package dev.switchboard.protocol.chat.redis;
