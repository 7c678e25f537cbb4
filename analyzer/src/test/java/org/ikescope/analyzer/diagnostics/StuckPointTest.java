package org.ikescope.analyzer.diagnostics;

import static org.ikescope.analyzer.diagnostics.LabCaptureDiagnosticsTest.analyze;
import static org.ikescope.analyzer.diagnostics.LabCaptureDiagnosticsTest.codes;
import static org.ikescope.analyzer.diagnostics.LabCaptureDiagnosticsTest.finding;
import static org.ikescope.analyzer.diagnostics.LabCaptureDiagnosticsTest.labCaptures;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.ikescope.api.plugin.ExchangeView;
import org.ikescope.api.plugin.Finding;
import org.ikescope.api.plugin.QuickModeState;
import org.ikescope.api.plugin.Severity;
import org.ikescope.api.plugin.Side;
import org.ikescope.api.plugin.Step;
import org.ikescope.api.plugin.Phase1State;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * One finding per stuck point, and the phase-2 and data-plane diagnoses on the captures that show
 * them: a quick mode never answered, a quick mode never confirmed, ESP one way.
 */
class StuckPointTest {
    static final Path THIRD_PARTY = Path.of("../dissector/src/test/resources/captures/thirdparty");

    /**
     * Where an error finding says an exchange got stuck: phase 1 (or the IKE SA), a quick mode (by
     * message ID), the data plane, DPD, XAUTH.
     */
    static String stuckPoint(JsonNode x, JsonNode f) {
        String code = f.path("code").asText();
        if (code.startsWith("phase2.")) {
            for (JsonNode q : x.path("quickModes")) {
                for (JsonNode m : q.path("messages")) {
                    for (JsonNode e : f.path("evidence")) {
                        if (m.path("frame").asLong() == e.asLong()) {
                            return "quick mode " + q.path("messageId").asText();
                        }
                    }
                }
            }
            return "quick mode ?";
        }
        if (code.startsWith("esp.")) {
            return "data plane";
        }
        if (code.startsWith("dpd.")) {
            return "dpd";
        }
        if (code.startsWith("xauth.")) {
            return "xauth";
        }
        return "phase 1";
    }

    @TestFactory
    Stream<DynamicTest> noTwoErrorsForOneStuckPoint() {
        List<Path> all = new ArrayList<>(labCaptures());
        all.addAll(thirdParty());
        return all.stream().map(p -> DynamicTest.dynamicTest(p.getFileName().toString(), () -> {
            for (JsonNode x : analyze(p).path("exchanges")) {
                Map<String, List<String>> byPoint = new HashMap<>();
                for (JsonNode f : x.path("findings")) {
                    if ("error".equals(f.path("severity").asText())) {
                        byPoint.computeIfAbsent(stuckPoint(x, f), k -> new ArrayList<>()).add(f.path("code").asText());
                    }
                }
                for (Map.Entry<String, List<String>> e : byPoint.entrySet()) {
                    assertEquals(1, e.getValue().size(), p.getFileName() + " " + x.path("ispi").asText() + " "
                            + e.getKey() + ": " + e.getValue());
                }
            }
        }));
    }

    /** No title claims a cause that is only possible (the cause words of the built-in titles). */
    @Test
    void noPossibleFindingAssertsItsCauseInTheTitle() {
        List<Path> all = new ArrayList<>(labCaptures());
        all.addAll(thirdParty());
        for (Path p : all) {
            for (JsonNode x : analyze(p).path("exchanges")) {
                for (JsonNode f : x.path("findings")) {
                    String title = f.path("title").asText();
                    if ("possible".equals(f.path("confidence").asText())) {
                        for (String claim : List.of("no common transform set", "Pre-shared key mismatch between",
                                "refused the initiator's identity", "(likely an IKE scanner)")) {
                            assertFalse(title.contains(claim), p.getFileName() + ": " + title);
                        }
                    }
                }
            }
        }
    }

    /** QM1 again and again, never answered (libreswan responder fails to install its SA and stays silent). */
    @Test
    void quickModeNeverAnswered() {
        JsonNode doc = analyze(LabCaptureDiagnosticsTest.LAB.resolve("mm-sw-init-libreswan-resp.pcap"));
        for (JsonNode x : doc.path("exchanges")) {
            JsonNode f = finding(x, "phase2.no-response");
            assertEquals("error", f.path("severity").asText());
            assertEquals("likely", f.path("confidence").asText());
            List<Long> qm1 = new ArrayList<>();
            x.path("messages").forEach(m -> {
                if ("QM1".equals(m.path("step").asText())) {
                    qm1.add(m.path("frame").asLong());
                }
            });
            assertEquals(qm1, longs(f.path("evidence")));
            assertTrue(f.path("title").asText().contains("never answered"), f.path("title").asText());
        }
    }

    /** QM1 and QM2 again and again, never QM3: who retransmitted is said. */
    @Test
    void quickModeNeverConfirmed() {
        JsonNode x = analyze(LabCaptureDiagnosticsTest.LAB.resolve("mm-libreswan-init-sw-resp.pcap"))
                .path("exchanges").get(0);
        JsonNode f = finding(x, "phase2.incomplete");
        assertEquals("error", f.path("severity").asText());
        String e = f.path("explanation").asText();
        assertTrue(e.contains("192.0.2.18 resent QM1") && e.contains("192.0.2.108 resent QM2"), e);
    }

    /** The public NAT-T capture: QM2 resent three times after QM3, ESP from the initiator only. */
    @Test
    void espOneWayAfterQm3LostBeyondTheCapturePoint() {
        JsonNode x = analyze(THIRD_PARTY.resolve("isakmp4500.pcap")).path("exchanges").get(0);
        JsonNode f = finding(x, "esp.one-way");
        assertEquals("error", f.path("severity").asText());
        assertTrue(f.path("title").asText().contains("8 packets from 192.1.2.254 to 192.1.2.23"), f.toString());
        assertTrue(f.path("explanation").asText().contains("sent QM2 again 3 times"), f.toString());
        assertTrue(f.path("asa").path("state").asText().contains("#pkts decaps"), f.toString());
    }

    /** A refused quick mode without keys: one finding, and no title claiming a transform-set mismatch. */
    @Test
    void refusedQuickModesSayWhatIsKnown() {
        for (Path p : labCaptures()) {
            for (JsonNode x : analyze(p).path("exchanges")) {
                for (JsonNode f : x.path("findings")) {
                    if (f.path("code").asText().startsWith("phase2.")) {
                        assertFalse(f.path("title").asText().contains("no common transform set")
                                && !"confirmed".equals(f.path("confidence").asText()), p + ": " + f);
                    }
                }
            }
        }
        JsonNode x = analyze(LabCaptureDiagnosticsTest.LAB.resolve("mm-aes128-sha1-modp1024.pcap")).path("exchanges").get(0);
        assertEquals("[phase2.refused]", codes(x).toString());
        assertTrue(finding(x, "phase2.refused").path("explanation").asText().contains("could not install"));
    }

    /** Phase 2 up over NAT-T, the capture going on 20 s, not one ESP packet. */
    @Test
    void noEspAtAllAfterPhaseTwo() {
        ExchangeView x = FakeExchange.main("e1")
                .msg(Step.MM1, Side.INITIATOR).msg(Step.MM2, Side.RESPONDER)
                .msg(Step.MM3, Side.INITIATOR).msg(Step.MM4, Side.RESPONDER)
                .msg(Step.MM5, Side.INITIATOR, 0, 4500, true, List.of(), List.of())
                .msg(Step.MM6, Side.RESPONDER, 0, 4500, true, List.of(), List.of())
                .msg(Step.QM1, Side.INITIATOR, 7, 4500, true, List.of(), List.of())
                .msg(Step.QM2, Side.RESPONDER, 7, 4500, true, List.of(), List.of())
                .msg(Step.QM3, Side.INITIATOR, 7, 4500, true, List.of(), List.of())
                .quickMode(7, QuickModeState.QM_DONE)
                .states(Phase1State.MM_ACTIVE, Phase1State.MM_ACTIVE).captureFor(20).build();
        List<Finding> fs = new ArrayList<>();
        new PhaseTwoDiagnostics().analyze(x, fs::add);
        assertEquals(1, fs.size(), fs.toString());
        assertEquals("esp.none", fs.get(0).code());
        assertEquals(Severity.WARNING, fs.get(0).severity());
        // The same capture stopping right after QM3 says nothing.
        ExchangeView shorter = FakeExchange.main("e2")
                .msg(Step.QM1, Side.INITIATOR, 7, 4500, true, List.of(), List.of())
                .msg(Step.QM2, Side.RESPONDER, 7, 4500, true, List.of(), List.of())
                .msg(Step.QM3, Side.INITIATOR, 7, 4500, true, List.of(), List.of())
                .quickMode(7, QuickModeState.QM_DONE).captureFor(1).build();
        List<Finding> none = new ArrayList<>();
        new PhaseTwoDiagnostics().analyze(shorter, none::add);
        assertEquals(List.of(), none);
    }

    static List<Path> thirdParty() {
        try (Stream<Path> s = Files.list(THIRD_PARTY)) {
            return s.filter(p -> p.toString().matches(".*\\.(pcap|pcapng|cap)$")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<Long> longs(JsonNode a) {
        List<Long> out = new ArrayList<>();
        a.forEach(n -> out.add(n.asLong()));
        return out;
    }
}
