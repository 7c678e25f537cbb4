package org.ikescope.analyzer.output;

import java.util.Locale;

/**
 * Timestamp formatting: ISO-8601 UTC with microseconds (nanoseconds when the capture has them). ASCII digits whatever
 * the default locale; written digit by digit, as this runs for every message.
 */
public final class Times {
    /** Below this many nanoseconds (15 digits), {@code %.6f} of {@code d / 1e9} is d in microseconds rounded half up. */
    private static final long EXACT = 1_000_000_000_000_000L;

    private Times() {
    }

    /** e.g. {@code 2026-11-27T13:12:52.588123Z}. */
    public static String iso(long nanos) {
        long secs = Math.floorDiv(nanos, 1_000_000_000L);
        int frac = (int) Math.floorMod(nanos, 1_000_000_000L);
        StringBuilder sb = new StringBuilder(32);
        java.time.format.DateTimeFormatter.ISO_LOCAL_DATE_TIME.formatTo(
                java.time.LocalDateTime.ofEpochSecond(secs, 0, java.time.ZoneOffset.UTC), sb);
        if (sb.length() == 16) {
            sb.append(":00");
        }
        sb.append('.');
        if (frac % 1000 == 0) {
            zeroPadded(sb, frac / 1000, 100_000);
        } else {
            zeroPadded(sb, frac, 100_000_000);
        }
        return sb.append('Z').toString();
    }

    /** Seconds between two timestamps, with microseconds: {@code 0.003868}, {@code -0.000017}. */
    public static String relative(long nanos, long base) {
        long d = nanos - base;
        if (d <= -EXACT || d >= EXACT) {
            return String.format(Locale.ROOT, "%.6f", d / 1e9);
        }
        long micros = (Math.abs(d) + 500) / 1000;
        StringBuilder sb = new StringBuilder(24);
        if (d < 0) {
            sb.append('-');
        }
        sb.append(micros / 1_000_000).append('.');
        zeroPadded(sb, (int) (micros % 1_000_000), 100_000);
        return sb.toString();
    }

    /** Appends value (below 10 * top) with leading zeros to as many digits as top has. */
    private static void zeroPadded(StringBuilder sb, int value, int top) {
        for (int div = top; div > 0; div /= 10) {
            sb.append((char) ('0' + value / div % 10));
        }
    }
}
