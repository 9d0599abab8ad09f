package dev.switchboard.protocol.chat.redis;

import dev.switchboard.protocol.chat.ChatBackend;
import dev.switchboard.protocol.chat.ChatEvent;
import dev.switchboard.protocol.chat.ChatLoop;
import dev.switchboard.protocol.chat.ChatNames;
import dev.switchboard.protocol.chat.ChatSettings;
import dev.switchboard.protocol.chat.LocalMembers;
import dev.switchboard.reactor.Counters;
import java.security.SecureRandom;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.tinylog.Logger;

/**
 * The chat of several nodes as one, through Redis (SPEC.md Part 2, "Chat across nodes"): the
 * {@link ChatBackend} whose directories, history and accounts are cluster-wide and whose bus
 * publishes each event once, with this node's id.
 *
 * <p>Threads: the loop (everything the chat does, this class's state), one command worker
 * ({@link CommandWorker}, bounded queue in), one subscriber ({@link Subscriber}, bounded queue
 * out, drained on the loop through {@code execute()}), and the password hasher. Nothing here
 * blocks the loop. This node's own events reach its members at once, straight from
 * {@link #publish}, so local chat goes on while Redis is away; when they come back from Redis
 * they only move the room's offset. Other nodes' events are shown when they arrive, in the
 * order Redis published them.
 */
public final class Backplane implements AutoCloseable {
    /** Degraded, still 200: a load balancer must not drop every node because Redis is away. */
    public static final String DEGRADED = "degraded: backplane down";
    /** How long start-up waits for Redis before the node starts alone. */
    static final long START_WAIT_MILLIS = 2_000;

    private final String nodeId;
    private final ChatLoop loop;
    private final BackplaneStatus status;
    private final CommandWorker worker;
    private final Subscriber subscriber;
    private final Jobs jobs;
    private final Presence presence;
    private final LocalMembers members = new LocalMembers();
    private final RoomOffsets offsets = new RoomOffsets();
    private final ClusterDirectory directory;
    private final ClusterHistory history;
    private final RedisAccounts accounts;
    private final Inbound inbound;
    private final ChatBackend backend;
    private final CountDownLatch firstBeat = new CountDownLatch(1);
    private final CountDownLatch firstResync = new CountDownLatch(1);
    private final Thread workerThread;
    private final Thread subscriberThread;
    /** This node's events so far: numbers them for the other nodes' views. Loop thread. */
    private long events;

    private static final long FULL_LOG_NANOS = 10_000_000_000L;
    private long lastFullLog;

    private Backplane(ChatSettings settings, ChatLoop loop, String nodeId) {
        this.nodeId = nodeId;
        this.loop = loop;
        RedisAddress address = RedisAddress.parse(settings.redisUrl());
        RedisConnector connector = new RedisConnector(address, nodeId);
        this.status = new BackplaneStatus(address.toString(), nodeId);
        this.worker = new CommandWorker(connector, status);
        Jobs.Scripts scripts = new Jobs.Scripts();
        int maxLen = Math.max(256, 4 * settings.historyLines());
        this.jobs = new Jobs(nodeId, maxLen, scripts, status, loop::execute);
        this.subscriber =
                new Subscriber(connector, status, loop::execute, m -> inbound().arrived(m), this::resyncWanted);
        this.presence = new Presence(nodeId, scripts, jobs, loop::execute, this::register, new Presence.Sink() {
            @Override
            public void present(Set<String> nodes, Map<String, Map<String, String>> snapshots) {
                inbound().present(nodes, snapshots);
            }

            @Override
            public void accounts(Map<String, String> stored) {
                Backplane.this.accounts().merge(stored);
            }

            @Override
            public void beat() {
                firstBeat.countDown();
            }
        });
        worker.duties(presence);
        status.restarts(worker::restart, subscriber::restart);
        this.history = new ClusterHistory(settings.historyLines(), room -> forgetRoom(room, true));
        this.directory = new ClusterDirectory(
                nodeId,
                settings.maxRooms(),
                status::up,
                new NameClaims() {
                    @Override
                    public void claim(String name) {
                        offer(jobs.claim(ChatNames.key(name)));
                    }

                    @Override
                    public void release(String name) {
                        offer(jobs.release(ChatNames.key(name)));
                    }
                },
                room -> forgetRoom(room, false));
        this.accounts = new RedisAccounts(settings.hashIterations(), loop, worker, jobs);
        this.inbound = new Inbound(nodeId, status, offsets, directory, history, members, accounts, jobs, this::offer);
        this.backend = new ChatBackend(directory, directory, history, accounts, this::publish, members);
        this.workerThread = daemonThread(worker, "switchboard-redis-commands");
        this.subscriberThread = daemonThread(subscriber, "switchboard-redis-events");
    }

    /** Starts the threads; Redis is reached in the background (a WARN if it cannot be). */
    public static Backplane start(ChatSettings settings, ChatLoop loop) {
        Backplane b = new Backplane(settings, loop, newNodeId());
        Logger.info("chat backplane: node {} joins the chat at {}", b.nodeId, RedisAddress.parse(settings.redisUrl()));
        b.workerThread.start();
        b.subscriberThread.start();
        b.awaitFirstContact();
        return b;
    }

    /**
     * Start-up only (the loop does not run yet): waits a little for Redis, so the first clients
     * find the cluster's history, registered names and members; what arrived is queued for the
     * loop ahead of them. Redis away: the node starts alone after {@link #START_WAIT_MILLIS}.
     */
    private void awaitFirstContact() {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(START_WAIT_MILLIS);
        try {
            firstResync.await(START_WAIT_MILLIS, TimeUnit.MILLISECONDS);
            firstBeat.await(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Five letters or digits: part of every guest name here, so guests stay unique without Redis. */
    private static String newNodeId() {
        SecureRandom random = new SecureRandom();
        StringBuilder id = new StringBuilder(5);
        for (int i = 0; i < 5; i++) {
            id.append(Character.forDigit(random.nextInt(36), 36));
        }
        return id.toString();
    }

    private static Thread daemonThread(Runnable work, String name) {
        Thread t = new Thread(work, name);
        t.setDaemon(true);
        return t;
    }

    /** For the callbacks made before it exists; they run only after the threads start. */
    private Inbound inbound() {
        return inbound;
    }

    private RedisAccounts accounts() {
        return accounts;
    }

    /** The subscription (re)started: read every room's stream once the command link can. */
    private void resyncWanted() {
        CommandWorker.Job fetch = jobs.resync(states -> inbound().resynced(states));
        worker.offerSticky(redis -> {
            fetch.run(redis);
            firstResync.countDown();
        });
    }

    public ChatBackend backend() {
        return backend;
    }

    public String nodeId() {
        return nodeId;
    }

    /** True while both connections to Redis are up; any thread. */
    public boolean isUp() {
        return status.up();
    }

    /** What {@code /health} adds while serving: null when all is well, else {@link #DEGRADED}. */
    public String healthDetail() {
        return status.up() ? null : DEGRADED;
    }

    /** The backplane's metrics, to register with the loop's counters (on the loop thread). */
    public List<Counters.Gauge> gauges() {
        return BackplaneGauges.of(status, () -> directory.conflicts, () -> worker.queued() + subscriber.queued());
    }

    /** The bus: this node's members see it now; Redis gets it for the others (dropped and counted if the queue is full). */
    private void publish(ChatEvent event) {
        members.deliver(event);
        long n = ++events;
        String body = Wire.body(nodeId, n, Jobs.nowMicros(), event);
        String room = Wire.room(event);
        CommandWorker.Job job;
        if (room == null) {
            job = jobs.unordered(body);
        } else if (event instanceof ChatEvent.Joined e) {
            job = jobs.event(
                    nodeId,
                    ChatNames.key(room),
                    body,
                    "J",
                    ChatNames.key(e.name()),
                    PresenceEntry.format(e.name(), room),
                    "",
                    n);
        } else if (event instanceof ChatEvent.Left e) {
            job = jobs.event(nodeId, ChatNames.key(room), body, "L", ChatNames.key(e.name()), "", "", n);
        } else if (event instanceof ChatEvent.Renamed e) {
            job = jobs.event(
                    nodeId,
                    ChatNames.key(room),
                    body,
                    "R",
                    ChatNames.key(e.newName()),
                    PresenceEntry.format(e.newName(), room),
                    ChatNames.key(e.oldName()),
                    n);
        } else {
            job = jobs.event(nodeId, ChatNames.key(room), body, "-", "", "", "", n);
        }
        offer(job);
    }

    /** Never waits: a full queue drops the job (counted, and said at most once in 10 s). */
    private void offer(CommandWorker.Job job) {
        if (!worker.offer(job)) {
            long dropped = status.dropped.incrementAndGet();
            long now = System.nanoTime();
            // While Redis is away the outage's one WARN says it all; this is for a Redis too slow.
            if (status.up() && (lastFullLog == 0 || now - lastFullLog > FULL_LOG_NANOS)) {
                lastFullLog = now;
                Logger.warn(
                        "chat backplane: {} jobs wait for Redis already; this event is dropped ({} dropped so far)",
                        CommandWorker.QUEUE_CAPACITY,
                        dropped);
            }
        }
    }

    /** After a (re)connect: this node's members, names and accounts into Redis again. */
    private void register() {
        offer(presence.register(
                new Presence.Local(directory.localPresence(), events, accounts.snapshot()), accounts::replaceAll));
    }

    /**
     * A room emptied (here, or as seen from here): its copy, offsets and stream go. The stream
     * is deleted from a later loop task, after the leave that emptied it (which the chat
     * publishes after forgetting the room) is queued: that leave would otherwise open it again.
     */
    private void forgetRoom(String room, boolean copyGoneAlready) {
        String key = ChatNames.key(room);
        if (!copyGoneAlready) {
            history.forgetCopy(room);
        }
        offsets.forget(key);
        loop.execute(() -> offer(jobs.forgetRoom(key)));
    }

    /** After the loop ended (its members' leaves queued): flush, take this node's presence away, stop. */
    @Override
    public void close() {
        subscriber.stop();
        subscriberThread.interrupt();
        worker.stop();
        try {
            workerThread.join(TimeUnit.SECONDS.toMillis(3));
            subscriberThread.join(TimeUnit.SECONDS.toMillis(1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        accounts.close();
    }
}
