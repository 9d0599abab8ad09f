package dev.switchboard.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** The numbers --latency prints. */
class LatencyStatsTest {

    @Test
    void minAvgMaxAreExactAndP99IsWithinTheBucketWidth() {
        LatencyStats stats = new LatencyStats();
        for (int i = 1; i <= 1000; i++) {
            stats.add(i * 10L);
        }
        long p99 = stats.percentileMicros(0.99);
        assertTrue(Math.abs(p99 - 9900) <= 9900 / 64 + 1, "p99 " + p99);
        assertEquals(
                "min 0.01 ms, avg 5.01 ms, max 10.00 ms, p99 " + String.format("%.2f", p99 / 1000.0)
                        + " ms (1000 samples)",
                stats.line());
    }

    @Test
    void everyValueFallsInABucketWhoseBoundHoldsIt() {
        Random random = new Random(42);
        for (int i = 0; i < 100_000; i++) {
            long v = random.nextInt(4) == 0 ? random.nextInt(200) : Math.abs(random.nextLong() >>> random.nextInt(63));
            int b = LatencyStats.bucket(v);
            assertTrue(LatencyStats.upperBound(b) >= v, v + " above its bucket's bound");
            assertTrue(b == 0 || LatencyStats.upperBound(b - 1) < v, v + " belongs in an earlier bucket");
        }
    }

    @Test
    void oneSlowSampleInAHundredShowsInP99() {
        LatencyStats stats = new LatencyStats();
        for (int i = 0; i < 98; i++) {
            stats.add(100);
        }
        stats.add(50_000);
        stats.add(50_000);
        assertTrue(stats.percentileMicros(0.99) > 49_000, stats.line());
        assertEquals("no samples yet", new LatencyStats().line());
    }
}
