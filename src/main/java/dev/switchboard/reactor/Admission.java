package dev.switchboard.reactor;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.List;
import org.tinylog.Logger;

/**
 * Who gets in: an accepted socket becomes a connection, or is refused (the connection limit,
 * a shutdown, a PROXY header from outside the trusted ranges). Counts the open connections,
 * numbers each one for the log, and pauses every listener briefly when accept itself fails.
 * Refusals are logged within the loop's {@link LogBudget}, so a connect storm cannot flood the log.
 */
final class Admission {
    private static final long ACCEPT_BACKOFF_NANOS = 100_000_000L;

    private final EventLoop loop;
    private final Selector selector;
    private final Counters counters;
    /** Open connections of counted listeners (all but the admin endpoint's). */
    private int connections;

    /** The last number given to a connection: {@code chat#17} in every line about it. */
    private long lastConnectionId;
    /** Made once: out of descriptors is no time to spin a lambda class. */
    private final Runnable resumeAccepting = this::resumeAccepting;

    Admission(EventLoop loop, Selector selector, Counters counters) {
        this.loop = loop;
        this.selector = selector;
        this.counters = counters;
    }

    int connections() {
        return connections;
    }

    /** {@code channel} was just accepted on {@code acceptor}: serve it, or refuse it. */
    void adopt(SocketChannel channel, Acceptor acceptor) {
        boolean counted = acceptor.spec().counted();
        boolean draining = loop.isDraining();
        // An uncounted listener (the admin endpoint) is still open while draining: /health says so.
        if (counted && (draining || connections >= loop.limits().maxConnections())) {
            if (!draining) {
                counters.refusedMaxConnections++;
            }
            refuse(channel, acceptor);
            return;
        }
        Connection c;
        try {
            channel.configureBlocking(false);
            channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
            // A chat member who only listens sends nothing for hours: keepalive finds dead peers.
            channel.setOption(StandardSocketOptions.SO_KEEPALIVE, true);
            InetSocketAddress remote = (InetSocketAddress) channel.getRemoteAddress();
            List<Cidr> trusted = acceptor.spec().proxyTrusted();
            if (trusted != null && !Cidr.anyContains(trusted, remote.getAddress())) {
                untrusted(channel, acceptor, remote);
                return;
            }
            c = acceptor.newConnection(channel, remote, ++lastConnectionId);
            SelectionKey key = channel.register(selector, SelectionKey.OP_READ, c);
            if (counted) {
                connections++;
            } else {
                c.uncounted = true;
            }
            c.attach(key, acceptor.newHandler(c));
        } catch (IOException e) {
            Logger.debug("{}: accepted connection failed at once: {}", acceptor.protocol(), e.getMessage());
            closeQuietly(channel);
            return;
        }
        acceptor.idleTimeouts().schedule(c.idleEntry(), loop.now());
        try {
            c.begin();
        } catch (RuntimeException | LinkageError | StackOverflowError e) {
            c.failed(e);
        }
    }

    /** {@code c} has been closed at the loop's safe point. */
    void released(Connection c) {
        if (!c.uncounted) {
            connections--;
        }
    }

    private void untrusted(SocketChannel channel, Acceptor acceptor, InetSocketAddress remote) {
        closeQuietly(channel);
        counters.protocol(acceptor.protocol()).protocolErrors++;
        if (loop.logBudget.allowsWarn()) {
            Logger.warn(
                    "{} refused {}: not in --proxy-trusted (a PROXY header is accepted only from there)",
                    acceptor.label(),
                    Addresses.format(remote));
        }
    }

    private void refuse(SocketChannel channel, Acceptor acceptor) {
        if (loop.logBudget.allowsWarn()) {
            Logger.warn(
                    "{} refused {}: {}",
                    acceptor.label(),
                    remoteOf(channel),
                    loop.isDraining()
                            ? "shutting down"
                            : "limit of " + loop.limits().maxConnections() + " connections reached");
        }
        closeQuietly(channel);
    }

    private static String remoteOf(SocketChannel channel) {
        try {
            return Addresses.format((InetSocketAddress) channel.getRemoteAddress());
        } catch (IOException e) {
            return "a client";
        }
    }

    /**
     * accept() failed, most often for want of file descriptors. Retrying at once would spin
     * (the listener stays ready), so every listener pauses briefly, as Jetty and Tomcat do.
     */
    void acceptFailed(IOException e) {
        counters.acceptErrors++;
        // Clients can cause it (a storm past the descriptor limit): one of the budget's lines.
        if (loop.logBudget.allowsWarn()) {
            Logger.warn(
                    "accept failed ({}); pausing new connections for {} ms",
                    e.getMessage(),
                    ACCEPT_BACKOFF_NANOS / 1_000_000);
        }
        for (Acceptor a : loop.acceptors) {
            a.setAccepting(false);
        }
        loop.schedule(ACCEPT_BACKOFF_NANOS, resumeAccepting);
    }

    private void resumeAccepting() {
        if (!loop.isDraining()) {
            for (Acceptor a : loop.acceptors) {
                a.setAccepting(true);
            }
        }
    }

    private static void closeQuietly(SocketChannel channel) {
        try {
            channel.close();
        } catch (IOException e) {
            Logger.debug("closing a refused connection failed: {}", e.getMessage());
        }
    }
}
