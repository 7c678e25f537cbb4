package org.ikescope.analyzer.output;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Random;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * {@link JsonOut} writes the bytes the Jackson generator with {@link JsonText}'s escapes wrote (the
 * JSON writer before it): strings of every kind of character, numbers, and nesting.
 */
class JsonOutTest {
    /** One side of a comparison: the same calls on JsonOut and on Jackson. */
    private interface Calls {
        void on(JsonOut o, JsonGenerator g) throws IOException;
    }

    private static void same(Calls c) throws IOException {
        ByteArrayOutputStream mine = new ByteArrayOutputStream();
        JsonOut o = new JsonOut(mine);
        ByteArrayOutputStream jackson = new ByteArrayOutputStream();
        JsonGenerator g = JsonText.factory().createGenerator(jackson, JsonEncoding.UTF8);
        g.setRootValueSeparator(null);
        c.on(o, g);
        o.flush();
        g.flush();
        byte[] a = jackson.toByteArray();
        byte[] b = mine.toByteArray();
        int at = java.util.Arrays.mismatch(a, b);
        if (at >= 0) {
            // Only the bytes around the first difference: the outputs can be long.
            int from = Math.max(0, at - 40);
            assertEquals(new String(a, from, Math.min(a.length, at + 40) - from, java.nio.charset.StandardCharsets.ISO_8859_1),
                    new String(b, from, Math.min(b.length, at + 40) - from, java.nio.charset.StandardCharsets.ISO_8859_1),
                    "first difference at byte " + at);
            assertArrayEquals(a, b);
        }
    }

    private static void sameString(String s) throws IOException {
        same((o, g) -> {
            o.writeString(s);
            g.writeString(s);
        });
    }

    @Test
    void everyCharOnItsOwn() throws IOException {
        StringBuilder all = new StringBuilder();
        for (int c = 0; c <= 0xffff; c++) {
            all.append((char) c);
        }
        // All at once (every lone surrogate too), and each in a short string.
        sameString(all.toString());
        for (int c = 0; c <= 0xffff; c += 1) {
            sameString("a" + (char) c + "b");
        }
    }

    @Test
    void everyCodePointAsSurrogatePairs() throws IOException {
        StringBuilder sb = new StringBuilder();
        for (int cp = 0x10000; cp <= Character.MAX_CODE_POINT; cp++) {
            sb.appendCodePoint(cp);
            if (sb.length() > 10_000) {
                sameString(sb.toString());
                sb.setLength(0);
            }
        }
        sameString(sb.toString());
    }

    private static final String SPECIAL = "\u202e\u2066\u200b\u2028\u2029\u00ad\ufeff\u0085\u061c\"\\/é€\u007f\u0000\n\t";

    /** Texts: printable ASCII around the length written in bulk, plain or with one character to escape or encode anywhere. */
    @Test
    void asciiTexts() throws IOException {
        Random r = new Random(12);
        for (int i = 0; i < 20_000; i++) {
            StringBuilder sb = new StringBuilder();
            int n = r.nextInt(2) == 0 ? 28 + r.nextInt(8) : r.nextInt(300);
            for (int j = 0; j < n; j++) {
                sb.append((char) (0x20 + r.nextInt(0x5f)));
            }
            if (n > 0 && r.nextInt(3) == 0) {
                sb.setCharAt(r.nextInt(n), SPECIAL.charAt(r.nextInt(SPECIAL.length())));
            }
            sameString(sb.toString());
        }
    }

    @Test
    void randomStrings() throws IOException {
        Random r = new Random(10);
        for (int i = 0; i < 20_000; i++) {
            StringBuilder sb = new StringBuilder();
            int n = r.nextInt(i % 100 == 0 ? 20_000 : 40);
            for (int j = 0; j < n; j++) {
                switch (r.nextInt(6)) {
                    case 0 -> sb.append((char) r.nextInt(0x80));
                    case 1 -> sb.append((char) r.nextInt(0xa0));
                    case 2 -> sb.append((char) r.nextInt(0x10000));
                    case 3 -> sb.appendCodePoint(0x10000 + r.nextInt(Character.MAX_CODE_POINT - 0xffff));
                    case 4 -> sb.append((char) (0xd800 + r.nextInt(0x800)));
                    default -> sb.append(SPECIAL.charAt(r.nextInt(SPECIAL.length())));
                }
            }
            sameString(sb.toString());
        }
    }

    @Test
    void numbers() throws IOException {
        long[] longs = {0, 1, -1, 9, 10, -10, 99, 100, 4294967295L, Integer.MIN_VALUE, Integer.MAX_VALUE,
                Long.MIN_VALUE, Long.MAX_VALUE, Long.MIN_VALUE + 1, 1_000_000_000_000_000_000L};
        same((o, g) -> {
            g.writeStartArray();
            o.writeStartArray();
            for (long v : longs) {
                g.writeNumber(v);
                o.writeNumber(v);
            }
            Random r = new Random(2);
            for (int i = 0; i < 100_000; i++) {
                long v = r.nextLong() >> r.nextInt(64);
                g.writeNumber(v);
                o.writeNumber(v);
            }
            g.writeEndArray();
            o.writeEndArray();
        });
    }

    /** Doubles as the outputs have them (milliseconds with three decimals), and any other through the JDK. */
    @Test
    void doubles() throws IOException {
        double[] doubles = {0.0, -0.0, 0.001, 0.01, 0.1, 1.0, 12.345, 1234567.891, 9999999.999, 1.0E7, 1.0E7 + 0.001, 123456789.5,
                -1.5, 1e-5, 2e23, Double.MIN_VALUE, Double.MAX_VALUE, 0.1 + 0.2, Math.PI};
        same((o, g) -> {
            g.writeStartArray();
            o.writeStartArray();
            for (double v : doubles) {
                g.writeNumber(v);
                o.writeNumber(v);
            }
            for (long k = 0; k < 2_000_000; k++) {
                g.writeNumber(k / 1000.0);
                o.writeNumber(k / 1000.0);
            }
            Random r = new Random(3);
            for (int i = 0; i < 1_000_000; i++) {
                // As JsonValues.millis writes them: nanoseconds rounded to microseconds, in milliseconds.
                long nanos = (long) (r.nextDouble() * Math.pow(10, 1 + r.nextInt(17)));
                double v = Math.round(nanos / 1000.0) / 1000.0;
                g.writeNumber(v);
                o.writeNumber(v);
                double any = Double.longBitsToDouble(r.nextLong());
                if (Double.isFinite(any)) {
                    g.writeNumber(any);
                    o.writeNumber(any);
                }
            }
            g.writeEndArray();
            o.writeEndArray();
        });
    }

    @Test
    void nestingNamesAndRootValues() throws IOException {
        Random r = new Random(4);
        String[] names = {"a", "schemaVersion", "x\"y", "é", "\u202e", "spi"};
        for (int round = 0; round < 200; round++) {
            same((o, g) -> {
                for (int root = 0; root < 3; root++) {
                    g.writeStartObject();
                    o.writeStartObject();
                    randomMembers(r, names, o, g, 0);
                    g.writeEndObject();
                    o.writeEndObject();
                    g.writeRaw('\n');
                    o.writeNewline();
                }
            });
        }
    }

    private static void randomMembers(Random r, String[] names, JsonOut o, JsonGenerator g, int depth) throws IOException {
        int n = r.nextInt(5);
        for (int i = 0; i < n; i++) {
            String name = names[r.nextInt(names.length)];
            g.writeFieldName(name);
            o.writeFieldName(name);
            randomValue(r, names, o, g, depth);
        }
    }

    private static void randomValue(Random r, String[] names, JsonOut o, JsonGenerator g, int depth) throws IOException {
        switch (depth > 90 ? r.nextInt(6) : r.nextInt(8)) {
            case 0 -> {
                g.writeNull();
                o.writeNull();
            }
            case 1 -> {
                boolean b = r.nextBoolean();
                g.writeBoolean(b);
                o.writeBoolean(b);
            }
            case 2 -> {
                long v = r.nextLong() >> r.nextInt(64);
                g.writeNumber(v);
                o.writeNumber(v);
            }
            case 3 -> {
                g.writeString("s" + depth);
                o.writeString("s" + depth);
            }
            case 4 -> {
                byte[] b = new byte[r.nextInt(40)];
                r.nextBytes(b);
                StringBuilder hex = new StringBuilder();
                for (byte x : b) {
                    hex.append(String.format("%02x", x));
                }
                g.writeString(hex.toString());
                o.writeHex(b, 0, b.length);
            }
            case 5 -> {
                long nanos = r.nextLong() >> r.nextInt(64);
                g.writeString(Times.iso(nanos));
                o.writeIsoTime(nanos);
            }
            case 6 -> {
                g.writeStartObject();
                o.writeStartObject();
                randomMembers(r, names, o, g, depth + 1);
                g.writeEndObject();
                o.writeEndObject();
            }
            default -> {
                g.writeStartArray();
                o.writeStartArray();
                int n = r.nextInt(4);
                for (int i = 0; i < n; i++) {
                    randomValue(r, names, o, g, depth + 1);
                }
                g.writeEndArray();
                o.writeEndArray();
            }
        }
    }

    /** Names beyond the cache ({@link JsonOut#MAX_NAMES}, names made at run time) are written as well. */
    @Test
    void manyNames() throws IOException {
        same((o, g) -> {
            g.writeStartObject();
            o.writeStartObject();
            for (int i = 0; i < JsonOut.MAX_NAMES * 2; i++) {
                String name = "n" + i;
                g.writeNumberField(name, i);
                o.writeNumberField(name, i);
            }
            g.writeEndObject();
            o.writeEndObject();
        });
    }

    /** Cookies and message IDs as IsakmpMessage.hex64 and hex32 write them. */
    @Test
    void hexOfLongsAndInts() throws IOException {
        Random r = new Random(6);
        same((o, g) -> {
            for (int i = 0; i < 100_000; i++) {
                long v = i < 3 ? new long[] {0, -1, Long.MIN_VALUE}[i] : r.nextLong() >>> r.nextInt(64);
                g.writeString(org.ikescope.dissector.isakmp.IsakmpMessage.hex64(v));
                o.writeHex(v, 16);
                g.writeString(org.ikescope.dissector.isakmp.IsakmpMessage.hex32((int) v));
                o.writeHex(v & 0xffffffffL, 8);
            }
        });
    }

    /** Addresses as Addresses.format writes them, bytes as ImmutableBytes.hex. */
    @Test
    void addressesAndBytes() throws IOException {
        Random r = new Random(8);
        same((o, g) -> {
            for (int i = 0; i < 100_000; i++) {
                byte[] a = new byte[4];
                r.nextBytes(a);
                if (i < 256) {
                    a[0] = a[1] = a[2] = a[3] = (byte) i;
                }
                g.writeString(org.ikescope.dissector.model.Addresses.format(a));
                o.writeIpv4(a[0] & 0xff, a[1] & 0xff, a[2] & 0xff, a[3] & 0xff);
                byte[] b = new byte[r.nextInt(40)];
                r.nextBytes(b);
                int from = b.length == 0 ? 0 : r.nextInt(b.length);
                org.ikescope.api.plugin.ImmutableBytes v = org.ikescope.api.plugin.ImmutableBytes.copyOfRange(b, from, b.length);
                g.writeString(v.hex());
                o.writeHex(v);
            }
        });
    }

    /** Times as the string Times.iso makes, written without it, also before 1970 and past 9999. */
    @Test
    void isoTimes() throws IOException {
        Random r = new Random(5);
        same((o, g) -> {
            g.writeStartArray();
            o.writeStartArray();
            long[] edge = {0, -1, 1, 999, 1000, -1_000_000_000L, -1_000_000_001L, Long.MAX_VALUE, Long.MIN_VALUE, 1_764_000_000_123_456_000L, 1_764_000_000_123_456_789L};
            for (long t : edge) {
                g.writeString(Times.iso(t));
                o.writeIsoTime(t);
            }
            for (int i = 0; i < 200_000; i++) {
                long t = r.nextLong() >> r.nextInt(64);
                g.writeString(Times.iso(t));
                o.writeIsoTime(t);
            }
            g.writeEndArray();
            o.writeEndArray();
        });
    }

    /** Times in capture order: many in one second (its date and time of day written once), some out of order. */
    @Test
    void isoTimesInOrder() throws IOException {
        Random r = new Random(9);
        same((o, g) -> {
            g.writeStartArray();
            o.writeStartArray();
            long t = 1_764_000_000_000_000_000L;
            for (int i = 0; i < 100_000; i++) {
                t += r.nextInt(5) == 0 ? -r.nextInt(2_000_000_000) : r.nextInt(300_000_000);
                if (i % 1000 == 0) {
                    t = r.nextLong() >> r.nextInt(64);
                }
                g.writeString(Times.iso(t));
                o.writeIsoTime(t);
            }
            g.writeEndArray();
            o.writeEndArray();
        });
    }

    /**
     * Labels are strings: the same bytes whether the label is encoded or kept, the same object or
     * an equal one made anew, and beyond the labels kept ({@link JsonOut#MAX_LABELS}).
     */
    @Test
    void labels() throws IOException {
        String[] pool = {"main", "initiator", "MM_ACTIVE", "", "a\"b", "tab\there", "caf\u00e9", "\u202e", "\ud83d\ude00",
                "1024-bit MODP group", "id", "ip", "to"};
        Random r = new Random(10);
        same((o, g) -> {
            g.writeStartArray();
            o.writeStartArray();
            for (int i = 0; i < 50_000; i++) {
                String s = switch (r.nextInt(4)) {
                    case 0 -> pool[r.nextInt(pool.length)];
                    case 1 -> new String(pool[r.nextInt(pool.length)]);
                    case 2 -> "label " + r.nextInt(JsonOut.MAX_LABELS * 2);
                    default -> i % 100 == 0 ? null : "made " + i;
                };
                if (s == null) {
                    g.writeNull();
                } else {
                    g.writeString(s);
                }
                o.writeLabel(s);
            }
            g.writeStartObject();
            o.writeStartObject();
            g.writeStringField("k", "v");
            o.writeLabelField("k", new String("v"));
            g.writeEndObject();
            o.writeEndObject();
            g.writeEndArray();
            o.writeEndArray();
        });
    }

    /** Names encoded once ({@link JsonOut.Name}) are written as names given as strings, commas and escapes included. */
    @Test
    void encodedNames() throws IOException {
        String[] texts = {"id", "frame", "", "a\"b", "caf\u00e9", "\u2028", "n\u0000"};
        JsonOut.Name[] names = new JsonOut.Name[texts.length];
        for (int i = 0; i < texts.length; i++) {
            names[i] = JsonOut.name(texts[i]);
        }
        Random r = new Random(11);
        same((o, g) -> {
            g.writeStartArray();
            o.writeStartArray();
            for (int i = 0; i < 2_000; i++) {
                g.writeStartObject();
                o.writeStartObject();
                for (int k = r.nextInt(4); k > 0; k--) {
                    int n = r.nextInt(texts.length);
                    switch (r.nextInt(5)) {
                        case 0 -> {
                            g.writeNumberField(texts[n], i);
                            o.writeNumberField(names[n], i);
                        }
                        case 1 -> {
                            g.writeStringField(texts[n], texts[k % texts.length]);
                            o.writeLabelField(names[n], texts[k % texts.length]);
                        }
                        case 2 -> {
                            g.writeNullField(texts[n]);
                            o.writeNullField(names[n]);
                        }
                        case 3 -> {
                            g.writeArrayFieldStart(texts[n]);
                            o.writeArrayFieldStart(names[n]);
                            g.writeBoolean(true);
                            o.writeBoolean(true);
                            g.writeEndArray();
                            o.writeEndArray();
                        }
                        default -> {
                            g.writeObjectFieldStart(texts[n]);
                            o.writeObjectFieldStart(names[n]);
                            g.writeStringField(texts[n], "v");
                            o.writeStringField(names[n], "v");
                            g.writeEndObject();
                            o.writeEndObject();
                        }
                    }
                }
                g.writeEndObject();
                o.writeEndObject();
            }
            g.writeEndArray();
            o.writeEndArray();
        });
    }
}
