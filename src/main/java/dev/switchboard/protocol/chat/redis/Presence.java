package dev.switchboard.protocol.chat.redis;

import dev.switchboard.protocol.chat.ChatEvent;
import dev.switchboard.protocol.chat.ChatNames;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.tinylog.Logger;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Pipeline;
import redis.clients.jedis.Response;
import redis.clients.jedis.params.SetParams;

/**
 * This node's presence in Redis and its watch over the others, on the worker thread. Every
 * {@link CommandWorker#HEARTBEAT_NANOS} (2 s) the node renews its {@code alive} key (10 s TTL)
 * and reads every other node's presence, which mends this node's view of them. A node whose
 * key expired is dead (a {@code kill -9}, a lost host): the first node to take its
 * {@code reap} lock announces each of its members' leave, once, and clears its names and
 * presence; so a dead node's members are gone from {@code /who} within 10 + 2 s (SPEC: 15).
 */
final class Presence implements CommandWorker.Duties {
    static final int ALIVE_SECONDS = 10;
    private static final int REAP_LOCK_SECONDS = 30;

    /** What the loop learns from a heartbeat; runs on the loop thread. */
    interface Sink {
        /**
         * @param nodes     every node still in Redis's list (dead ones not yet reaped included)
         * @param snapshots the live ones' presence hashes (lower-case name to "Name #room", and _v)
         */
        void present(Set<String> nodes, Map<String, Map<String, String>> snapshots);

        /** The registered names Redis holds, read as soon as the node connects. */
        void accounts(Map<String, String> stored);

        /** A heartbeat's results were handed to the loop (start-up waits for the first). */
        void beat();
    }

    /** What the loop hands over for {@link #register}: its members, event number and accounts. */
    record Local(Map<String, String> presence, long n, Map<String, String> accounts) {}

    private final String nodeId;
    private final Jobs.Scripts scripts;
    private final Jobs jobs;
    private final Consumer<Runnable> loop;
    private final Runnable registerRequested;
    private final Sink sink;
    private boolean registered;
    private long registerAskedAt;

    Presence(
            String nodeId,
            Jobs.Scripts scripts,
            Jobs jobs,
            Consumer<Runnable> loop,
            Runnable registerRequested,
            Sink sink) {
        this.nodeId = nodeId;
        this.scripts = scripts;
        this.jobs = jobs;
        this.loop = loop;
        this.registerRequested = registerRequested;
        this.sink = sink;
    }

    static SetParams aliveParams() {
        return SetParams.setParams().ex(ALIVE_SECONDS);
    }

    @Override
    public void connected(Jedis redis) {
        scripts.load(redis);
        // Before any client can /login here: the accounts are in the loop's queue ahead of them.
        Map<String, String> stored = redis.hgetAll(Keys.ACCOUNTS);
        loop.accept(() -> sink.accounts(stored));
        registered = false;
        askRegister();
    }

    private void askRegister() {
        registerAskedAt = System.nanoTime();
        loop.accept(registerRequested);
    }

    /** This node's whole presence, names and known accounts, after a (re)connect. */
    CommandWorker.Job register(Local local, Consumer<Map<String, String>> accountsNow) {
        return redis -> {
            try (Pipeline p = redis.pipelined()) {
                String members = Keys.members(nodeId);
                p.del(members);
                if (!local.presence().isEmpty()) {
                    p.hset(members, local.presence());
                }
                p.hset(members, Keys.VERSION_FIELD, Long.toString(local.n()));
                p.set(Keys.alive(nodeId), "1", aliveParams());
                p.sadd(Keys.NODES, nodeId);
                for (String nameKey : local.presence().keySet()) {
                    jobs.claim(nameKey).queue(p);
                }
                // A Redis that restarted empty gets the registered names back from the nodes that knew them.
                for (Map.Entry<String, String> e : local.accounts().entrySet()) {
                    p.hsetnx(Keys.ACCOUNTS, e.getKey(), e.getValue());
                }
                p.sync();
            }
            registered = true;
            Map<String, String> all = redis.hgetAll(Keys.ACCOUNTS);
            loop.accept(() -> accountsNow.accept(all));
        };
    }

    @Override
    public void heartbeat(Jedis redis) {
        Response<Boolean> listed;
        Response<Set<String>> nodes;
        try (Pipeline p = redis.pipelined()) {
            p.set(Keys.alive(nodeId), "1", aliveParams());
            listed = p.sismember(Keys.NODES, nodeId);
            nodes = p.smembers(Keys.NODES);
            // Traffic for every subscription, so one whose Redis vanished silently times out.
            p.publish(Keys.CHANNEL, "- 0 " + nodeId + " 0 " + Jobs.nowMicros() + " H");
            p.sync();
        }
        if (!listed.get() && (registered || System.nanoTime() - registerAskedAt > CommandWorker.HEARTBEAT_NANOS / 2)) {
            if (registered) {
                // Taken for dead (a long pause), or Redis lost our keys: announce ourselves again.
                Logger.warn("chat backplane: node {} was missing from Redis; registering its members again", nodeId);
            }
            // Also when a registration never ran (its job was dropped): ask again.
            registered = false;
            askRegister();
        }
        List<String> others = new ArrayList<>(nodes.get());
        others.remove(nodeId);
        List<Response<Boolean>> alive = new ArrayList<>(others.size());
        List<Response<Map<String, String>>> presence = new ArrayList<>(others.size());
        try (Pipeline p = redis.pipelined()) {
            for (String node : others) {
                alive.add(p.exists(Keys.alive(node)));
                presence.add(p.hgetAll(Keys.members(node)));
            }
            p.sync();
        }
        Map<String, Map<String, String>> snapshots = new HashMap<>();
        for (int i = 0; i < others.size(); i++) {
            if (alive.get(i).get()) {
                snapshots.put(others.get(i), presence.get(i).get());
            } else {
                reap(redis, others.get(i), presence.get(i).get());
            }
        }
        Set<String> present = nodes.get();
        loop.accept(() -> sink.present(present, snapshots));
        sink.beat();
    }

    /** Announces a dead node's leaves, unless another node is doing it. */
    private void reap(Jedis redis, String dead, Map<String, String> members) {
        if (!"OK"
                .equals(redis.set(
                        Keys.reap(dead), nodeId, SetParams.setParams().nx().ex(REAP_LOCK_SECONDS)))) {
            return;
        }
        int left = 0;
        List<CommandWorker.Pipelined> events = new ArrayList<>();
        try (Pipeline p = redis.pipelined()) {
            for (Map.Entry<String, String> e : members.entrySet()) {
                PresenceEntry entry = PresenceEntry.parse(e.getValue());
                if (e.getKey().equals(Keys.VERSION_FIELD) || entry == null) {
                    continue;
                }
                String name = entry.name();
                String room = entry.room();
                // Event number 0: every node applies it, whatever it saw of the dead node before.
                CommandWorker.Pipelined leave = jobs.event(
                        dead,
                        ChatNames.key(room),
                        Wire.body(dead, 0, Jobs.nowMicros(), new ChatEvent.Left(room, name)),
                        "-",
                        "",
                        "",
                        "",
                        0);
                leave.queue(p);
                events.add(leave);
                p.evalsha(scripts.release, List.of(Keys.name(e.getKey())), List.of(dead));
                left++;
            }
            p.del(Keys.members(dead), Keys.alive(dead));
            p.srem(Keys.NODES, dead);
            p.sync();
        }
        events.forEach(CommandWorker.Pipelined::synced);
        Logger.info("chat backplane: node {} stopped answering; announced that its {} members left", dead, left);
    }

    @Override
    public void goodbye(Jedis redis) {
        try (Pipeline p = redis.pipelined()) {
            p.del(Keys.alive(nodeId), Keys.members(nodeId));
            p.srem(Keys.NODES, nodeId);
            p.sync();
        }
    }
}
