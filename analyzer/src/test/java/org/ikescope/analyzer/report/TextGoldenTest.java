package org.ikescope.analyzer.report;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.ikescope.analyzer.exchange.Analyses;
import org.ikescope.analyzer.analysis.Analysis;
import org.ikescope.analyzer.plugins.PluginDiagnostician;
import org.ikescope.analyzer.plugins.PluginHost;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Golden files of the text report (reconstruction only, no plugins): one
 * {@code src/test/resources/golden/analyze/NAME.txt} per capture. A difference fails with both
 * texts; after an intended change, regenerate them with
 * {@code mvn -pl analyzer test -Dtest=TextGoldenTest -Dikescope.updateGolden=true} and review the diff.
 */
class TextGoldenTest {
    static final Path GOLDEN = Path.of("src/test/resources/golden/analyze");
    static final boolean UPDATE = Boolean.getBoolean("ikescope.updateGolden");

    static List<Path> captures() {
        List<Path> all = new ArrayList<>(Analyses.labCaptures());
        Path tp = Path.of("../dissector/src/test/resources/captures/thirdparty");
        for (String n : List.of("ipsec.cap", "isakmp4500.pcap", "ipsec_client.pcap", "espudp1.pcap")) {
            all.add(tp.resolve(n));
        }
        return all;
    }

    /** The text report of {@code capture} as {@code ikescope analyze} prints it, without diagnostics. */
    static String render(Path capture) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        TextReport report = new TextReport(out, List.of(capture.toString()), null);
        Analysis.builder().build().run(List.of(capture.toString()), report);
        return bytes.toString(StandardCharsets.UTF_8);
    }

    /**
     * many-peers.pcap as {@code ikescope analyze} prints it with the built-in diagnostics: a golden
     * file, no line wider than 100 columns.
     */
    @org.junit.jupiter.api.Test
    void manyPeersWithDiagnosticsReadsAt100Columns() throws IOException {
        Path capture = Path.of("../dissector/src/test/resources/captures/lab/many-peers.pcap");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        TextReport report = new TextReport(out, List.of(capture.toString()), null, 100);
        try (PluginHost host = PluginHost.load(PluginHost.Config.defaults(), w -> { })) {
            Analysis.builder().diagnostician(new PluginDiagnostician(host)).build().run(List.of(capture.toString()), report);
        }
        String got = bytes.toString(StandardCharsets.UTF_8);
        assertNarrow(got, 100, "many-peers with diagnostics");
        Path golden = GOLDEN.resolve("many-peers.pcap.diagnosed.txt");
        if (UPDATE) {
            Files.writeString(golden, got, StandardCharsets.UTF_8);
            return;
        }
        assertEquals(Files.readString(golden, StandardCharsets.UTF_8), got, "differs from " + golden);
    }

    static void assertNarrow(String text, int width, String what) {
        for (String line : text.split("\n")) {
            assertTrue(line.length() <= width, what + ": " + line.length() + " columns: " + line);
        }
    }

    @TestFactory
    Stream<DynamicTest> textReports() {
        return captures().stream().map(p -> DynamicTest.dynamicTest(p.getFileName().toString(), () -> {
            String got = render(p);
            assertNarrow(got, 100, p.getFileName().toString());
            Path golden = GOLDEN.resolve(p.getFileName().toString() + ".txt");
            if (UPDATE) {
                Files.createDirectories(GOLDEN);
                Files.writeString(golden, got, StandardCharsets.UTF_8);
                return;
            }
            assertTrue(Files.exists(golden), "no golden file " + golden.toAbsolutePath() + " (run with -Dikescope.updateGolden=true)");
            assertEquals(Files.readString(golden, StandardCharsets.UTF_8), got, "text report of " + p + " differs from " + golden);
        }));
    }
}
