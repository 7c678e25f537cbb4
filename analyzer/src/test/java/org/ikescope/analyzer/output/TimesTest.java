package org.ikescope.analyzer.output;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Times writes its digits by hand: the same text as the {@code String.format} it replaced, in {@link Locale#ROOT}. */
class TimesTest {
    @Test
    void isoHasMicrosecondsOrNanoseconds() {
        assertEquals("2026-11-27T13:12:52.588123Z", Times.iso(1_795_785_172_588_123_000L));
        assertEquals("2026-11-27T13:12:52.588123456Z", Times.iso(1_795_785_172_588_123_456L));
        assertEquals("2026-11-27T13:12:00.000001Z", Times.iso(1_795_785_120_000_001_000L));
        assertEquals("1970-01-01T00:00:00.000000Z", Times.iso(0));
        assertEquals("1969-12-31T23:59:59.999999999Z", Times.iso(-1));
    }

    @Test
    void isoDatesAsTheJavaTimeFormatterWritesThem() {
        Random random = new Random(11);
        long[] edges = {0, 59_000_000_000L, 951_782_400_000_000_000L, 4_107_542_400_000_000_000L,
            -86_400_000_000_001L, Long.MAX_VALUE, Long.MIN_VALUE};
        for (long n : edges) {
            assertEquals(formatter(n), Times.iso(n), "iso " + n);
        }
        for (int i = 0; i < 100_000; i++) {
            long n = random.nextLong() >>> (random.nextInt(40) + 1);
            assertEquals(formatter(n), Times.iso(n), "iso " + n);
            long s = random.nextInt(1 << 20) * 86_400L + 86_340 + random.nextInt(60);
            assertEquals(formatter(s * 1_000_000_000L), Times.iso(s * 1_000_000_000L), "iso " + s);
        }
    }

    /** The text the java.time formatter gives, the way Times wrote it before the fast path. */
    private static String formatter(long nanos) {
        long secs = Math.floorDiv(nanos, 1_000_000_000L);
        int frac = (int) Math.floorMod(nanos, 1_000_000_000L);
        StringBuilder sb = new StringBuilder();
        java.time.format.DateTimeFormatter.ISO_LOCAL_DATE_TIME.formatTo(
                java.time.LocalDateTime.ofEpochSecond(secs, 0, java.time.ZoneOffset.UTC), sb);
        if (sb.length() == 16) {
            sb.append(":00");
        }
        sb.append('.');
        String f = frac % 1000 == 0 ? String.format(Locale.ROOT, "%06d", frac / 1000) : String.format(Locale.ROOT, "%09d", frac);
        return sb.append(f).append('Z').toString();
    }

    @Test
    void relativeRoundsToMicrosecondsHalfUpAndKeepsTheSign() {
        assertEquals("0.003868", Times.relative(1_003_868_000L, 1_000_000_000L));
        assertEquals("0.000000", Times.relative(5, 5));
        assertEquals("0.000001", Times.relative(500, 0));
        assertEquals("0.000000", Times.relative(499, 0));
        assertEquals("-0.000017", Times.relative(0, 17_000));
        assertEquals("-0.000000", Times.relative(0, 100));
        assertEquals("-0.000001", Times.relative(0, 500));
        assertEquals("86400.000000", Times.relative(86_400_000_000_000L, 0));
    }

    @Test
    void sameTextAsStringFormat() {
        Random random = new Random(7);
        long[] edges = {0, 1, -1, 499, 500, 501, -500, 999_999_999_999_499L, 999_999_999_999_500L, -999_999_999_999_500L,
            1_000_000_000_000_000L, -1_000_000_000_000_000L, Long.MAX_VALUE, Long.MIN_VALUE + 1};
        for (long d : edges) {
            assertEquals(String.format(Locale.ROOT, "%.6f", d / 1e9), Times.relative(d, 0), "relative " + d);
        }
        for (int i = 0; i < 50_000; i++) {
            long d = random.nextLong() % (long) Math.pow(10, 1 + random.nextInt(16));
            if (random.nextBoolean()) {
                d = d / 1000 * 1000 + 500;
            }
            assertEquals(String.format(Locale.ROOT, "%.6f", d / 1e9), Times.relative(d, 0), "relative " + d);
            long t = random.nextBoolean() ? random.nextLong() : random.nextLong() / 1000 * 1000;
            int frac = (int) Math.floorMod(t, 1_000_000_000L);
            String f = frac % 1000 == 0 ? String.format(Locale.ROOT, "%06d", frac / 1000) : String.format(Locale.ROOT, "%09d", frac);
            assertEquals(f + "Z", Times.iso(t).substring(Times.iso(t).indexOf('.') + 1), "iso " + t);
        }
    }
}
