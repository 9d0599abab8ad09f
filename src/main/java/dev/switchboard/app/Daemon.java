package dev.switchboard.app;

import dev.switchboard.codec.http.HttpRequestDecoder;
import dev.switchboard.protocol.Service;
import dev.switchboard.protocol.ServiceHandler;
import dev.switchboard.reactor.Acceptor;
import dev.switchboard.reactor.EventLoop;
import dev.switchboard.reactor.Limits;
import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** The wiring: one event loop, a listener per enabled protocol, each with its service. */
public final class Daemon {
    /** The largest header (header128's) plus a line's CR LF, on top of the frame limit. */
    private static final int FRAMING_OVERHEAD_BYTES = 256;
    private final ServeOptions options;
    private final EventLoop loop;
    private final List<Acceptor> listeners = new ArrayList<>();

    private Daemon(ServeOptions options, EventLoop loop) {
        this.options = options;
        this.loop = loop;
    }

    /** Binds every enabled listener; nothing is served until {@link #run}. */
    public static Daemon bind(ServeOptions options) throws StartupException, IOException {
        InetAddress address;
        try {
            address = InetAddress.getByName(options.bindAddress());
        } catch (UnknownHostException e) {
            throw new StartupException("cannot resolve bind address " + options.bindAddress());
        }
        // Never below an HTTP request head's limit: a browser must reach the page even with a tiny --max-frame.
        Limits limits = new Limits(Math.max(options.maxFrameBytes() + FRAMING_OVERHEAD_BYTES,
                HttpRequestDecoder.DEFAULT_MAX_HEAD_BYTES),
                options.maxPendingOutputBytes(), options.maxConnections(),
                TimeUnit.MILLISECONDS.toNanos(options.frameTimeoutMillis()),
                TimeUnit.MILLISECONDS.toNanos(options.idleTimeoutMillis()));
        Daemon daemon = new Daemon(options, new EventLoop(limits));
        if (options.statsIntervalMillis() > 0) {
            daemon.loop.logStatsEvery(TimeUnit.MILLISECONDS.toNanos(options.statsIntervalMillis()));
        }
        Wiring wiring = new Wiring(options, daemon.loop);
        for (Protocols.Listener protocol : Protocols.ALL) {
            Integer port = options.ports().get(protocol.name());
            if (port != null) {
                daemon.listen(protocol.service().apply(wiring), new InetSocketAddress(address, port));
            }
        }
        return daemon;
    }

    private <F> void listen(Service<F> service, InetSocketAddress address) throws StartupException {
        long frameTimeoutNanos = TimeUnit.MILLISECONDS.toNanos(options.frameTimeoutMillis());
        long idleTimeoutNanos = TimeUnit.MILLISECONDS.toNanos(options.idleTimeoutMillis(service.name()));
        try {
            listeners.add(loop.listen(address, service.name(),
                    c -> new ServiceHandler<>(service, c, frameTimeoutNanos),
                    service.disconnectsSlowReaders(), idleTimeoutNanos));
        } catch (IOException e) {
            String why = e instanceof BindException && e.getMessage() != null
                    ? e.getMessage().toLowerCase(java.util.Locale.ROOT) : String.valueOf(e.getMessage());
            closeListeners();
            throw new StartupException("cannot listen for " + service.name() + " on "
                    + options.bindAddress() + " port " + address.getPort() + ": " + why);
        }
    }

    /** Protocol name to the address really bound, in start-up order. */
    public Map<String, InetSocketAddress> addresses() {
        Map<String, InetSocketAddress> out = new LinkedHashMap<>();
        for (Acceptor a : listeners) {
            out.put(a.protocol(), a.localAddress());
        }
        return out;
    }

    /** Serves on the calling thread until {@link #shutdown} has drained every connection. */
    public void run() throws IOException {
        loop.run();
    }

    /** Thread-safe: the drain of SIGTERM. */
    public void shutdown() {
        loop.shutdown(TimeUnit.MILLISECONDS.toNanos(options.drainTimeoutMillis()));
    }

    /** Runs {@code task} on the loop thread (tests use it to look inside safely). */
    public void execute(Runnable task) {
        loop.execute(task);
    }

    public EventLoop loop() {
        return loop;
    }

    private void closeListeners() {
        loop.close();
    }
}
