package dev.switchboard.client;

import java.util.List;
import java.util.function.Supplier;

/**
 * A protocol the client speaks, as the daemon's protocol list ({@code app.Protocols}) describes
 * it: the client is handed that list and keeps none of its own.
 *
 * @param defaultPort where {@code --port} points when it is not given
 */
public record ClientProtocol(String name, int defaultPort, Supplier<Dialect<?>> dialect) {

    /** The one named {@code name} in {@code protocols}, or a usage error listing them. */
    static ClientProtocol find(List<ClientProtocol> protocols, String name) throws UsageError {
        for (ClientProtocol p : protocols) {
            if (p.name().equals(name)) {
                return p;
            }
        }
        throw new UsageError("unknown protocol '" + name + "' (" + names(protocols, ", ") + ")");
    }

    static String names(List<ClientProtocol> protocols, String separator) {
        return String.join(
                separator, protocols.stream().map(ClientProtocol::name).toList());
    }

    /** The names of those with a {@code --latency} probe (a request answered by one reply). */
    static List<String> requestReply(List<ClientProtocol> protocols) {
        return protocols.stream()
                .filter(p -> p.dialect().get().probe() != null)
                .map(ClientProtocol::name)
                .toList();
    }
}
