package org.ikescope.analyzer.diagnostics;

import static org.ikescope.analyzer.diagnostics.LabCaptureDiagnosticsTest.analyze;
import static org.ikescope.analyzer.diagnostics.LabCaptureDiagnosticsTest.codes;
import static org.ikescope.analyzer.diagnostics.LabCaptureDiagnosticsTest.exchangesByIspi;
import static org.ikescope.analyzer.diagnostics.LabCaptureDiagnosticsTest.labCaptures;
import static org.ikescope.analyzer.diagnostics.LabCaptureDiagnosticsTest.truthOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.ikescope.dissector.pipeline.PcapFilter;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * The capture's window as evidence: a capture of a tunnel that came up, cut right after one of
 * its messages, shows an unfinished exchange and no failure ({@code capture.ends-mid-exchange},
 * no finding of severity error on it, and no error elsewhere that the whole capture does not
 * have).
 */
class CaptureWindowTest {
    /** The steps after which the lab captures are cut. */
    private static final List<String> CUT_AFTER = List.of("MM1", "MM2", "MM3", "MM4", "MM5", "AM1", "AM2", "QM1", "QM2");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path cuts;

    @TestFactory
    Stream<DynamicTest> everyTunnelThatCameUpCutAfterEachStep() throws IOException {
        List<DynamicTest> tests = new ArrayList<>();
        for (Path capture : labCaptures()) {
            if (!capture.toString().endsWith(".pcap") || !Files.exists(truthOf(capture))) {
                continue;
            }
            JsonNode truth = JSON.readTree(truthOf(capture).toFile());
            JsonNode whole = analyze(capture);
            Map<String, JsonNode> wholeById = exchangesByIspi(whole);
            long frames = whole.path("stats").path("frames").asLong();
            for (JsonNode e : truth.path("exchanges")) {
                String i = e.path("final_state_cisco").path("initiator").asText();
                if (!"MM_ACTIVE".equals(i) && !"AM_ACTIVE".equals(i)) {
                    continue;
                }
                String ispi = e.path("icookie").asText();
                JsonNode x = wholeById.get(ispi);
                for (String step : CUT_AFTER) {
                    long frame = firstCopy(x, step);
                    if (frame == 0) {
                        continue;
                    }
                    String name = capture.getFileName() + " " + ispi.substring(0, 8) + " after " + step;
                    tests.add(DynamicTest.dynamicTest(name, () -> checkCut(capture, frames, frame, ispi, wholeById)));
                }
            }
        }
        assertTrue(tests.size() > 100, "cuts: " + tests.size());
        return tests.stream();
    }

    private static void checkCut(Path capture, long frames, long after, String ispi, Map<String, JsonNode> whole)
            throws IOException {
        Path cut = cuts.resolve(capture.getFileName() + "." + after + ".pcap");
        Set<Long> dropped = new TreeSet<>();
        LongStream.rangeClosed(after + 1, frames).forEach(dropped::add);
        PcapFilter.without(capture, cut, dropped);
        Map<String, JsonNode> mine = exchangesByIspi(analyze(cut));
        JsonNode x = mine.get(ispi);
        assertTrue(codes(x).contains("capture.ends-mid-exchange"), codes(x).toString());
        assertEquals(List.of(), errors(x), "the cut exchange");
        for (Map.Entry<String, JsonNode> o : mine.entrySet()) {
            List<String> before = errors(whole.get(o.getKey()));
            for (String code : errors(o.getValue())) {
                assertTrue(before.contains(code), o.getKey() + ": " + code + " only in the cut capture");
            }
        }
    }

    /** A one-frame MM1 (zero-length header, public) is a capture that stopped, not an unreachable peer. */
    @Test
    void aSingleMm1IsUnfinishedNotUnreachable() {
        Path capture = Path.of("../dissector/src/test/resources/captures/thirdparty/ipsec-ikev1-zero-length.pcap");
        JsonNode x = analyze(capture).path("exchanges").get(0);
        assertFalse(codes(x).contains("peer.unreachable"), codes(x).toString());
        assertTrue(codes(x).contains("capture.ends-mid-exchange"), codes(x).toString());
        assertEquals(List.of(), errors(x));
    }

    /** One main-mode frame from the middle: the start is missing, and NAT-T is not judged without MM1/MM2. */
    @Test
    void aLoneMainModeFrameStartsMidExchangeAndSaysNothingOfNatT() {
        Path capture = Path.of("../dissector/src/test/resources/captures/thirdparty/isakmp-identification-segfault.pcap");
        JsonNode x = analyze(capture).path("exchanges").get(0);
        assertTrue(codes(x).contains("capture.starts-mid-exchange"), codes(x).toString());
        assertTrue(codes(x).stream().noneMatch(c -> c.startsWith("natt.")), codes(x).toString());
    }

    /** The ike-scan capture goes on for 5.2 s after MM2, longer than strongSwan waits: a probe, not a cut. */
    @Test
    void aCaptureThatOutlastsTheRetransmissionIsNotCut() {
        JsonNode x = analyze(LabCaptureDiagnosticsTest.LAB.resolve("ikescan-main.pcap")).path("exchanges").get(0);
        assertTrue(codes(x).contains("scan.probe"), codes(x).toString());
        assertFalse(codes(x).contains("capture.ends-mid-exchange"), codes(x).toString());
    }

    private static long firstCopy(JsonNode x, String step) {
        for (JsonNode m : x.path("messages")) {
            if (step.equals(m.path("step").asText()) && m.path("retransmissionOf").isNull()) {
                return m.path("frame").asLong();
            }
        }
        return 0;
    }

    private static List<String> errors(JsonNode x) {
        List<String> out = new ArrayList<>();
        for (JsonNode f : x.path("findings")) {
            if ("error".equals(f.path("severity").asText())) {
                out.add(f.path("code").asText());
            }
        }
        return out;
    }
}
