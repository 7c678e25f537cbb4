package org.ikescope.analyzer.diagnostics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.ikescope.analyzer.cli.Main;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The built-in diagnostics against every lab capture (real strongSwan/libreswan/ike-scan runs,
 * no keys): the codes the daemons' truth calls for appear on the right exchange, and exchanges
 * whose phase 1 completed carry no phase-1 error. {@link #expectedCodes} is a port of
 * {@code expected_codes} in the shared {@code analyze_vs_truth.py}, the outside check, with one
 * rule the script does not have yet (issue 9): a refusal of MM1 by a responder that has no
 * configuration for the initiator ({@code peer_config.outcome_configured} {@code nopeer}) while it
 * accepts the same proposal from another initiator in the capture is
 * {@code config.peer-not-configured}, not {@code policy.mismatch}.
 */
class LabCaptureDiagnosticsTest {
    /** The lab captures and their truth files, as copied into the dissector's test resources. */
    static final Path LAB = Path.of("../dissector/src/test/resources/captures/lab");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<Path, JsonNode> ANALYZED = new HashMap<>();

    // ---------------------------------------------------------------- the truth, as the outside check reads it

    /** The finding codes a correct diagnosis must include, from one truth exchange (no keys). */
    static Set<String> expectedCodes(JsonNode e) {
        return expectedCodes(e, List.of());
    }

    /**
     * {@link #expectedCodes(JsonNode)}, knowing the other exchanges of the capture ({@code all},
     * for the unconfigured-peer rule).
     */
    static Set<String> expectedCodes(JsonNode e, List<JsonNode> all) {
        JsonNode st = e.path("final_state_cisco");
        String i = text(st.get("initiator"));
        String r = text(st.get("responder"));
        List<JsonNode> msgs = new ArrayList<>();
        e.path("messages").forEach(msgs::add);
        if ("MM_WAIT_MSG2".equals(i) && r == null) {
            return Set.of("peer.unreachable");
        }
        if ("MM_WAIT_MSG2".equals(i) && "MM_NO_STATE".equals(r)) {
            return Set.of(acceptedFromAnotherPeer(e, all) ? "config.peer-not-configured" : "policy.mismatch");
        }
        if ("MM_WAIT_MSG2".equals(i) && "MM_WAIT_MSG3".equals(r)) {
            boolean mm1Resent = msgs.stream().anyMatch(m -> "MM1".equals(text(m.get("label")))
                    && truthy(m.get("retransmission_of_frame")));
            return Set.of(mm1Resent ? "path.one-way" : "scan.probe");
        }
        if ("MM_WAIT_MSG4".equals(i)) {
            return Set.of("config.tunnel-group-missing");
        }
        if ("MM_WAIT_MSG6".equals(i)) {
            // json.dumps of the responder's logged notifies, searched as text, as the script does.
            String sent = e.path("responder").path("notifies_sent_logged").toString();
            return Set.of(sent.contains("AUTHENTICATION_FAILED") ? "auth.peer-rejected" : "auth.psk-mismatch");
        }
        if ("AM_WAIT_MSG2".equals(i) && "AM_WAIT_MSG3".equals(r)) {
            boolean informational = msgs.stream().anyMatch(m -> "initiator".equals(text(m.get("from")))
                    && "informational".equals(text(m.get("label"))));
            return Set.of(informational ? "auth.psk-mismatch" : "scan.probe");
        }
        if ("AM_ACTIVE".equals(i)) {
            return Set.of("crypto.aggressive-psk-exposed");
        }
        return Set.of();
    }

    /**
     * The truth says the responder has no configuration for this initiator, and another initiator
     * of the same capture got an answer from the same responder to the same phase-1 proposal.
     */
    static boolean acceptedFromAnotherPeer(JsonNode e, List<JsonNode> all) {
        JsonNode pc = e.path("peer_config");
        if (!"nopeer".equals(pc.path("outcome_configured").asText())) {
            return false;
        }
        for (JsonNode o : all) {
            boolean answered = !"MM_WAIT_MSG2".equals(text(o.path("final_state_cisco").get("initiator")));
            if (o != e && answered && o.path("responder").path("addr").equals(e.path("responder").path("addr"))
                    && o.path("peer_config").path("ike_i").equals(pc.path("ike_i"))) {
                return true;
            }
        }
        return false;
    }

    private static String text(JsonNode n) {
        return n == null || n.isNull() ? null : n.asText();
    }

    /** Python truthiness of a JSON value (the script tests {@code m.get(...)}). */
    private static boolean truthy(JsonNode n) {
        if (n == null || n.isNull()) {
            return false;
        }
        if (n.isNumber()) {
            return n.asLong() != 0;
        }
        if (n.isBoolean()) {
            return n.asBoolean();
        }
        return !n.asText().isEmpty();
    }

    // ---------------------------------------------------------------- every capture with a truth file

    @TestFactory
    Stream<DynamicTest> expectedCodesOnEveryLabCapture() {
        List<Path> caps = labCaptures();
        assertFalse(caps.isEmpty(), "no lab captures under " + LAB.toAbsolutePath());
        return caps.stream().filter(p -> Files.exists(truthOf(p)))
                .map(p -> DynamicTest.dynamicTest(p.getFileName().toString(), () -> checkAgainstTruth(p)));
    }

    private static void checkAgainstTruth(Path capture) throws IOException {
        JsonNode truth = JSON.readTree(truthOf(capture).toFile());
        Map<String, JsonNode> mine = exchangesByIspi(analyze(capture));
        List<String> misses = new ArrayList<>();
        List<JsonNode> all = new ArrayList<>();
        truth.path("exchanges").forEach(all::add);
        for (JsonNode e : truth.path("exchanges")) {
            if (e.path("ike_version").asInt() != 1) {
                continue;
            }
            String icookie = e.path("icookie").asText();
            JsonNode x = mine.get(icookie);
            if (x == null) {
                misses.add(icookie + ": exchange missing");
                continue;
            }
            Set<String> codes = codes(x);
            for (String c : expectedCodes(e, all)) {
                if (!codes.contains(c)) {
                    misses.add(icookie.substring(0, 8) + ": want " + c + ", got " + codes);
                }
            }
            String i = text(e.path("final_state_cisco").get("initiator"));
            if ("MM_ACTIVE".equals(i) || "AM_ACTIVE".equals(i)) {
                List<String> errors = phaseOneErrors(x);
                if (!errors.isEmpty()) {
                    misses.add(icookie.substring(0, 8) + ": phase 1 completed but errors " + errors);
                }
            }
        }
        assertTrue(misses.isEmpty(), capture.getFileName() + ": " + misses);
    }

    /** The initiator-side copy of the one-way capture: only MM1 and its retransmissions. */
    @Test
    void oneWayReturnSeenFromTheInitiatorIsPeerUnreachable() {
        JsonNode x = byPrefix(exchangesByIspi(analyze(LAB.resolve("mm-oneway-return.initiator-side.pcap"))),
                "e62de171");
        assertTrue(codes(x).contains("peer.unreachable"), codes(x).toString());
        JsonNode f = finding(x, "peer.unreachable");
        assertTrue(f.path("explanation").asText().contains("return path"),
                "the explanation must say a lost return path looks the same");
    }

    /**
     * many-peers: ten interleaved initiators of one responder, each diagnosed as the responder's
     * configuration for it ({@code peer_config.outcome_configured}) says: an initiator the
     * responder has no configuration for, refused although it offers the proposal the others get,
     * is {@code config.peer-not-configured}; the one whose proposal the responder never accepted is
     * {@code policy.mismatch}.
     */
    @Test
    void manyPeersEachExchangeAsItsTruthSays() throws IOException {
        Path cap = LAB.resolve("many-peers.pcap");
        Map<String, JsonNode> mine = exchangesByIspi(analyze(cap));
        JsonNode truth = JSON.readTree(truthOf(cap).toFile());
        Map<String, String> byOutcome = Map.of("pskmismatch", "auth.psk-mismatch", "noproposal", "policy.mismatch",
                "nopeer", "config.peer-not-configured", "unreach", "peer.unreachable");
        Set<String> outcomes = new TreeSet<>();
        for (JsonNode e : truth.path("exchanges")) {
            String outcome = e.path("peer_config").path("outcome_configured").asText();
            outcomes.add(outcome);
            JsonNode x = mine.get(e.path("icookie").asText());
            Set<String> codes = codes(x);
            if ("ok".equals(outcome)) {
                assertEquals(List.of(), phaseOneErrors(x), outcome);
                assertFalse(codes.stream().anyMatch(c -> c.startsWith("auth.") || c.startsWith("peer.")
                        || c.startsWith("policy.") || c.startsWith("config.")), outcome + " " + codes);
                continue;
            }
            String want = byOutcome.get(outcome);
            assertTrue(codes.contains(want), outcome + ": want " + want + ", got " + codes);
            // One diagnosis per failed exchange, not a pile of them.
            assertEquals(List.of(want), phaseOneErrors(x), outcome);
        }
        assertEquals(Set.of("ok", "pskmismatch", "noproposal", "nopeer", "unreach"), outcomes);
        assertEquals(truth.path("exchanges").size(), mine.size());
        // The unreachable peer's responder answered the others in the same seconds: not "down".
        JsonNode unreach = finding(byPrefix(mine, "552e0844"), "peer.unreachable");
        assertTrue(unreach.path("explanation").asText().contains("responder itself is up"), unreach.toString());
        assertFalse(unreach.path("explanation").asText().contains("peer is down"), unreach.toString());
    }

    /**
     * Weak cryptography is one finding per responder (and phase, chosen or offered) at the end of
     * the capture, naming the peers it concerns, not one per exchange.
     */
    @Test
    void weakCryptoWarnedWhenChosenAndNotedWhenOffered() {
        JsonNode weak = top(analyze(LAB.resolve("mm-3des-md5-modp1024-esp.pcap")), "crypto.weak-proposal", "warning");
        for (String alg : List.of("3DES", "MD5", "group 2")) {
            assertTrue(weak.path("title").asText().contains(alg), weak.path("title").asText());
        }
        JsonNode sha1 = top(analyze(LAB.resolve("mm-aes128-sha1-modp1024.pcap")), "crypto.weak-proposal", "warning");
        assertTrue(sha1.path("title").asText().contains("SHA1"), sha1.path("title").asText());
        // many-peers: seven peers got SHA1/group 2 from one responder: one line for all of them.
        JsonNode many = analyze(LAB.resolve("many-peers.pcap"));
        JsonNode chosen = top(many, "crypto.weak-proposal", "warning");
        assertTrue(chosen.path("title").asText().contains("Responder 192.0.2.119 chose a weak phase-1 policy for 7 peers"),
                chosen.path("title").asText());
        // Refused at MM1: nothing was chosen, the weak offer is information only.
        JsonNode offered = top(many, "crypto.weak-proposal", "info");
        assertTrue(offered.path("explanation").asText().contains("192.0.2.154"), offered.toString());
        for (JsonNode x : many.path("exchanges")) {
            assertFalse(codes(x).contains("crypto.weak-proposal"), codes(x).toString());
        }
        JsonNode strong = analyze(LAB.resolve("mm-aes256-sha384-modp3072-esp.pcap"));
        strong.path("findings").forEach(f -> assertNotEquals("crypto.weak-proposal", f.path("code").asText()));
    }

    /** The one top-level finding of {@code code} and {@code severity}. */
    private static JsonNode top(JsonNode doc, String code, String severity) {
        List<JsonNode> out = new ArrayList<>();
        for (JsonNode f : doc.path("findings")) {
            if (code.equals(f.path("code").asText()) && severity.equals(f.path("severity").asText())) {
                out.add(f);
            }
        }
        assertEquals(1, out.size(), code + "/" + severity + " in " + doc.path("findings"));
        return out.get(0);
    }

    @Test
    void stuckStatesCarryTheRightConfidence() {
        assertEquals("confirmed", confidence("mm-unreach-nodaemon.pcap", "peer.unreachable"));
        assertEquals("likely", confidence("mm-unreach-drop.pcap", "peer.unreachable"));
        assertEquals("possible", confidence("mm-drop-mm3.pcap", "config.tunnel-group-missing"));
        assertEquals("likely", confidence("mm-pskmismatch.pcap", "auth.psk-mismatch"));
        assertEquals("likely", confidence("mm-nopeer-id.pcap", "auth.peer-rejected"));
        assertEquals("warning", finding(only(analyze(LAB.resolve("am-psk-ok.pcap"))),
                "crypto.aggressive-psk-exposed").path("severity").asText());
        // Without keys the refusal of QM1 is one finding naming both causes, not two contradicting ones.
        JsonNode proxy = only(analyze(LAB.resolve("qm-proxyid-mismatch.pcap")));
        JsonNode refused = finding(proxy, "phase2.refused");
        assertEquals("error", refused.path("severity").asText());
        assertTrue(refused.path("explanation").asText().contains("phase2.proxy-id-mismatch")
                && refused.path("explanation").asText().contains("phase2.proposal-mismatch"), refused.toString());
        assertFalse(codes(proxy).contains("phase2.proxy-id-mismatch") || codes(proxy).contains("phase2.proposal-mismatch"),
                codes(proxy).toString());
        JsonNode psk = only(analyze(LAB.resolve("mm-pskmismatch.pcap")));
        assertFalse(codes(psk).contains("auth.peer-rejected"), codes(psk).toString());
        JsonNode id = only(analyze(LAB.resolve("mm-nopeer-id.pcap")));
        assertFalse(codes(id).contains("auth.psk-mismatch"), codes(id).toString());
    }

    /** Every built-in finding is complete: one-line title, explanation, remediation, evidence frames of its exchange. */
    @Test
    void everyFindingIsComplete() {
        for (Path cap : labCaptures()) {
            for (JsonNode x : analyze(cap).path("exchanges")) {
                Set<Long> frames = new TreeSet<>();
                x.path("messages").forEach(m -> frames.add(m.path("frame").asLong()));
                x.path("icmpErrors").forEach(m -> frames.add(m.path("frame").asLong()));
                for (JsonNode f : x.path("findings")) {
                    if (!f.path("source").asText().startsWith("builtin.")) {
                        continue;
                    }
                    String where = cap.getFileName() + " " + x.path("ispi").asText() + " " + f.path("code").asText();
                    assertFalse(f.path("title").asText().isBlank(), where);
                    assertFalse(f.path("title").asText().contains("\n"), where);
                    assertTrue(f.path("explanation").asText().length() > 80, where);
                    assertTrue(f.path("remediation").asText().length() > 40, where);
                    assertTrue(f.path("evidence").size() > 0, where);
                    for (JsonNode ev : f.path("evidence")) {
                        assertTrue(frames.contains(ev.asLong()), where + ": evidence frame " + ev + " not in " + frames);
                    }
                }
            }
        }
    }

    // ---------------------------------------------------------------- helpers

    static List<Path> labCaptures() {
        try (Stream<Path> s = Files.list(LAB)) {
            return s.filter(p -> p.toString().endsWith(".pcap") || p.toString().endsWith(".pcapng")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Path truthOf(Path capture) {
        return capture.resolveSibling(capture.getFileName().toString().replaceAll("\\.pcap(ng)?$", ".truth.json"));
    }

    /** {@code ikescope analyze --format json CAPTURE}, in-process, parsed (cached per capture). */
    static synchronized JsonNode analyze(Path capture) {
        return ANALYZED.computeIfAbsent(capture, c -> {
            PrintStream old = System.out;
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            int exit;
            try {
                System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
                exit = Main.run("analyze", "--format", "json", c.toString());
            } finally {
                System.setOut(old);
            }
            assertTrue(exit == Main.EXIT_OK || exit == Main.EXIT_FINDINGS, c + ": exit " + exit);
            try {
                return JSON.readTree(out.toString(StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new UncheckedIOException(c + ": not JSON", e);
            }
        });
    }

    static Map<String, JsonNode> exchangesByIspi(JsonNode doc) {
        Map<String, JsonNode> out = new LinkedHashMap<>();
        doc.path("exchanges").forEach(x -> out.put(x.path("ispi").asText().toLowerCase(java.util.Locale.ROOT), x));
        return out;
    }

    private static JsonNode byPrefix(Map<String, JsonNode> xs, String prefix) {
        for (Map.Entry<String, JsonNode> e : xs.entrySet()) {
            if (e.getKey().startsWith(prefix)) {
                return e.getValue();
            }
        }
        throw new AssertionError("no exchange " + prefix + " in " + xs.keySet());
    }

    private static JsonNode only(JsonNode doc) {
        assertEquals(1, doc.path("exchanges").size());
        return doc.path("exchanges").get(0);
    }

    static Set<String> codes(JsonNode x) {
        Set<String> out = new TreeSet<>();
        x.path("findings").forEach(f -> out.add(f.path("code").asText()));
        return out;
    }

    static JsonNode finding(JsonNode x, String code) {
        for (JsonNode f : x.path("findings")) {
            if (code.equals(f.path("code").asText())) {
                return f;
            }
        }
        throw new AssertionError("no " + code + " in " + codes(x));
    }

    private static String confidence(String capture, String code) {
        return finding(only(analyze(LAB.resolve(capture))), code).path("confidence").asText();
    }

    /** Error findings other than phase-2, DPD and plugin ones (the script's rule). */
    static List<String> phaseOneErrors(JsonNode x) {
        List<String> out = new ArrayList<>();
        for (JsonNode f : x.path("findings")) {
            String code = f.path("code").asText();
            if ("error".equals(f.path("severity").asText()) && !code.startsWith("phase2.") && !code.startsWith("dpd.")
                    && !code.startsWith("plugin.")) {
                out.add(code);
            }
        }
        return out;
    }
}
