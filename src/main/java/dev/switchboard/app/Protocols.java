package dev.switchboard.app;

import dev.switchboard.client.ChatDialect;
import dev.switchboard.client.ClientProtocol;
import dev.switchboard.client.CommandDialect;
import dev.switchboard.client.Dialect;
import dev.switchboard.client.EchoDialect;
import dev.switchboard.client.Frame5Dialect;
import dev.switchboard.client.Header128Dialect;
import dev.switchboard.codec.EchoDecoder;
import dev.switchboard.codec.Encoder;
import dev.switchboard.codec.Frame5;
import dev.switchboard.codec.Frame5Decoder;
import dev.switchboard.codec.FrameDecoder;
import dev.switchboard.codec.Header128;
import dev.switchboard.codec.Header128Decoder;
import dev.switchboard.codec.Views;
import dev.switchboard.codec.ws.WsEncoder;
import dev.switchboard.protocol.ChatService;
import dev.switchboard.protocol.CommandService;
import dev.switchboard.protocol.EchoService;
import dev.switchboard.protocol.Frame5Service;
import dev.switchboard.protocol.Header128Service;
import dev.switchboard.protocol.Service;
import dev.switchboard.protocol.web.WebService;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.IntFunction;
import java.util.function.Supplier;

/**
 * The one list of protocols, a descriptor each (Redis's command table): the daemon's
 * listeners, the command line (its per-protocol options), the help text, the client's
 * dialects, the completion script, the tools ({@code tools/protocols}, written from here by
 * {@link ProtocolTable}) and the tests all read it. Adding a protocol is its own files (a
 * service, a codec if it frames differently, a dialect if the client speaks it) and one line
 * here. The reactor never sees this list: a listener knows only its protocol's name.
 */
public final class Protocols {

    /**
     * One protocol's descriptor.
     *
     * @param defaultPort   its plaintext listener's port unless {@code --NAME-port} says otherwise
     * @param idleFallsBack whether {@code --idle-timeout} applies when {@code --NAME-idle-timeout}
     *                      is not given (not for chat and web: a member who only listens is not idle)
     * @param headerBytes   the most bytes of framing before each payload (0: none; a line's LF
     *                      comes after it)
     * @param decoder       its input decoder for a frame limit, the same its service makes
     * @param encoder       how one message is framed for the wire (replies, the client's requests)
     * @param service       its service, built from the daemon's wiring
     * @param dialect       the client's dialect, or null where the client does not speak it
     *                      (web: that is the browser's)
     */
    public record Listener(
            String name,
            int defaultPort,
            boolean idleFallsBack,
            int headerBytes,
            IntFunction<FrameDecoder<?>> decoder,
            Encoder encoder,
            Function<Wiring, Service<?>> service,
            Supplier<Dialect<?>> dialect) {}

    public static final List<Listener> ALL = List.of(
            new Listener(
                    CommandService.NAME,
                    12340,
                    true,
                    0,
                    max -> CommandService.decoder(max, new Views()),
                    Encoder.LINES,
                    w -> new CommandService(w.maxFrameBytes()),
                    CommandDialect::new),
            new Listener(
                    Frame5Service.NAME,
                    65432,
                    true,
                    Frame5.HEADER_BYTES,
                    Frame5Decoder::new,
                    Frame5.ENCODER,
                    w -> new Frame5Service(w.maxFrameBytes()),
                    Frame5Dialect::new),
            new Listener(
                    Header128Service.NAME,
                    5050,
                    true,
                    Header128.HEADER_BYTES,
                    Header128Decoder::new,
                    Header128.ENCODER,
                    w -> new Header128Service(w.maxFrameBytes()),
                    Header128Dialect::new),
            new Listener(
                    ChatService.NAME,
                    8080,
                    false,
                    0,
                    max -> ChatService.decoder(max, new Views()),
                    Encoder.LINES,
                    Wiring::chat,
                    ChatDialect::new),
            new Listener(
                    EchoService.NAME,
                    65433,
                    true,
                    0,
                    EchoDecoder::new,
                    Encoder.BYTES,
                    w -> new EchoService(w.maxFrameBytes()),
                    EchoDialect::new),
            new Listener(
                    WebService.NAME,
                    8081,
                    false,
                    WsEncoder.MAX_HEADER_BYTES,
                    max -> WebService.decoder(),
                    WsEncoder.SERVER,
                    w -> new WebService(w.chat(), w.loop(), w.options().webOrigins(), w.maxFrameBytes()),
                    null));

    private Protocols() {}

    public static Optional<Listener> byName(String name) {
        return ALL.stream().filter(p -> p.name().equals(name)).findFirst();
    }

    public static List<String> names() {
        return ALL.stream().map(Listener::name).toList();
    }

    /** The protocols the client speaks, with their default ports, in the list's order. */
    public static List<ClientProtocol> client() {
        return ALL.stream()
                .filter(p -> p.dialect() != null)
                .map(p -> new ClientProtocol(p.name(), p.defaultPort(), p.dialect()))
                .toList();
    }
}
