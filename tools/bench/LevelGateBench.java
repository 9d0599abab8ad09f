import java.lang.management.ManagementFactory;
import org.tinylog.Logger;
import org.tinylog.configuration.Configuration;

/**
 * What a DEBUG call costs a daemon at INFO, with tinylog's own provider and with app/LevelGate
 * (which lets SIGHUP change the level): nanoseconds and bytes per call, guarded by
 * Logger.isDebugEnabled() as the per-message lines are, or not. One JVM per case:
 *   java -cp target/switchboard.jar tools/bench/LevelGateBench.java plain|gate [guarded]
 */
public class LevelGateBench {
    public static void main(String[] args) throws Exception {
        boolean gate = args[0].equals("gate");
        boolean guarded = args.length > 1;
        Configuration.set("writer", "console");
        Configuration.set("writer.stream", "err");
        Configuration.set("level", gate ? "trace" : "info");
        if (gate) {
            Configuration.set("provider", "dev.switchboard.app.LevelGate");
        }
        Configuration.set("writingthread", "true");
        Configuration.set("autoshutdown", "false");
        Logger.info("provider {}", org.tinylog.provider.ProviderRegistry.getLoggingProvider().getClass().getSimpleName());
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long sink = 0;
        for (int round = 0; round < 5; round++) {
            long n = 200_000_000L;
            long bytes = threads.getCurrentThreadAllocatedBytes();
            long start = System.nanoTime();
            for (long i = 0; i < n; i++) {
                if (!guarded || Logger.isDebugEnabled()) {
                    Logger.debug("{} {} <- {}", "frame5", i, sink);
                }
                sink += i & 1;
            }
            long nanos = System.nanoTime() - start;
            bytes = threads.getCurrentThreadAllocatedBytes() - bytes;
            System.out.printf("%s%s round %d: %.2f ns/call, %.1f bytes/call%n",
                    args[0], guarded ? " guarded" : "", round, nanos / (double) n, bytes / (double) n);
        }
        System.out.println("(sink " + sink + ")");
        org.tinylog.provider.ProviderRegistry.getLoggingProvider().shutdown();
    }
}
