package dev.switchboard.client;

/**
 * Round-trip samples in microseconds: exact min, max and mean, and percentiles from a
 * log-linear histogram (64 steps per power of two, so within 1.6 %), so a run of hours keeps
 * a few kilobytes, not every sample.
 */
final class LatencyStats {
    private static final int SUB_BITS = 6;
    private static final int SUB = 1 << SUB_BITS;
    private final long[] counts = new long[(64 - SUB_BITS + 1) * SUB];
    private long samples;
    private long sumMicros;
    private long minMicros = Long.MAX_VALUE;
    private long maxMicros;

    void add(long micros) {
        long v = Math.max(0, micros);
        samples++;
        sumMicros += v;
        minMicros = Math.min(minMicros, v);
        maxMicros = Math.max(maxMicros, v);
        counts[bucket(v)]++;
    }

    long samples() {
        return samples;
    }

    /** The smallest sample at or above which {@code fraction} of the samples lie, at most max. */
    long percentileMicros(double fraction) {
        if (samples == 0) {
            return 0;
        }
        long rank = (long) Math.ceil(fraction * samples);
        long seen = 0;
        for (int i = 0; i < counts.length; i++) {
            seen += counts[i];
            if (seen >= Math.max(1, rank)) {
                return Math.min(maxMicros, Math.max(minMicros, upperBound(i)));
            }
        }
        return maxMicros;
    }

    static int bucket(long v) {
        if (v < SUB) {
            return (int) v;
        }
        int exponent = 63 - Long.numberOfLeadingZeros(v);
        int step = (int) (v >>> (exponent - SUB_BITS)) & (SUB - 1);
        return (exponent - SUB_BITS + 1) * SUB + step;
    }

    /** The largest value that falls in bucket {@code i}. */
    static long upperBound(int i) {
        if (i < SUB) {
            return i;
        }
        int exponent = i / SUB + SUB_BITS - 1;
        long step = i % SUB;
        return ((SUB + step + 1) << (exponent - SUB_BITS)) - 1;
    }

    /** {@code min 0.05 ms, avg 0.08 ms, max 1.20 ms, p99 0.31 ms (1000 samples)}. */
    String line() {
        if (samples == 0) {
            return "no samples yet";
        }
        return String.format(
                "min %s ms, avg %s ms, max %s ms, p99 %s ms (%d samples)",
                millis(minMicros),
                millis((double) sumMicros / samples),
                millis(maxMicros),
                millis(percentileMicros(0.99)),
                samples);
    }

    private static String millis(double micros) {
        return String.format("%.2f", micros / 1000.0);
    }
}
