package dev.switchboard.reactor;

import java.math.BigDecimal;

/** Durations in log lines and replies, as seconds for people. */
public final class Seconds {
    private Seconds() {}

    /** Nanoseconds as seconds with no trailing zeros: 30, 0.5. */
    public static String of(long nanos) {
        return BigDecimal.valueOf(nanos, 9).stripTrailingZeros().toPlainString();
    }

    /**
     * {@code nanos} as seconds with {@code decimals} places (1 to 9), e.g. {@code 12.345}. By
     * hand rather than {@code String.format}: these lines come while descriptors may be short,
     * when loading the formatter's classes for the first time is best avoided.
     */
    public static String fixed(long nanos, int decimals) {
        long unit = 1;
        for (int i = 0; i < 9 - decimals; i++) {
            unit *= 10;
        }
        long scaled = Math.max(0, nanos) / unit;
        long scale = 1;
        for (int i = 0; i < decimals; i++) {
            scale *= 10;
        }
        String fraction = Long.toString(scaled % scale);
        StringBuilder out = new StringBuilder().append(scaled / scale).append('.');
        for (int i = fraction.length(); i < decimals; i++) {
            out.append('0');
        }
        return out.append(fraction).toString();
    }
}
