package dev.switchboard.reactor;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * What the loop counts, as plain fields bumped where the event happens (HAProxy's and Redis's
 * way): no locks, no maps on the hot path (a connection holds its protocol's counters). Read
 * by one renderer (the admin endpoint, the stats log), on the loop thread.
 */
public final class Counters {

    /** One protocol's counters; TLS and plaintext listeners of a protocol share them. */
    public static final class Protocol {
        public final String name;
        public long connections;
        public long accepted;
        public long messagesReceived;
        public long messagesSent;
        public long bytesReceived;
        public long bytesSent;
        public long protocolErrors;
        public long slowConsumerDisconnects;
        /** Connections ended, by {@link CloseReason} ordinal. */
        final long[] closes = new long[CloseReason.values().length];

        Protocol(String name) {
            this.name = name;
        }

        /** One connection ended for {@code reason}: no longer open, and counted by its reason. */
        void closed(CloseReason reason) {
            connections--;
            closes[reason.ordinal()]++;
        }

        /** Connections of this protocol that ended for {@code reason} since start-up. */
        public long closes(CloseReason reason) {
            return closes[reason.ordinal()];
        }
    }

    /** A value a service owns (chat rooms, the backplane's state), read when rendered. */
    public record Gauge(String name, String help, LongSupplier value) {}

    private final Map<String, Protocol> protocols = new LinkedHashMap<>();
    private final List<Gauge> gauges = new ArrayList<>();
    public long refusedMaxConnections;
    public long acceptErrors;
    public long loopIterations;
    public long loopBusyNanos;
    public long pendingOutputBytes;
    /** Client-triggered log lines the {@link LogBudget} dropped. */
    public long logLinesSuppressed;

    /** The counters of {@code protocol}, made on first use (at start-up, by its listener). */
    public Protocol protocol(String protocol) {
        return protocols.computeIfAbsent(protocol, Protocol::new);
    }

    public Map<String, Protocol> protocols() {
        return Collections.unmodifiableMap(protocols);
    }

    public void register(Gauge gauge) {
        gauges.add(gauge);
    }

    public List<Gauge> gauges() {
        return Collections.unmodifiableList(gauges);
    }
}
