package dev.switchboard.app;

import java.util.Locale;
import org.tinylog.Level;
import org.tinylog.core.TinylogLoggingProvider;
import org.tinylog.format.MessageFormatter;
import org.tinylog.provider.ContextProvider;
import org.tinylog.provider.LoggingProvider;
import org.tinylog.provider.ProviderRegistry;

/**
 * tinylog's own provider behind a level that a reload can change. tinylog 2 freezes its
 * configuration with the first line, and its {@code Logger} caches the provider's minimum level
 * when it loads, so the provider under this gate is configured at trace (it would pass every
 * line) and the gate drops what is below {@link #set}'s level: one volatile read per call, and a
 * call below the level goes no further. Chosen by tinylog's {@code provider} property (see
 * {@link Logging}); it is not listed in {@code META-INF/services}, where tinylog would find it
 * beside its own provider whenever the property is not set (the tests) and log every line twice.
 */
public final class LevelGate implements LoggingProvider {
    /** The level a gate starts with: set before tinylog makes it, on whichever thread logs first. */
    private static volatile int initial = Level.INFO.ordinal();

    private final TinylogLoggingProvider real = new TinylogLoggingProvider();
    /** The lowest {@link Level#ordinal()} that passes; tinylog's levels run from TRACE up. */
    private volatile int lowest = initial;

    /** tinylog makes it, by its {@code provider} property. */
    public LevelGate() {}

    /** The level the gate starts with, before tinylog has made it (start-up). */
    static void preset(String level) {
        initial = ordinal(level);
    }

    /**
     * Lets {@code level} (trace, debug, info, warn, error) and above through from now on, on
     * any thread. False when tinylog runs another provider (a test's), which cannot change.
     */
    static boolean set(String level) {
        if (ProviderRegistry.getLoggingProvider() instanceof LevelGate gate) {
            gate.lowest = ordinal(level);
            return true;
        }
        return false;
    }

    private static int ordinal(String level) {
        return Level.valueOf(level.toUpperCase(Locale.ROOT)).ordinal();
    }

    /** True when tinylog runs this gate, so {@link #set} works. */
    static boolean active() {
        return ProviderRegistry.getLoggingProvider() instanceof LevelGate;
    }

    private boolean passes(Level level) {
        return level.ordinal() >= lowest;
    }

    @Override
    public ContextProvider getContextProvider() {
        return real.getContextProvider();
    }

    @Override
    public Level getMinimumLevel() {
        return real.getMinimumLevel();
    }

    @Override
    public Level getMinimumLevel(String tag) {
        return real.getMinimumLevel(tag);
    }

    @Override
    public boolean isEnabled(int depth, String tag, Level level) {
        return passes(level) && real.isEnabled(depth + 1, tag, level);
    }

    @Override
    public boolean isEnabled(String loggerClassName, String tag, Level level) {
        return passes(level) && real.isEnabled(loggerClassName, tag, level);
    }

    @Override
    public void log(
            int depth,
            String tag,
            Level level,
            Throwable exception,
            MessageFormatter formatter,
            Object obj,
            Object... arguments) {
        if (passes(level)) {
            real.log(depth + 1, tag, level, exception, formatter, obj, arguments);
        }
    }

    @Override
    public void log(
            String loggerClassName,
            String tag,
            Level level,
            Throwable exception,
            MessageFormatter formatter,
            Object obj,
            Object... arguments) {
        if (passes(level)) {
            real.log(loggerClassName, tag, level, exception, formatter, obj, arguments);
        }
    }

    @Override
    public void shutdown() throws InterruptedException {
        real.shutdown();
    }
}
