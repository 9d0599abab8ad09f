package dev.switchboard.app;

import dev.switchboard.protocol.ChatService;
import dev.switchboard.reactor.EventLoop;

/**
 * What a protocol's service may be built from: the options, the loop, and the services shared
 * between listeners (one chat for the plaintext, TLS and web listeners alike).
 */
public final class Wiring {
    private final ServeOptions options;
    private final EventLoop loop;
    private ChatService chat;

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
        }
        return chat;
    }
}
