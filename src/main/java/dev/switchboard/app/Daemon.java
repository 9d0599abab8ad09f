package dev.switchboard.app;

import dev.switchboard.codec.http.HttpRequestDecoder;
import dev.switchboard.protocol.Service;
import dev.switchboard.protocol.ServiceHandler;
import dev.switchboard.reactor.Acceptor;
import dev.switchboard.reactor.Cidr;
import dev.switchboard.reactor.EventLoop;
import dev.switchboard.reactor.Limits;
import dev.switchboard.reactor.ListenerSpec;
import dev.switchboard.reactor.tls.TlsContext;
import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.tinylog.Logger;

/** The wiring: one event loop, a listener per enabled protocol (and its TLS twin), each with its service. */
public final class Daemon {
    /** At least the protocol list's largest header plus a line's CR LF, on top of the frame limit (ProtocolListTest). */
    static final int FRAMING_OVERHEAD_BYTES = 256;

    private final ServeOptions options;
    private final EventLoop loop;
    private final List<Acceptor> listeners = new ArrayList<>();
    private final List<Service<?>> services = new ArrayList<>();
    private Wiring wiring;
    /** Loop thread only: a reload swaps it, and each TLS connection takes it when accepted. */
    private TlsContext tls;

    private volatile long drainTimeoutMillis;

    private Daemon(ServeOptions options, EventLoop loop) {
        this.options = options;
        this.loop = loop;
        this.drainTimeoutMillis = options.drainTimeoutMillis();
    }

    /** Binds every enabled listener; nothing is served until {@link #run}. */
    public static Daemon bind(ServeOptions options) throws StartupException, IOException {
        return bind(options, TlsLoad.start(options));
    }

    /** As {@link #bind(ServeOptions)}, with the TLS files already being read. */
    static Daemon bind(ServeOptions options, TlsLoad tlsLoad) throws StartupException, IOException {
        // Files and ranges are checked before any listener opens: a bad one is exit 2, bound to nothing.
        InetAddress address = resolve(options.bindAddress(), "--bind");
        TlsContext tls = tlsLoad.get();
        List<Cidr> trusted = trustedRanges(options);
        Daemon daemon = new Daemon(options, new EventLoop(limits(options)));
        daemon.tls = tls;
        if (options.statsIntervalMillis() > 0) {
            daemon.loop.logStatsEvery(TimeUnit.MILLISECONDS.toNanos(options.statsIntervalMillis()));
        }
        Wiring wiring = new Wiring(options, daemon.loop);
        daemon.wiring = wiring;
        try {
            for (Protocols.Listener protocol : Protocols.ALL) {
                Integer port = options.ports().get(protocol.name());
                Integer tlsPort = options.tlsPorts().get(protocol.name());
                if (port == null && tlsPort == null) {
                    continue;
                }
                Service<?> service = protocol.service().apply(wiring);
                daemon.services.add(service);
                ListenerSpec spec = daemon.spec(service);
                if (options.proxyProtocols().contains(protocol.name())) {
                    spec = spec.proxyTrusted(trusted);
                }
                if (port != null) {
                    daemon.listen(spec, new InetSocketAddress(address, port));
                }
                if (tlsPort != null) {
                    daemon.listen(spec.tls(s -> daemon.tls.transport(s)), new InetSocketAddress(address, tlsPort));
                }
            }
            if (options.adminPort() >= 0) {
                daemon.listen(
                        Admin.spec(wiring),
                        new InetSocketAddress(resolve(options.adminBind(), "--admin-bind"), options.adminPort()));
            }
        } catch (StartupException | RuntimeException e) {
            daemon.loop.close();
            wiring.close();
            throw e;
        }
        return daemon;
    }

    /** The reactor's limits of {@code options}. */
    static Limits limits(ServeOptions options) {
        // Never below an HTTP request head's limit: a browser must reach the page even with a tiny --max-frame.
        return new Limits(
                Math.max(options.maxFrameBytes() + FRAMING_OVERHEAD_BYTES, HttpRequestDecoder.DEFAULT_MAX_HEAD_BYTES),
                options.maxPendingOutputBytes(),
                options.maxConnections(),
                TimeUnit.MILLISECONDS.toNanos(options.frameTimeoutMillis()),
                TimeUnit.MILLISECONDS.toNanos(options.idleTimeoutMillis()));
    }

    private <F> ListenerSpec spec(Service<F> service) {
        long idleTimeoutNanos = TimeUnit.MILLISECONDS.toNanos(options.idleTimeoutMillis(service.name()));
        LongSupplier frameTimeoutNanos = () -> loop.limits().frameTimeoutNanos();
        return ListenerSpec.of(service.name(), c -> new ServiceHandler<>(service, c, frameTimeoutNanos))
                .disconnectWhenOutputFull(service.disconnectsSlowReaders())
                .idleTimeoutNanos(idleTimeoutNanos);
    }

    private void listen(ListenerSpec spec, InetSocketAddress address) throws StartupException {
        Acceptor acceptor;
        try {
            acceptor = loop.listen(address, spec);
        } catch (IOException e) {
            String why = e instanceof BindException && e.getMessage() != null
                    ? e.getMessage().toLowerCase(Locale.ROOT)
                    : String.valueOf(e.getMessage());
            throw new StartupException("cannot listen for " + spec.label() + " on " + address.getHostString() + " port "
                    + address.getPort() + ": " + why);
        }
        listeners.add(acceptor);
        InetAddress bound = acceptor.localAddress().getAddress();
        if (!spec.tls() && !bound.isLoopbackAddress()) {
            Logger.warn(
                    "{} listens without TLS on {}, beyond loopback: its traffic can be read on the network",
                    spec.label(),
                    dev.switchboard.reactor.Addresses.format(acceptor.localAddress()));
        }
    }

    private static InetAddress resolve(String host, String option) throws StartupException {
        try {
            return InetAddress.getByName(host);
        } catch (UnknownHostException e) {
            throw new StartupException("cannot resolve " + option + " address " + host);
        }
    }

    private static List<Cidr> trustedRanges(ServeOptions options) throws StartupException {
        List<Cidr> ranges = new ArrayList<>();
        for (String text : options.proxyTrusted()) {
            try {
                ranges.add(Cidr.parse(text));
            } catch (IllegalArgumentException e) {
                throw new StartupException("option --proxy-trusted: " + e.getMessage());
            }
        }
        return ranges;
    }

    /** Listener label (protocol, or protocol+tls) to the address really bound, in start-up order. */
    public Map<String, InetSocketAddress> addresses() {
        Map<String, InetSocketAddress> out = new LinkedHashMap<>();
        for (Acceptor a : listeners) {
            out.put(a.label(), a.localAddress());
        }
        return out;
    }

    /** Serves (on the loop's own thread) until {@link #shutdown} has drained every connection; the caller waits. */
    public void run() throws IOException {
        try {
            loop.run();
        } finally {
            wiring.close();
        }
    }

    /** Thread-safe: the drain of SIGTERM. */
    public void shutdown() {
        loop.shutdown(TimeUnit.MILLISECONDS.toNanos(drainTimeoutMillis));
    }

    /** What a reload may change beside the loop's own limits (see {@link Reload}). */
    List<Service<?>> services() {
        return services;
    }

    Wiring wiring() {
        return wiring;
    }

    /** Loop thread only: TLS connections accepted from now on use {@code context}. */
    void tls(TlsContext context) {
        tls = context;
    }

    void drainTimeoutMillis(long millis) {
        drainTimeoutMillis = millis;
    }

    /** Runs {@code task} on the loop thread (tests use it to look inside safely). */
    public void execute(Runnable task) {
        loop.execute(task);
    }

    public EventLoop loop() {
        return loop;
    }

    /** What /health says after 200 besides "ok" (null: nothing; see {@link Wiring#healthDetail}). */
    public java.util.function.Supplier<String> healthDetail() {
        return wiring.healthDetail();
    }
}
