package dev.switchboard.app;

import dev.switchboard.protocol.ChatService;
import dev.switchboard.protocol.chat.ChatBackend;
import dev.switchboard.protocol.chat.ChatLoop;
import dev.switchboard.protocol.chat.ChatSettings;
import dev.switchboard.protocol.chat.redis.Backplane;
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
    /** Null unless --chat-redis: the chat is then one across nodes. */
    private Backplane backplane;

    Wiring(ServeOptions options, EventLoop loop) {
        this.options = options;
        this.loop = loop;
        healthChecks.add(healthDetail());
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
            ChatSettings settings = options.chat();
            if (settings.redisUrl() == null) {
                chat = new ChatService(options.maxFrameBytes(), settings, loop);
            } else {
                ChatLoop chatLoop = ChatLoop.of(loop);
                backplane = Backplane.start(settings, chatLoop);
                loop.execute(() -> backplane.gauges().forEach(loop.counters()::register));
                ChatBackend backend = backplane.backend();
                chat = new ChatService(options.maxFrameBytes(), settings, chatLoop, backend);
            }
            ChatService made = chat;
            loop.counters()
                    .register(new Counters.Gauge(
                            "switchboard_chat_rooms", "Chat rooms with someone in them.", made::roomCount));
        }
        return chat;
    }

    /** The chat if a listener made it, else null (a reload has none to change). */
    ChatService chatIfMade() {
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

    /**
     * What {@code /health} says after 200 besides "ok": null while all is well, else why the
     * node is degraded ({@code degraded: backplane down} while Redis is away). Any thread.
     */
    public Supplier<String> healthDetail() {
        return () -> backplane == null ? null : backplane.healthDetail();
    }

    /** The loop has ended: what runs beside it stops (the backplane flushes and leaves Redis). */
    void close() {
        if (backplane != null) {
            backplane.close();
        }
    }
}
