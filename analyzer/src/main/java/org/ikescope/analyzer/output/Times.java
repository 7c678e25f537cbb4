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

    /** Seconds of 9999-12-31T23:59:59Z plus one: from here on the year needs five digits and a sign. */
    private static final long YEAR_10000 = 253_402_300_800L;

    /** The most bytes {@link #iso(long, byte[], int)} writes. */
    static final int ISO_MAX = 30;
    /** The bytes of {@code yyyy-MM-ddTHH:mm:ss}, what {@link #civil(byte[], int, long)} writes. */
    static final int ISO_SECONDS = 19;

    /** e.g. {@code 2026-11-27T13:12:52.588123Z}. */
    public static String iso(long nanos) {
        byte[] b = new byte[64];
        int p;
        if (civil(nanos)) {
            p = iso(nanos, b, 0);
        } else {
            // Years before 1970 or past 9999: the formatter's own forms (sign, five digits).
            StringBuilder sb = new StringBuilder(32);
            java.time.format.DateTimeFormatter.ISO_LOCAL_DATE_TIME.formatTo(
                    java.time.LocalDateTime.ofEpochSecond(Math.floorDiv(nanos, 1_000_000_000L), 0, java.time.ZoneOffset.UTC), sb);
            if (sb.length() == 16) {
                sb.append(":00");
            }
            for (p = 0; p < sb.length(); p++) {
                b[p] = (byte) sb.charAt(p);
            }
            p = fraction(b, p, nanos);
        }
        return new String(b, 0, p, java.nio.charset.StandardCharsets.ISO_8859_1);
    }

    /** True when {@link #iso(long, byte[], int)} can write this time: from 1970 to 9999. */
    static boolean civil(long nanos) {
        long secs = Math.floorDiv(nanos, 1_000_000_000L);
        return secs >= 0 && secs < YEAR_10000;
    }

    /**
     * {@link #iso(long)} as ASCII bytes into {@code b} from {@code p}, for a time that is {@link #civil(long)};
     * returns the index after the last byte (at most {@link #ISO_MAX} written).
     */
    static int iso(long nanos, byte[] b, int p) {
        return fraction(b, civil(b, p, Math.floorDiv(nanos, 1_000_000_000L)), nanos);
    }

    /** {@code .ffffffZ} (microseconds) or {@code .fffffffffZ} (nanoseconds when the time has them). */
    static int fraction(byte[] b, int p, long nanos) {
        int frac = (int) Math.floorMod(nanos, 1_000_000_000L);
        b[p++] = '.';
        if (frac % 1000 == 0) {
            p = zeroPadded(b, p, frac / 1000, 6);
        } else {
            p = zeroPadded(b, p, frac, 9);
        }
        b[p++] = 'Z';
        return p;
    }

    /**
     * {@code yyyy-MM-ddTHH:mm:ss} of {@code secs} since 1970 (below {@link #YEAR_10000}), as
     * {@code ISO_LOCAL_DATE_TIME} writes it; the date by Howard Hinnant's days-to-civil algorithm,
     * since the formatter cost a fifth of the JSON output's time.
     */
    static int civil(byte[] b, int p, long secs) {
        long days = secs / 86_400;
        int sod = (int) (secs % 86_400);
        long z = days + 719_468;
        long era = z / 146_097;
        long doe = z - era * 146_097;
        long yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365;
        long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        long mp = (5 * doy + 2) / 153;
        int day = (int) (doy - (153 * mp + 2) / 5 + 1);
        int month = (int) (mp < 10 ? mp + 3 : mp - 9);
        int year = (int) (yoe + era * 400 + (month <= 2 ? 1 : 0));
        p = zeroPadded(b, p, year, 4);
        b[p++] = '-';
        p = zeroPadded(b, p, month, 2);
        b[p++] = '-';
        p = zeroPadded(b, p, day, 2);
        b[p++] = 'T';
        p = zeroPadded(b, p, sod / 3600, 2);
        b[p++] = ':';
        p = zeroPadded(b, p, sod / 60 % 60, 2);
        b[p++] = ':';
        return zeroPadded(b, p, sod % 60, 2);
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
        // Six digits with leading zeros: those of 1000000 + the fraction, less the 1.
        int one = sb.length();
        return sb.append(1_000_000 + micros % 1_000_000).deleteCharAt(one).toString();
    }

    /** Writes value (below 10^digits) with leading zeros to {@code digits} digits; returns the index after. */
    private static int zeroPadded(byte[] b, int p, int value, int digits) {
        int end = p + digits;
        // From the last digit back, one division per digit.
        for (int i = end - 1; i >= p; i--) {
            int q = value / 10;
            b[i] = (byte) ('0' + value - q * 10);
            value = q;
        }
        return end;
    }
}
