package dev.switchboard.app;

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

/**
 * The one list of protocols the daemon serves: the command line (its per-protocol options),
 * the help text, start-up and the tests all read it. Adding a protocol is one service file and
 * one line here.
 */
public final class Protocols {

    /**
     * One protocol's listener.
     *
     * @param idleFallsBack whether {@code --idle-timeout} applies when {@code --NAME-idle-timeout}
     *                      is not given (not for chat and web: a member who only listens is not idle)
     */
    public record Listener(String name, int defaultPort, boolean idleFallsBack, Function<Wiring, Service<?>> service) {}

    public static final List<Listener> ALL = List.of(
            new Listener(CommandService.NAME, 12340, true, w -> new CommandService(w.maxFrameBytes())),
            new Listener(Frame5Service.NAME, 65432, true, w -> new Frame5Service(w.maxFrameBytes())),
            new Listener(Header128Service.NAME, 5050, true, w -> new Header128Service(w.maxFrameBytes())),
            new Listener(ChatService.NAME, 8080, false, Wiring::chat),
            new Listener(EchoService.NAME, 65433, true, w -> new EchoService(w.maxFrameBytes())),
            new Listener(
                    WebService.NAME,
                    8081,
                    false,
                    w -> new WebService(w.chat(), w.loop(), w.options().webOrigins(), w.maxFrameBytes())));

    private Protocols() {}

    public static Optional<Listener> byName(String name) {
        return ALL.stream().filter(p -> p.name().equals(name)).findFirst();
    }

    public static List<String> names() {
        return ALL.stream().map(Listener::name).toList();
    }
}
