package dev.switchboard.app;

import dev.switchboard.reactor.ListenerSpec;

/** The admin endpoint's listener (HTTP /metrics and /health): not counted against --max-connections. */
final class Admin {
    private Admin() {
    }

    static ListenerSpec spec(Wiring wiring) throws StartupException {
        throw new StartupException("--admin-port: the admin endpoint is not built yet");
    }
}
