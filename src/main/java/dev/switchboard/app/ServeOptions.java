package dev.switchboard.app;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Everything {@code serve} is told, built by the command line, the config file and the tests
 * alike. Ports: protocol name to port (0 = any free port); a protocol that is off is absent.
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
        String logLevel) {

    /** The protocols in the order they are listed, logged and started. */
    public static final String[] PROTOCOLS = {"command", "frame5", "header128", "chat", "echo"};
    public static final int[] DEFAULT_PORTS = {12340, 65432, 5050, 8080, 65433};

    public ServeOptions {
        ports = Collections.unmodifiableMap(new LinkedHashMap<>(ports));
    }

    public static ServeOptions defaults() {
        Map<String, Integer> ports = new LinkedHashMap<>();
        for (int i = 0; i < PROTOCOLS.length; i++) {
            ports.put(PROTOCOLS[i], DEFAULT_PORTS[i]);
        }
        return new ServeOptions("127.0.0.1", ports, 1024 * 1024, 10_000, 1024 * 1024,
                30_000, 300_000, 5_000, 0, "info");
    }

    /** The same options with every enabled listener on port 0, for tests. */
    public ServeOptions onFreePorts() {
        Map<String, Integer> free = new LinkedHashMap<>();
        ports.keySet().forEach(p -> free.put(p, 0));
        return withPorts(free);
    }

    public ServeOptions withPorts(Map<String, Integer> newPorts) {
        return new ServeOptions(bindAddress, newPorts, maxFrameBytes, maxConnections,
                maxPendingOutputBytes, frameTimeoutMillis, idleTimeoutMillis, drainTimeoutMillis, statsIntervalMillis, logLevel);
    }

    public ServeOptions withBindAddress(String address) {
        return new ServeOptions(address, ports, maxFrameBytes, maxConnections,
                maxPendingOutputBytes, frameTimeoutMillis, idleTimeoutMillis, drainTimeoutMillis, statsIntervalMillis, logLevel);
    }

    public ServeOptions withMaxFrameBytes(int bytes) {
        return new ServeOptions(bindAddress, ports, bytes, maxConnections,
                maxPendingOutputBytes, frameTimeoutMillis, idleTimeoutMillis, drainTimeoutMillis, statsIntervalMillis, logLevel);
    }

    public ServeOptions withMaxConnections(int connections) {
        return new ServeOptions(bindAddress, ports, maxFrameBytes, connections,
                maxPendingOutputBytes, frameTimeoutMillis, idleTimeoutMillis, drainTimeoutMillis, statsIntervalMillis, logLevel);
    }

    public ServeOptions withMaxPendingOutputBytes(int bytes) {
        return new ServeOptions(bindAddress, ports, maxFrameBytes, maxConnections,
                bytes, frameTimeoutMillis, idleTimeoutMillis, drainTimeoutMillis, statsIntervalMillis, logLevel);
    }

    public ServeOptions withTimeoutsMillis(long frameTimeout, long idleTimeout, long drainTimeout) {
        return new ServeOptions(bindAddress, ports, maxFrameBytes, maxConnections,
                maxPendingOutputBytes, frameTimeout, idleTimeout, drainTimeout, statsIntervalMillis, logLevel);
    }
}
