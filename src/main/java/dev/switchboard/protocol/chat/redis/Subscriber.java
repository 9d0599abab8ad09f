package dev.switchboard.protocol.chat.redis;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.tinylog.Logger;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisPubSub;

/**
 * The thread that holds this node's subscription to the events channel. Each message is decoded
 * here and put on a bounded queue; the loop drains it in one task at a time (handed in through
 * {@code execute()}, never more than one waiting). A full queue drops the message and counts it;
 * the room's offsets then show the gap and the loop fetches what it missed from the stream.
 * Every node publishes a heartbeat every few seconds, so a Redis that vanished without closing
 * the connection is noticed when the read times out (nothing but SUBSCRIBE is ever written here:
 * a second writer on this connection could interleave its bytes).
 */
final class Subscriber implements Runnable {
    /** 16 Ki messages waiting for the loop; past that the loop is far behind and replays instead. */
    static final int QUEUE_CAPACITY = 16384;
    /** Five missed heartbeats (each node publishes one every 2 s). */
    private static final int READ_TIMEOUT_MILLIS = 10_000;

    private final RedisConnector connector;
    private final BackplaneStatus status;
    private final Consumer<Runnable> loop;
    private final Consumer<Wire.Message> deliver;
    private final Runnable subscribed;
    private final ArrayBlockingQueue<Wire.Message> queue = new ArrayBlockingQueue<>(QUEUE_CAPACITY);
    private final AtomicBoolean drainScheduled = new AtomicBoolean();
    private final Runnable drain = this::drain;
    private final Backoff backoff = new Backoff();
    private volatile boolean stopping;
    private volatile Jedis redis;
    private volatile Listener listener;

    /**
     * @param loop       hands a task to the event loop ({@code execute})
     * @param deliver    takes each message, on the loop thread
     * @param subscribed runs (on this thread) each time the subscription starts
     */
    Subscriber(
            RedisConnector connector,
            BackplaneStatus status,
            Consumer<Runnable> loop,
            Consumer<Wire.Message> deliver,
            Runnable subscribed) {
        this.connector = connector;
        this.status = status;
        this.loop = loop;
        this.deliver = deliver;
        this.subscribed = subscribed;
    }

    @Override
    public void run() {
        while (!stopping) {
            try {
                redis = connector.open("switchboard-events", READ_TIMEOUT_MILLIS);
                Listener l = new Listener();
                listener = l;
                redis.subscribe(l, Keys.CHANNEL);
                if (!stopping) {
                    status.subscription(false, null);
                }
            } catch (RuntimeException e) {
                if (stopping) {
                    break;
                }
                status.subscription(false, e);
            } finally {
                listener = null;
                closeQuietly();
            }
            sleep(backoff.nextMillis());
        }
    }

    int queued() {
        return queue.size();
    }

    /** Any thread: drop the subscription; it comes back (and resyncs) after the back-off. */
    void restart() {
        closeQuietly();
    }

    void stop() {
        stopping = true;
        Listener l = listener;
        try {
            if (l != null && l.isSubscribed()) {
                l.unsubscribe();
            }
        } catch (RuntimeException e) {
            Logger.debug("chat backplane: unsubscribing: {}", e.toString());
        }
        closeQuietly();
    }

    private final class Listener extends JedisPubSub {
        @Override
        public void onSubscribe(String channel, int count) {
            backoff.reset();
            status.subscription(true, null);
            subscribed.run();
        }

        @Override
        public void onMessage(String channel, String message) {
            Wire.Message m = Wire.decode(message);
            if (m == null) {
                if (!Wire.isHeartbeat(message)) {
                    Logger.debug("chat backplane: a message on {} that is not ours; ignored", channel);
                }
                return;
            }
            if (!queue.offer(m)) {
                status.dropped.incrementAndGet();
                return;
            }
            if (drainScheduled.compareAndSet(false, true)) {
                loop.accept(drain);
            }
        }
    }

    /** On the loop: a bounded helping per task, so a burst from Redis cannot starve the clients. */
    private void drain() {
        drainScheduled.set(false);
        for (int i = 0; i < 4096; i++) {
            Wire.Message m = queue.poll();
            if (m == null) {
                return;
            }
            deliver.accept(m);
        }
        if (!queue.isEmpty() && drainScheduled.compareAndSet(false, true)) {
            loop.accept(drain);
        }
    }

    private void closeQuietly() {
        Jedis r = redis;
        redis = null;
        if (r != null) {
            try {
                r.close();
            } catch (RuntimeException e) {
                Logger.debug("chat backplane: closing the subscription: {}", e.toString());
            }
        }
    }

    private void sleep(long millis) {
        try {
            TimeUnit.MILLISECONDS.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stopping = true;
        }
    }
}
