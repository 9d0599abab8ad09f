package dev.switchboard.protocol.chat.redis;

import dev.switchboard.protocol.chat.LocalHistory;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Pipeline;
import redis.clients.jedis.Response;
import redis.clients.jedis.StreamEntryID;
import redis.clients.jedis.resps.StreamEntry;

/**
 * What the loop asks of Redis, as jobs for the {@link CommandWorker}: built on the loop thread
 * (cheap: a few strings), run on the worker's. Results come back through {@code loop}.
 */
final class Jobs {
    /** One stored entry of a room's stream: its offset and its BODY. */
    record Entry(long seq, String body) {}

    /** A room's stream as Redis holds it: epoch, last offset, the entries kept (oldest first). */
    record RoomState(String roomKey, String epoch, long seq, List<Entry> entries) {}

    /** The script SHAs, loaded on each new connection (a restarted Redis has none). */
    static final class Scripts {
        volatile String event;
        volatile String claim;
        volatile String release;

        void load(Jedis redis) {
            event = redis.scriptLoad(Keys.PUBLISH_EVENT);
            claim = redis.scriptLoad(Keys.CLAIM_NAME);
            release = redis.scriptLoad(Keys.RELEASE_NAME);
        }
    }

    /** A room's history keeps 64 Ki characters (LocalHistory): a longer line is not worth storing. */
    private static final String MAX_STORED_BYTES = Integer.toString(4 * LocalHistory.DEFAULT_MAX_CHARS);

    private final String nodeId;
    private final int maxLen;
    private final Scripts scripts;
    private final BackplaneStatus status;
    private final Consumer<Runnable> loop;
    private long epochs;

    Jobs(String nodeId, int maxLen, Scripts scripts, BackplaneStatus status, Consumer<Runnable> loop) {
        this.nodeId = nodeId;
        this.maxLen = maxLen;
        this.scripts = scripts;
        this.status = status;
        this.loop = loop;
    }

    static long nowMicros() {
        return ChronoUnit.MICROS.between(Instant.EPOCH, Instant.now());
    }

    /**
     * A room event of {@code node} (this one, or a dead one whose leaves are announced).
     *
     * @param op J, L, R or - : how the event changes the node's presence hash
     */
    CommandWorker.Pipelined event(
            String node,
            String roomKey,
            String body,
            String op,
            String nameKey,
            String presence,
            String oldKey,
            long n) {
        return new CommandWorker.Pipelined() {
            private Response<Object> reply;

            @Override
            public void queue(Pipeline p) {
                String epoch = nodeId + "." + System.currentTimeMillis() + "." + (++epochs);
                reply = p.evalsha(
                        scripts.event,
                        List.of(Keys.room(roomKey), Keys.log(roomKey), Keys.members(node), Keys.ROOMS),
                        List.of(
                                epoch,
                                Integer.toString(maxLen),
                                body,
                                Keys.CHANNEL,
                                op,
                                nameKey,
                                presence,
                                oldKey,
                                Long.toString(n),
                                roomKey,
                                MAX_STORED_BYTES));
            }

            @Override
            public void synced() {
                try {
                    reply.get();
                    status.published.incrementAndGet();
                } catch (RuntimeException e) {
                    status.dropped.incrementAndGet();
                }
            }

            @Override
            public void dropped() {
                status.dropped.incrementAndGet();
            }
        };
    }

    /** A message with no room: a private message or an account, published as "- 0 BODY". */
    CommandWorker.Pipelined unordered(String body) {
        return new CommandWorker.Pipelined() {
            @Override
            public void queue(Pipeline p) {
                p.publish(Keys.CHANNEL, "- 0 " + body);
            }

            @Override
            public void synced() {
                status.published.incrementAndGet();
            }

            @Override
            public void dropped() {
                status.dropped.incrementAndGet();
            }
        };
    }

    CommandWorker.Pipelined claim(String nameKey) {
        return p -> p.evalsha(scripts.claim, List.of(Keys.name(nameKey)), List.of(nodeId, Keys.alivePrefix()));
    }

    CommandWorker.Pipelined release(String nameKey) {
        return p -> p.evalsha(scripts.release, List.of(Keys.name(nameKey)), List.of(nodeId));
    }

    /** The room emptied: its offsets and stream go, so a room opened again starts a new epoch. */
    CommandWorker.Pipelined forgetRoom(String roomKey) {
        return p -> {
            p.del(Keys.room(roomKey), Keys.log(roomKey));
            p.srem(Keys.ROOMS, roomKey);
        };
    }

    /** A registration: stored, then told to every node; {@code done} hears whether it was stored. */
    CommandWorker.Job account(String nameKey, String name, String hash, Consumer<Boolean> done) {
        return new CommandWorker.Job() {
            @Override
            public void run(Jedis redis) {
                try (Pipeline p = redis.pipelined()) {
                    p.hset(Keys.ACCOUNTS, nameKey, name + " " + hash);
                    p.publish(Keys.CHANNEL, "- 0 " + Wire.account(nodeId, nowMicros(), name, hash));
                    p.sync();
                }
                loop.accept(() -> done.accept(true));
            }

            @Override
            public void dropped() {
                loop.accept(() -> done.accept(false));
            }
        };
    }

    /** Every room's epoch, offset and stream, for a node that starts or comes back. */
    CommandWorker.Job resync(Consumer<List<RoomState>> then) {
        return redis -> {
            Set<String> rooms = redis.smembers(Keys.ROOMS);
            List<String> keys = new ArrayList<>(rooms);
            List<Response<List<String>>> heads = new ArrayList<>();
            List<Response<List<StreamEntry>>> logs = new ArrayList<>();
            try (Pipeline p = redis.pipelined()) {
                for (String k : keys) {
                    heads.add(p.hmget(Keys.room(k), "epoch", "seq"));
                    logs.add(p.xrevrange(Keys.log(k), StreamEntryID.MAXIMUM_ID, StreamEntryID.MINIMUM_ID, maxLen));
                }
                p.sync();
            }
            List<RoomState> states = new ArrayList<>(keys.size());
            for (int i = 0; i < keys.size(); i++) {
                List<String> head = heads.get(i).get();
                if (head.get(0) == null || head.get(1) == null) {
                    continue;
                }
                List<Entry> entries = entries(logs.get(i).get());
                java.util.Collections.reverse(entries);
                states.add(new RoomState(keys.get(i), head.get(0), Long.parseLong(head.get(1)), entries));
            }
            loop.accept(() -> then.accept(states));
        };
    }

    /** The entries {@code from}..{@code to} of a room's stream, if it is still in {@code epoch}. */
    CommandWorker.Job gap(String roomKey, String epoch, long from, long to, Consumer<List<Entry>> then) {
        return redis -> {
            Response<String> current;
            Response<List<StreamEntry>> range;
            try (Pipeline p = redis.pipelined()) {
                current = p.hget(Keys.room(roomKey), "epoch");
                range = p.xrange(Keys.log(roomKey), new StreamEntryID(from, 0), new StreamEntryID(to, 0));
                p.sync();
            }
            if (epoch.equals(current.get())) {
                List<Entry> entries = entries(range.get());
                loop.accept(() -> then.accept(entries));
            }
        };
    }

    private static List<Entry> entries(List<StreamEntry> stored) {
        List<Entry> out = new ArrayList<>(stored.size());
        for (StreamEntry e : stored) {
            String body = e.getFields().get("p");
            if (body != null) {
                out.add(new Entry(e.getID().getTime(), body));
            }
        }
        return out;
    }
}
