package dev.switchboard.app;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;

/**
 * SIGTERM, SIGINT and SIGHUP handlers. {@code sun.misc.Signal} is the JDK's only way to take a
 * signal and still exit 0 after the drain (a shutdown hook would exit 143), or to take SIGHUP
 * without exiting at all. It is reached by name, so
 * that the build has no "internal proprietary API" warning and main code compiles with -Werror.
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
            InvocationHandler calls = (proxy, method, args) -> answer(proxy, method, args, action);
            Object handler = Proxy.newProxyInstance(handlerType.getClassLoader(), new Class<?>[] {handlerType}, calls);
            Object instance = signal.getConstructor(String.class).newInstance(name);
            signal.getMethod("handle", signal, handlerType).invoke(null, instance, handler);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot handle SIG" + name + ": " + e, e);
        }
    }

    private static Object answer(Object proxy, Method method, Object[] args, Runnable action) {
        switch (method.getName()) {
            case "handle" -> {
                action.run();
                return null;
            }
            case "hashCode" -> {
                return System.identityHashCode(proxy);
            }
            case "equals" -> {
                return proxy == args[0];
            }
            default -> {
                return "signal handler";
            }
        }
    }
}
