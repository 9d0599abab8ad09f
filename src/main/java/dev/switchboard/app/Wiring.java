package dev.switchboard.app;

import dev.switchboard.protocol.ChatService;
import dev.switchboard.reactor.Counters;
import dev.switchboard.reactor.EventLoop;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Supplier;

/**
 * What a protocol's service may be built from: the options, the loop, and the services shared
 * between listeners (one chat for the plaintext, TLS and web listeners alike).
 */
public final class Wiring {
    private final ServeOptions options;
    private final EventLoop loop;
    private ChatService chat;
    private final List<Supplier<String>> healthChecks = new ArrayList<>();

    Wiring(ServeOptions options, EventLoop loop) {
        this.options = options;
        this.loop = loop;
    }

    public ServeOptions options() {
        return options;
    }

    public EventLoop loop() {
        return loop;
    }

    public int maxFrameBytes() {
        return options.maxFrameBytes();
    }

    /** The one chat every chat-speaking listener joins. */
    public ChatService chat() {
        if (chat == null) {
            chat = new ChatService(options.maxFrameBytes(), options.chat(), loop);
            ChatService made = chat;
            loop.counters().register(new Counters.Gauge("switchboard_chat_rooms",
                    "Chat rooms that exist now, #lobby included.", made::roomCount));
        }
        return chat;
    }

    /**
     * Adds what {@code GET /health} consults (on the loop thread): null while well, else the
     * text it answers instead of {@code ok}, still with 200, e.g. {@code degraded: backplane down}.
     */
    public void addHealthCheck(Supplier<String> check) {
        healthChecks.add(check);
    }

    /** A live view: checks added after the admin listener is built count too. */
    public List<Supplier<String>> healthChecks() {
        return Collections.unmodifiableList(healthChecks);
    }
}
