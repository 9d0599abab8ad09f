package dev.switchboard.reactor;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import org.tinylog.Logger;

/** One listening socket: accepts clients and hands each to the loop with its listener's spec. */
public final class Acceptor implements Selectable {
    /** Accepts per readiness event at most, so a connect storm cannot starve the clients. */
    private static final int MAX_ACCEPTS_PER_EVENT = 64;

    private final EventLoop loop;
    private final ServerSocketChannel server;
    private final ListenerSpec spec;
    private final InetSocketAddress localAddress;
    private final TimeoutQueue idleTimeouts;
    private SelectionKey key;

    private Acceptor(EventLoop loop, ServerSocketChannel server, ListenerSpec spec, TimeoutQueue idleTimeouts)
            throws IOException {
        this.loop = loop;
        this.server = server;
        this.spec = spec;
        this.localAddress = (InetSocketAddress) server.getLocalAddress();
        this.idleTimeouts = idleTimeouts;
    }

    /**
     * Binds and registers a listener. An IPv4 address binds IPv4 only (the JDK's default
     * socket is dual-stack, so {@code 0.0.0.0} would also take IPv6).
     */
    static Acceptor open(
            EventLoop loop, Selector selector, InetSocketAddress address, ListenerSpec spec, TimeoutQueue idleTimeouts)
            throws IOException {
        ServerSocketChannel server = address.getAddress() instanceof Inet4Address
                ? ServerSocketChannel.open(StandardProtocolFamily.INET)
                : ServerSocketChannel.open();
        try {
            server.setOption(StandardSocketOptions.SO_REUSEADDR, true);
            server.bind(address, 4096);
            server.configureBlocking(false);
            Acceptor acceptor = new Acceptor(loop, server, spec, idleTimeouts);
            acceptor.key = server.register(selector, SelectionKey.OP_ACCEPT, acceptor);
            return acceptor;
        } catch (IOException | RuntimeException e) {
            server.close();
            throw e;
        }
    }

    public String protocol() {
        return spec.protocol();
    }

    /** What start-up prints for it: the protocol, {@code +tls} for a TLS listener. */
    public String label() {
        return spec.label();
    }

    ListenerSpec spec() {
        return spec;
    }

    /** The address really bound (port 0 resolved to the port the kernel chose). */
    public InetSocketAddress localAddress() {
        return localAddress;
    }

    @Override
    public void ready(int readyOps) {
        acceptUpTo(MAX_ACCEPTS_PER_EVENT);
    }

    /**
     * Accepts every connection the kernel has already completed. Closing a listener resets the
     * clients still queued on it, so a shutdown takes them in (and answers them) first.
     */
    void acceptQueued() {
        acceptUpTo(Integer.MAX_VALUE);
    }

    private void acceptUpTo(int max) {
        for (int i = 0; i < max; i++) {
            SocketChannel channel;
            try {
                channel = server.accept();
            } catch (IOException e) {
                loop.admission.acceptFailed(e);
                return;
            }
            if (channel == null) {
                return;
            }
            loop.admission.adopt(channel, this);
        }
    }

    @Override
    public void failed(Throwable e) {
        Logger.warn(e, "unexpected error on a listener");
    }

    Connection newConnection(SocketChannel channel, InetSocketAddress remote, long id) {
        SocketTransport socket = new SocketTransport(channel);
        return new Connection(
                loop,
                socket,
                spec.transports().apply(socket),
                spec.protocol(),
                spec.label(),
                id,
                remote,
                spec.disconnectWhenOutputFull(),
                idleTimeouts,
                spec.proxyTrusted() != null);
    }

    TimeoutQueue idleTimeouts() {
        return idleTimeouts;
    }

    ConnectionHandler newHandler(Connection connection) {
        return spec.handlers().apply(connection);
    }

    void setAccepting(boolean accepting) {
        if (key.isValid()) {
            key.interestOps(accepting ? SelectionKey.OP_ACCEPT : 0);
        }
    }

    void close() {
        key.cancel();
        try {
            server.close();
        } catch (IOException e) {
            Logger.warn("closing the {} listener failed: {}", spec.label(), e.getMessage());
        }
    }
}
