package dev.switchboard.app;

import dev.switchboard.protocol.ServiceHandler;
import dev.switchboard.protocol.admin.AdminService;
import dev.switchboard.protocol.admin.BuildInfo;
import dev.switchboard.protocol.admin.MetricsRenderer;
import dev.switchboard.reactor.ListenerSpec;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * The admin endpoint's listener (HTTP /metrics and /health). Its connections are not counted
 * against --max-connections, and it keeps accepting through a drain, so /health can say
 * {@code draining} until the loop stops.
 */
final class Admin {
    private Admin() {}

    static ListenerSpec spec(Wiring wiring) {
        MetricsRenderer metrics =
                new MetricsRenderer(wiring.loop().counters(), Set.of(AdminService.NAME), BuildInfo.load());
        AdminService service = new AdminService(metrics, wiring.loop()::isDraining, wiring.healthChecks());
        long frameTimeoutNanos = TimeUnit.MILLISECONDS.toNanos(wiring.options().frameTimeoutMillis());
        // A scraper keeps its connection between scrapes; --idle-timeout still reaps abandoned ones.
        long idleTimeoutNanos = TimeUnit.MILLISECONDS.toNanos(wiring.options().idleTimeoutMillis(AdminService.NAME));
        return ListenerSpec.of(AdminService.NAME, c -> new ServiceHandler<>(service, c, frameTimeoutNanos))
                .idleTimeoutNanos(idleTimeoutNanos)
                .counted(false);
    }
}
