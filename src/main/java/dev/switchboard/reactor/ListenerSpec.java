package dev.switchboard.reactor;

import java.util.List;
import java.util.function.Function;

/**
 * How one listener's connections are served: the protocol's handler, its transport (plaintext
 * or TLS), whether a PROXY header comes first, and its limits.
 *
 * @param protocol                 the protocol's name, for logs and counters
 * @param label                    what start-up prints ({@code chat+tls})
 * @param disconnectWhenOutputFull drop a client that does not read (chat) instead of pausing it
 * @param idleTimeoutNanos         no traffic for this long closes; 0 = never
 * @param transports               the transport of each accepted socket
 * @param proxyTrusted             where a PROXY header is accepted from, or null: no header
 * @param counted                  whether its connections count against {@code --max-connections}
 *                                 and are drained at shutdown; an uncounted listener (the admin
 *                                 endpoint's) stays open, answering, until the loop stops
 * @param tls                      whether its transport encrypts (set with {@link #tls}), so a
 *                                 listener beyond loopback without it can be warned about
 */
public record ListenerSpec(
        String protocol,
        String label,
        Function<Connection, ConnectionHandler> handlers,
        boolean disconnectWhenOutputFull,
        long idleTimeoutNanos,
        Function<SocketTransport, Transport> transports,
        List<Cidr> proxyTrusted,
        boolean counted,
        boolean tls) {

    /** Plaintext, no PROXY header, counted, with the loop's idle timeout (0 here: set it). */
    public static ListenerSpec of(String protocol, Function<Connection, ConnectionHandler> handlers) {
        return new ListenerSpec(protocol, protocol, handlers, false, 0, s -> s, null, true, false);
    }

    public ListenerSpec label(String newLabel) {
        return new ListenerSpec(
                protocol,
                newLabel,
                handlers,
                disconnectWhenOutputFull,
                idleTimeoutNanos,
                transports,
                proxyTrusted,
                counted,
                tls);
    }

    public ListenerSpec disconnectWhenOutputFull(boolean disconnect) {
        return new ListenerSpec(
                protocol, label, handlers, disconnect, idleTimeoutNanos, transports, proxyTrusted, counted, tls);
    }

    public ListenerSpec idleTimeoutNanos(long nanos) {
        return new ListenerSpec(
                protocol, label, handlers, disconnectWhenOutputFull, nanos, transports, proxyTrusted, counted, tls);
    }

    public ListenerSpec transports(Function<SocketTransport, Transport> newTransports) {
        return new ListenerSpec(
                protocol,
                label,
                handlers,
                disconnectWhenOutputFull,
                idleTimeoutNanos,
                newTransports,
                proxyTrusted,
                counted,
                tls);
    }

    public ListenerSpec proxyTrusted(List<Cidr> trusted) {
        return new ListenerSpec(
                protocol,
                label,
                handlers,
                disconnectWhenOutputFull,
                idleTimeoutNanos,
                transports,
                trusted,
                counted,
                tls);
    }

    public ListenerSpec counted(boolean isCounted) {
        return new ListenerSpec(
                protocol,
                label,
                handlers,
                disconnectWhenOutputFull,
                idleTimeoutNanos,
                transports,
                proxyTrusted,
                isCounted,
                tls);
    }

    /** The TLS twin of this listener: labelled {@code PROTOCOL+tls}, each socket behind {@code tlsTransports}. */
    public ListenerSpec tls(Function<SocketTransport, Transport> tlsTransports) {
        return new ListenerSpec(
                protocol,
                protocol + "+tls",
                handlers,
                disconnectWhenOutputFull,
                idleTimeoutNanos,
                tlsTransports,
                proxyTrusted,
                counted,
                true);
    }
}
