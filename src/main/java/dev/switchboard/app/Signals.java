package dev.switchboard.app;

import java.lang.invoke.CallSite;
import java.lang.invoke.LambdaMetafactory;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;

/**
 * SIGTERM, SIGINT and SIGHUP handlers. {@code sun.misc.Signal} is the JDK's only way to take a
 * signal and still exit 0 after the drain (a shutdown hook would exit 143), or to take SIGHUP
 * without exiting at all. It is reached by name, so that the build has no "internal proprietary
 * API" warning and main code compiles with -Werror. The handler is made the way javac makes a
 * lambda: a {@code java.lang.reflect.Proxy} would cost the start-up 12–19 ms of class generation
 * the JVM has not archived.
 */
final class Signals {
    private Signals() {}

    /**
     * Runs {@code action} on a JDK signal thread each time {@code name} (TERM, INT, HUP) arrives;
     * the JDK starts one thread per signal, so two signals may run their actions at once.
     */
    static void on(String name, Runnable action) {
        try {
            Class<?> signal = Class.forName("sun.misc.Signal");
            Class<?> handlerType = Class.forName("sun.misc.SignalHandler");
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            MethodHandle target = lookup.findStatic(
                    Signals.class, "arrived", MethodType.methodType(void.class, Runnable.class, Object.class));
            CallSite site = LambdaMetafactory.metafactory(
                    lookup,
                    "handle",
                    MethodType.methodType(handlerType, Runnable.class),
                    MethodType.methodType(void.class, signal),
                    target,
                    MethodType.methodType(void.class, signal));
            Object handler = site.getTarget().invoke(action);
            Object instance = signal.getConstructor(String.class).newInstance(name);
            signal.getMethod("handle", signal, handlerType).invoke(null, instance, handler);
        } catch (Throwable e) {
            throw new IllegalStateException("cannot handle SIG" + name + ": " + e, e);
        }
    }

    private static void arrived(Runnable action, Object signal) {
        action.run();
    }
}
