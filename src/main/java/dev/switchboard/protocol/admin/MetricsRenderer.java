package dev.switchboard.protocol.admin;

import dev.switchboard.reactor.Counters;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.ToLongFunction;
import java.util.regex.Pattern;
import org.tinylog.Logger;

/**
 * The loop's {@link Counters} in the Prometheus text exposition format 0.0.4: every metric of
 * SPEC.md, each with HELP and TYPE, present from start-up at 0. Labels come only from our own
 * names (protocols, refusal reasons, the build), never from a client, so the number of series
 * is fixed by the configuration. Loop thread only (it reads plain fields).
 */
public final class MetricsRenderer {
    public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";
    /** Registered by the chat service; 0 until it is. */
    public static final String CHAT_ROOMS = "switchboard_chat_rooms";

    private static final Pattern METRIC_NAME = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");

    private final Counters counters;
    private final Set<String> hiddenProtocols;
    private final BuildInfo build;

    /**
     * @param hiddenProtocols protocols whose counters are not a protocol's series (the admin
     *                        endpoint's own connections)
     */
    public MetricsRenderer(Counters counters, Set<String> hiddenProtocols, BuildInfo build) {
        this.counters = counters;
        this.hiddenProtocols = Set.copyOf(hiddenProtocols);
        this.build = build;
    }

    public String render() {
        StringBuilder out = new StringBuilder(8192);
        List<Counters.Protocol> protocols = new ArrayList<>();
        for (Counters.Protocol p : counters.protocols().values()) {
            if (!hiddenProtocols.contains(p.name)) {
                protocols.add(p);
            }
        }
        perProtocol(out, protocols, "switchboard_connections", "gauge", "Open client connections.", p -> p.connections);
        perProtocol(
                out,
                protocols,
                "switchboard_connections_accepted_total",
                "counter",
                "Client connections accepted.",
                p -> p.accepted);
        header(
                out,
                "switchboard_connections_refused_total",
                "counter",
                "Connections closed at accept: over --max-connections, or accept() failed.");
        sample(
                out,
                "switchboard_connections_refused_total",
                "reason",
                "max_connections",
                Long.toString(counters.refusedMaxConnections));
        sample(
                out,
                "switchboard_connections_refused_total",
                "reason",
                "accept_error",
                Long.toString(counters.acceptErrors));
        perProtocol(
                out,
                protocols,
                "switchboard_messages_received_total",
                "counter",
                "Whole messages (lines, frames) received from clients.",
                p -> p.messagesReceived);
        perProtocol(
                out,
                protocols,
                "switchboard_messages_sent_total",
                "counter",
                "Messages sent to clients.",
                p -> p.messagesSent);
        perProtocol(
                out,
                protocols,
                "switchboard_bytes_received_total",
                "counter",
                "Bytes read from client sockets.",
                p -> p.bytesReceived);
        perProtocol(
                out,
                protocols,
                "switchboard_bytes_sent_total",
                "counter",
                "Bytes written to client sockets.",
                p -> p.bytesSent);
        perProtocol(
                out,
                protocols,
                "switchboard_protocol_errors_total",
                "counter",
                "Malformed input, bad PROXY headers and failed TLS handshakes.",
                p -> p.protocolErrors);
        perProtocol(
                out,
                protocols,
                "switchboard_slow_consumer_disconnects_total",
                "counter",
                "Clients disconnected because their pending output passed the limit.",
                p -> p.slowConsumerDisconnects);
        single(
                out,
                "switchboard_pending_output_bytes",
                "gauge",
                "Reply bytes queued for clients that have not read them yet.",
                Long.toString(counters.pendingOutputBytes));
        single(
                out,
                "switchboard_loop_iterations_total",
                "counter",
                "Turns of the event loop.",
                Long.toString(counters.loopIterations));
        single(
                out,
                "switchboard_loop_busy_seconds_total",
                "counter",
                "Time the event loop spent working rather than waiting in select.",
                BigDecimal.valueOf(counters.loopBusyNanos, 9).toPlainString());
        single(
                out,
                "switchboard_log_lines_suppressed_total",
                "counter",
                "Client-triggered log lines dropped by the log budget (a burst of 100, then 50 a second).",
                Long.toString(counters.logLinesSuppressed));
        Set<String> written = new HashSet<>();
        Counters.Gauge rooms = gauge(CHAT_ROOMS);
        single(out, CHAT_ROOMS, "gauge", "Chat rooms with someone in them.", rooms == null ? "0" : read(rooms, "0"));
        written.add(CHAT_ROOMS);
        header(out, "switchboard_build_info", "gauge", "The version and commit of this build; always 1.");
        out.append("switchboard_build_info{version=\"")
                .append(escape(build.version()))
                .append("\",commit=\"")
                .append(escape(build.commit()))
                .append("\"} 1\n");
        written.add("switchboard_build_info");
        // What services own (the backplane's state, say) exists only once they register it.
        for (Counters.Gauge g : counters.gauges()) {
            if (!METRIC_NAME.matcher(g.name()).matches() || !written.add(g.name())) {
                continue;
            }
            String value = read(g, null);
            if (value != null) {
                // Prometheus names counters by their _total suffix; anything else is a gauge.
                single(out, g.name(), g.name().endsWith("_total") ? "counter" : "gauge", g.help(), value);
            }
        }
        return out.toString();
    }

    private Counters.Gauge gauge(String name) {
        for (Counters.Gauge g : counters.gauges()) {
            if (g.name().equals(name)) {
                return g;
            }
        }
        return null;
    }

    /** A failing gauge must not take /metrics down with it: that sample is left out. */
    private static String read(Counters.Gauge g, String otherwise) {
        try {
            return Long.toString(g.value().getAsLong());
        } catch (RuntimeException e) {
            Logger.warn(e, "metric {} could not be read", g.name());
            return otherwise;
        }
    }

    private static void perProtocol(
            StringBuilder out,
            List<Counters.Protocol> protocols,
            String name,
            String type,
            String help,
            ToLongFunction<Counters.Protocol> value) {
        header(out, name, type, help);
        for (Counters.Protocol p : protocols) {
            sample(out, name, "protocol", p.name, Long.toString(value.applyAsLong(p)));
        }
    }

    private static void single(StringBuilder out, String name, String type, String help, String value) {
        header(out, name, type, help);
        out.append(name).append(' ').append(value).append('\n');
    }

    private static void header(StringBuilder out, String name, String type, String help) {
        out.append("# HELP ").append(name).append(' ').append(escapeHelp(help)).append('\n');
        out.append("# TYPE ").append(name).append(' ').append(type).append('\n');
    }

    private static void sample(StringBuilder out, String name, String label, String labelValue, String value) {
        out.append(name)
                .append('{')
                .append(label)
                .append("=\"")
                .append(escape(labelValue))
                .append("\"} ")
                .append(value)
                .append('\n');
    }

    /** Label values escape backslash, double quote and line feed (the format's rule). */
    static String escape(String value) {
        return value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }

    /** HELP text escapes backslash and line feed only. */
    private static String escapeHelp(String help) {
        return help.replace("\\", "\\\\").replace("\n", "\\n");
    }
}
