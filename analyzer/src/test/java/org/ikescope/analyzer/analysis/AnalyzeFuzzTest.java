package org.ikescope.analyzer.analysis;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.ikescope.analyzer.diagnose.Diagnostician;
import org.ikescope.analyzer.plugins.PluginDiagnostician;
import org.ikescope.analyzer.plugins.PluginHost;
import org.ikescope.analyzer.report.JsonReport;
import org.ikescope.analyzer.report.TextReport;
import org.ikescope.dissector.capture.Captures;
import org.ikescope.dissector.model.Escape;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Fuzz target of the whole analyze pipeline: a capture (seeded with the small lab captures) read,
 * dissected, reconstructed, diagnosed by the built-in plugins and written as JSON and as text.
 * The JSON always parses and says every frame is accounted for; the text holds no character a
 * terminal would act on.
 */
class AnalyzeFuzzTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @FuzzTest(maxDuration = "10m")
    void analyze(byte[] data) throws IOException {
        ByteArrayOutputStream json = new ByteArrayOutputStream();
        run(data, new JsonReport(json));
        JsonNode doc = JSON.readTree(json.toByteArray());
        assertTrue(doc.has("stats"), "the JSON document ends with its stats");
        assertTrue(doc.path("stats").path("balanced").asBoolean(true), () -> "every frame accounted for: " + doc.path("stats"));
        ByteArrayOutputStream text = new ByteArrayOutputStream();
        run(data, new TextReport(new PrintStream(text, true, StandardCharsets.UTF_8), List.of("fuzz.pcap"), null, 100));
        text.toString(StandardCharsets.UTF_8).codePoints()
                .forEach(cp -> assertFalse(cp != '\n' && Escape.unsafe(cp), () -> "raw U+" + Integer.toHexString(cp)));
    }

    private static void run(byte[] data, AnalysisSink sink) throws IOException {
        try (Diagnostician d = new PluginDiagnostician(PluginHost.load(
                PluginHost.Config.defaults().withClassPath(PluginHost.class.getClassLoader()), w -> { }))) {
            Analysis.builder()
                    .opener(name -> Captures.open(name, new ByteArrayInputStream(data)))
                    .diagnostician(d)
                    .build()
                    .run(List.of("fuzz.pcap"), sink);
        }
    }

}
