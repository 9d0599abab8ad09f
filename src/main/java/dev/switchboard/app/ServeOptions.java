package dev.switchboard.app;

import dev.switchboard.protocol.chat.ChatSettings;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Everything {@code serve} is told, built alike by the command line, the config file and the
 * tests. Ports: protocol name to port (0 = any free port); a listener that is off is absent.
 *
 * @param tlsPorts               protocol to TLS port, beside its plaintext listener
 * @param idleTimeoutMillisByProtocol a per-protocol idle timeout, overriding {@code idleTimeoutMillis}
 * @param adminPort              the admin endpoint's port, or -1 when it is off
 * @param proxyProtocols         listeners (by protocol) that want a PROXY header first
 * @param proxyTrusted           CIDR ranges a PROXY header is accepted from
 * @param webOrigins             browser origins allowed besides the page's own
 */
public record ServeOptions(
        String bindAddress,
        Map<String, Integer> ports,
        int maxFrameBytes,
        int maxConnections,
        int maxPendingOutputBytes,
        long frameTimeoutMillis,
        long idleTimeoutMillis,
        long drainTimeoutMillis,
        long statsIntervalMillis,
        String logLevel,
        Map<String, Long> idleTimeoutMillisByProtocol,
        Map<String, Integer> tlsPorts,
        String tlsCert,
        String tlsKey,
        int adminPort,
        String adminBind,
        Set<String> proxyProtocols,
        List<String> proxyTrusted,
        List<String> webOrigins,
        ChatSettings chat) {

    public ServeOptions {
        ports = Collections.unmodifiableMap(new LinkedHashMap<>(ports));
        idleTimeoutMillisByProtocol = Collections.unmodifiableMap(new LinkedHashMap<>(idleTimeoutMillisByProtocol));
        tlsPorts = Collections.unmodifiableMap(new LinkedHashMap<>(tlsPorts));
        proxyProtocols = Collections.unmodifiableSet(new LinkedHashSet<>(proxyProtocols));
        proxyTrusted = List.copyOf(proxyTrusted);
        webOrigins = List.copyOf(webOrigins);
    }

    public static ServeOptions defaults() {
        Map<String, Integer> ports = new LinkedHashMap<>();
        for (Protocols.Listener p : Protocols.ALL) {
            ports.put(p.name(), p.defaultPort());
        }
        return new ServeOptions(
                "127.0.0.1",
                ports,
                1024 * 1024,
                10_000,
                1024 * 1024,
                30_000,
                300_000,
                5_000,
                0,
                "info",
                Map.of(),
                Map.of(),
                null,
                null,
                -1,
                "127.0.0.1",
                Set.of(),
                List.of("127.0.0.0/8", "::1/128"),
                List.of(),
                ChatSettings.defaults());
    }

    /**
     * The idle timeout of one protocol: its own option, else {@code --idle-timeout}; chat and
     * web never fall back (a member who only listens is not idle), so they default to never.
     */
    public long idleTimeoutMillis(String protocol) {
        Long own = idleTimeoutMillisByProtocol.get(protocol);
        if (own != null) {
            return own;
        }
        return Protocols.byName(protocol).map(Protocols.Listener::idleFallsBack).orElse(true) ? idleTimeoutMillis : 0;
    }

    /** The same options with every enabled listener (admin and TLS too) on port 0, for tests. */
    public ServeOptions onFreePorts() {
        return with(b -> {
            b.ports.replaceAll((p, port) -> 0);
            b.tlsPorts.replaceAll((p, port) -> 0);
            if (b.adminPort >= 0) {
                b.adminPort = 0;
            }
        });
    }

    public ServeOptions withPorts(Map<String, Integer> newPorts) {
        return with(b -> {
            b.ports.clear();
            b.ports.putAll(newPorts);
        });
    }

    public ServeOptions withBindAddress(String address) {
        return with(b -> b.bindAddress = address);
    }

    public ServeOptions withMaxFrameBytes(int bytes) {
        return with(b -> b.maxFrameBytes = bytes);
    }

    public ServeOptions withMaxConnections(int connections) {
        return with(b -> b.maxConnections = connections);
    }

    public ServeOptions withMaxPendingOutputBytes(int bytes) {
        return with(b -> b.maxPendingOutputBytes = bytes);
    }

    public ServeOptions withTimeoutsMillis(long frameTimeout, long idleTimeout, long drainTimeout) {
        return with(b -> {
            b.frameTimeoutMillis = frameTimeout;
            b.idleTimeoutMillis = idleTimeout;
            b.drainTimeoutMillis = drainTimeout;
        });
    }

    /** A copy changed by {@code change}: the one wither every option shares. */
    public ServeOptions with(Consumer<Builder> change) {
        Builder b = new Builder(this);
        change.accept(b);
        return b.build();
    }

    /** Mutable twin of the record, for the parser and tests; {@link #build} freezes it. */
    public static final class Builder {
        public String bindAddress;
        public final Map<String, Integer> ports;
        public int maxFrameBytes;
        public int maxConnections;
        public int maxPendingOutputBytes;
        public long frameTimeoutMillis;
        public long idleTimeoutMillis;
        public long drainTimeoutMillis;
        public long statsIntervalMillis;
        public String logLevel;
        public final Map<String, Long> idleTimeoutMillisByProtocol;
        public final Map<String, Integer> tlsPorts;
        public String tlsCert;
        public String tlsKey;
        public int adminPort;
        public String adminBind;
        public final Set<String> proxyProtocols;
        public List<String> proxyTrusted;
        public List<String> webOrigins;
        public ChatSettings chat;

        public Builder(ServeOptions o) {
            bindAddress = o.bindAddress;
            ports = new LinkedHashMap<>(o.ports);
            maxFrameBytes = o.maxFrameBytes;
            maxConnections = o.maxConnections;
            maxPendingOutputBytes = o.maxPendingOutputBytes;
            frameTimeoutMillis = o.frameTimeoutMillis;
            idleTimeoutMillis = o.idleTimeoutMillis;
            drainTimeoutMillis = o.drainTimeoutMillis;
            statsIntervalMillis = o.statsIntervalMillis;
            logLevel = o.logLevel;
            idleTimeoutMillisByProtocol = new LinkedHashMap<>(o.idleTimeoutMillisByProtocol);
            tlsPorts = new LinkedHashMap<>(o.tlsPorts);
            tlsCert = o.tlsCert;
            tlsKey = o.tlsKey;
            adminPort = o.adminPort;
            adminBind = o.adminBind;
            proxyProtocols = new LinkedHashSet<>(o.proxyProtocols);
            proxyTrusted = o.proxyTrusted;
            webOrigins = o.webOrigins;
            chat = o.chat;
        }

        public ServeOptions build() {
            return new ServeOptions(
                    bindAddress,
                    ports,
                    maxFrameBytes,
                    maxConnections,
                    maxPendingOutputBytes,
                    frameTimeoutMillis,
                    idleTimeoutMillis,
                    drainTimeoutMillis,
                    statsIntervalMillis,
                    logLevel,
                    idleTimeoutMillisByProtocol,
                    tlsPorts,
                    tlsCert,
                    tlsKey,
                    adminPort,
                    adminBind,
                    proxyProtocols,
                    proxyTrusted,
                    webOrigins,
                    chat);
        }
    }
}
