package org.ikescope.analyzer.output;

/** Timestamp formatting: ISO-8601 UTC with microseconds (nanoseconds when the capture has them). */
public final class Times {
    private Times() {
    }

    /** e.g. {@code 2026-11-27T13:12:52.588123Z}. */
    public static String iso(long nanos) {
        long secs = Math.floorDiv(nanos, 1_000_000_000L);
        int frac = (int) Math.floorMod(nanos, 1_000_000_000L);
        String base = java.time.format.DateTimeFormatter.ISO_LOCAL_DATE_TIME.format(
                java.time.LocalDateTime.ofEpochSecond(secs, 0, java.time.ZoneOffset.UTC));
        if (base.length() == 16) {
            base = base + ":00";
        }
        String f = frac % 1000 == 0 ? String.format("%06d", frac / 1000) : String.format("%09d", frac);
        return base + "." + f + "Z";
    }

    /** Seconds between two timestamps, with microseconds: {@code 0.003868}. */
    public static String relative(long nanos, long base) {
        long d = nanos - base;
        return String.format("%.6f", d / 1e9);
    }
}
