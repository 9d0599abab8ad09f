package dev.switchboard.protocol.chat.redis;

import dev.switchboard.reactor.Counters;
import java.util.List;
import java.util.function.LongSupplier;

/** The backplane's metrics, read on the loop thread when /metrics is rendered. */
final class BackplaneGauges {
    private BackplaneGauges() {}

    static List<Counters.Gauge> of(BackplaneStatus status, LongSupplier conflicts, LongSupplier queued) {
        return List.of(
                new Counters.Gauge(
                        "switchboard_backplane_up",
                        "1 while this node reaches Redis (commands and subscription), else 0.",
                        () -> status.up() ? 1 : 0),
                new Counters.Gauge(
                        "switchboard_backplane_published_total",
                        "Chat events this node published to Redis.",
                        status.published::get),
                new Counters.Gauge(
                        "switchboard_backplane_received_total",
                        "Chat events from other nodes shown here.",
                        status.received::get),
                new Counters.Gauge(
                        "switchboard_backplane_dropped_total",
                        "Chat events lost on the way to or from Redis (queue full, Redis away).",
                        status.dropped::get),
                new Counters.Gauge(
                        "switchboard_backplane_reconnects_total",
                        "Times this node got back to Redis after losing it.",
                        status.reconnects::get),
                new Counters.Gauge(
                        "switchboard_backplane_gaps_total",
                        "Times a room's offsets showed missed events, fetched again from its stream.",
                        status.gaps::get),
                new Counters.Gauge(
                        "switchboard_backplane_name_conflicts_total",
                        "Names another node gave out at the same moment as this one (both kept them).",
                        conflicts),
                new Counters.Gauge(
                        "switchboard_backplane_queued_events",
                        "Events waiting for Redis or for the loop: the backplane's lag, in events.",
                        queued));
    }
}
