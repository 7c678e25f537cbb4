package org.ikescope.analyzer.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.ikescope.analyzer.analysis.Analysis;
import org.ikescope.api.plugin.Confidence;
import org.ikescope.api.plugin.Finding;
import org.ikescope.api.plugin.Severity;
import org.junit.jupiter.api.Test;

/** The text report's fast paths write what the general ones (and the format strings they replace) write. */
class TextReportFastPathTest {
    /** Table rows of ASCII are written from their bytes, others from their text: NOTE is cut alike. */
    @Test
    void noteIsCutAlikeInAsciiAndOtherRows() throws IOException {
        String capture = "../dissector/src/test/resources/captures/lab/many-peers.pcap";
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        TextReport report = new TextReport(new PrintStream(bytes, true, StandardCharsets.UTF_8), List.of(capture), null, 100);
        Analysis.builder().diagnostician(x -> List.of(Finding.of((x.id() % 2 == 0 ? "caf\u00e9." + "\u00e9".repeat(80)
                : "cafe." + "e".repeat(80)), Severity.ERROR, Confidence.LIKELY).title("t").build())).build()
                .run(List.of(capture), report);
        String out = bytes.toString(StandardCharsets.UTF_8);
        assertTrue(out.contains("NOTE cut"), out);
        List<String> rows = new ArrayList<>();
        for (String line : out.split("\n")) {
            if (line.matches("  \\d+ .*") && line.contains("caf")) {
                rows.add(line);
            }
        }
        assertTrue(rows.size() >= 2 && rows.stream().anyMatch(r -> r.contains("\u00e9")) && rows.stream().anyMatch(r -> r.contains("cafe.")),
                out);
        for (String r : rows) {
            assertTrue(r.endsWith("..."), r);
            assertEquals(rows.get(0).length(), r.length(), rows.get(0) + "\n" + r);
            assertEquals(rows.get(0).indexOf("caf"), r.indexOf("caf"), rows.get(0) + "\n" + r);
        }
    }

    /** Durations under a second without a Formatter: every half-way case, and others at random. */
    @Test
    void millisecondsAsFormatWritesThem() {
        for (long n = 5_000; n < 1_000_000_000L; n += 10_000) {
            assertEquals(String.format(Locale.ROOT, "%.2f ms", n / 1e6), TextReport.ms(n), "nanos " + n);
        }
        Random random = new Random(10);
        for (int i = 0; i < 100_000; i++) {
            long n = i < 50_000 ? random.nextInt(1_000_000_000) : random.nextInt(20_000_000);
            assertEquals(String.format(Locale.ROOT, "%.2f ms", n / 1e6), TextReport.ms(n), "nanos " + n);
        }
        assertEquals("0.00 ms", TextReport.ms(0));
        assertEquals("1000.00 ms", TextReport.ms(999_999_999));
        assertEquals("1.000 s", TextReport.ms(1_000_000_000));
        assertEquals("?", TextReport.ms(-1));
    }

    /** The report's encoder writes the bytes String.getBytes writes, lone surrogates as '?'. */
    @Test
    void utf8BufferEncodesAsGetBytes() {
        Random random = new Random(10);
        char[] alphabet = {'a', ' ', '\u00e9', '\u0800', '\uffff', '\ud83d', '\ude00', '\u007f', '\u0080', '\u07ff'};
        Utf8Buffer b = new Utf8Buffer(4);
        for (int i = 0; i < 20_000; i++) {
            char[] c = new char[random.nextInt(12)];
            for (int j = 0; j < c.length; j++) {
                c[j] = alphabet[random.nextInt(alphabet.length)];
            }
            String s = new String(c);
            int from = s.isEmpty() ? 0 : random.nextInt(s.length());
            int to = from + random.nextInt(s.length() - from + 1);
            b.reset();
            b.append("x").append(s, from, to);
            byte[] got = java.util.Arrays.copyOf(b.array(), b.size());
            assertArrayEquals(("x" + s.substring(from, to)).getBytes(StandardCharsets.UTF_8), got, s);
        }
    }
}
