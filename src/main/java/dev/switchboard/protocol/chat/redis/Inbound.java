package dev.switchboard.protocol.chat.redis;

import dev.switchboard.protocol.chat.ChatEvent;
import dev.switchboard.protocol.chat.ChatNames;
import dev.switchboard.protocol.chat.LocalMembers;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.tinylog.Logger;

/**
 * What comes from Redis, on the loop thread: other nodes' events (in Redis's order, checked
 * against each room's offsets), what a gap or a resync fetched from the streams, and what a
 * heartbeat read of the other nodes' presence. Each goes into the cluster views, then to the
 * local members it concerns.
 */
final class Inbound {
    private final String nodeId;
    private final BackplaneStatus status;
    private final RoomOffsets offsets;
    private final ClusterDirectory directory;
    private final ClusterHistory history;
    private final LocalMembers members;
    private final RedisAccounts accounts;
    private final Jobs jobs;
    private final Consumer<CommandWorker.Job> offer;
    private static final long GAP_LOG_NANOS = 10_000_000_000L;
    private long lastGapLog;

    Inbound(
            String nodeId,
            BackplaneStatus status,
            RoomOffsets offsets,
            ClusterDirectory directory,
            ClusterHistory history,
            LocalMembers members,
            RedisAccounts accounts,
            Jobs jobs,
            Consumer<CommandWorker.Job> offer) {
        this.nodeId = nodeId;
        this.status = status;
        this.offsets = offsets;
        this.directory = directory;
        this.history = history;
        this.members = members;
        this.accounts = accounts;
        this.jobs = jobs;
        this.offer = offer;
    }

    /** A message from the subscription, in Redis's order. */
    void arrived(Wire.Message m) {
        if (m.event() == null) {
            accounts.learned(m.accountName(), m.accountHash());
            return;
        }
        boolean own = nodeId.equals(m.node());
        String room = m.room();
        if (room == null) {
            if (!own) {
                show(m);
            }
            return;
        }
        String key = ChatNames.key(room);
        long missing = offsets.arrived(key, m.epoch(), m.seq());
        if (missing == RoomOffsets.DUPLICATE) {
            return;
        }
        if (missing > 0) {
            long gaps = status.gaps.incrementAndGet();
            long now = System.nanoTime();
            // At most one line in 10 s: an overloaded node could otherwise log one per gap.
            if (now - lastGapLog > GAP_LOG_NANOS || lastGapLog == 0) {
                lastGapLog = now;
                Logger.info(
                        "chat backplane: {} missed events {}..{} of {}; fetching them from its stream"
                                + " ({} gaps so far)",
                        nodeId,
                        missing,
                        m.seq() - 1,
                        room,
                        gaps);
            }
            String epoch = m.epoch();
            offer.accept(jobs.gap(key, epoch, missing, m.seq() - 1, entries -> replay(epoch, entries, 0)));
        }
        if (!own) {
            show(m);
        }
    }

    /** Another node's event: into this node's views, then to the members it concerns. */
    private void show(Wire.Message m) {
        ChatEvent event = m.event();
        if (event instanceof ChatEvent.Joined e) {
            directory.joined(m.node(), m.n(), e.room(), e.name());
        } else if (event instanceof ChatEvent.Left e) {
            directory.left(m.node(), m.n(), e.room(), e.name());
        } else if (event instanceof ChatEvent.Renamed e) {
            directory.renamed(m.node(), m.n(), e.oldName(), e.newName());
        } else if (event instanceof ChatEvent.Said e) {
            history.appendRemote(e.room(), "<" + e.from() + "> " + e.text());
        }
        members.deliver(event);
        status.received.incrementAndGet();
    }

    /** Stored entries after {@code after}, shown as if they had arrived (this node's own excepted). */
    private void replay(String epoch, List<Jobs.Entry> entries, long after) {
        for (Jobs.Entry e : entries) {
            Wire.Message m = Wire.decodeStored(epoch, e.seq(), e.body());
            if (e.seq() > after && m != null && !nodeId.equals(m.node())) {
                show(m);
            }
        }
    }

    /** Every room's stream after the subscription (re)started: what was missed is shown, history copied again. */
    void resynced(List<Jobs.RoomState> rooms) {
        for (Jobs.RoomState st : rooms) {
            boolean known = offsets.knows(st.roomKey());
            long last = offsets.last(st.roomKey(), st.epoch());
            if (last >= 0 && last < st.seq()) {
                status.gaps.incrementAndGet();
                replay(st.epoch(), st.entries(), last);
            }
            offsets.set(st.roomKey(), st.epoch(), st.seq());
            List<String> lines = new ArrayList<>();
            for (Jobs.Entry e : st.entries()) {
                Wire.Message m = Wire.decodeStored(st.epoch(), e.seq(), e.body());
                if (m != null && m.event() instanceof ChatEvent.Said s) {
                    lines.add("<" + s.from() + "> " + s.text());
                }
            }
            // A new epoch with nothing stored means Redis lost it: the copy here is all that is left.
            if (last >= 0 || !known || !lines.isEmpty()) {
                history.replace(st.roomKey(), lines);
            }
        }
    }

    /** What a heartbeat saw of the other nodes. */
    void present(Set<String> nodes, Map<String, Map<String, String>> snapshots) {
        directory.keepOnly(nodes);
        snapshots.forEach((node, hash) -> {
            Map<String, String> presence = new HashMap<>(hash);
            String version = presence.remove(Keys.VERSION_FIELD);
            long v;
            try {
                v = version == null ? 0 : Long.parseLong(version);
            } catch (NumberFormatException e) {
                v = 0;
            }
            directory.snapshot(node, v, presence);
        });
    }
}
