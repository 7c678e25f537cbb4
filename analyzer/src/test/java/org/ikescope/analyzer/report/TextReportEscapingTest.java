package org.ikescope.analyzer.report;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.ikescope.analyzer.analysis.Analysis;
import org.ikescope.api.plugin.Confidence;
import org.ikescope.api.plugin.Finding;
import org.ikescope.api.plugin.Severity;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a capture's name or a plugin says reaches the terminal escaped: no control or bidi characters. */
class TextReportEscapingTest {
    @TempDir
    Path dir;

    @Test
    void fileNamesAndPluginTextAreEscaped() throws IOException {
        Path capture = dir.resolve("evil\u001b[2J\u202e.pcap");
        Files.copy(Path.of("../dissector/src/test/resources/captures/lab/mm-pskmismatch.pcap"), capture);
        Finding bad = Finding.of("example.\u001b[31mred", Severity.ERROR, Confidence.LIKELY)
                .title("title\u0007\u009b with a bell").explanation("line\nbreak\u2028and \u2066isolate")
                .remediation("\u001b]0;window title\u0007").evidence(3L).asa("state\u001b[K", "log\u0008").build();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        TextReport report = new TextReport(new PrintStream(bytes, true, StandardCharsets.UTF_8),
                List.of(capture.toString()), null, 100);
        Analysis.builder().diagnostician(x -> List.of(bad)).build().run(List.of(capture.toString()), report);
        String out = bytes.toString(StandardCharsets.UTF_8);
        for (char c : out.toCharArray()) {
            boolean control = c < 0x20 && c != '\n' || c == 0x7f || c >= 0x80 && c < 0xa0;
            boolean bidi = c == 0x202e || c == 0x2066 || c == 0x2028;
            assertFalse(control || bidi, "character U+" + Integer.toHexString(c) + " reached the output");
        }
        assertTrue(out.contains("evil\\x1b[2J\\u{202E}.pcap"), out);
        assertTrue(out.contains("example.\\x1b[31mred"), out);
    }
}
