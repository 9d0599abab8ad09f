package dev.switchboard.kit;

import dev.switchboard.app.ServeOptions;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One real daemon shared by a test class: {@code @RegisterExtension static final SharedDaemon
 * daemon = new SharedDaemon();} starts it before the first test and drains it after the last.
 */
public final class SharedDaemon implements BeforeAllCallback, AfterAllCallback {
    private final UnaryOperator<ServeOptions> options;
    private TestDaemon daemon;

    public SharedDaemon() {
        this(o -> o);
    }

    public SharedDaemon(UnaryOperator<ServeOptions> options) {
        this.options = options;
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        daemon = TestDaemon.start(options);
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        daemon.close();
    }

    public TestClient connect(String protocol) throws Exception {
        return daemon.connect(protocol);
    }

    public int port(String protocol) {
        return daemon.port(protocol);
    }
}
