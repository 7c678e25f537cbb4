package org.ikescope.analyzer.diagnostics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
 * {@code expected_codes} in the shared {@code analyze_vs_truth.py}, the outside check.
 */
class LabCaptureDiagnosticsTest {
    /** The lab captures and their truth files, as copied into the dissector's test resources. */
    static final Path LAB = Path.of("../dissector/src/test/resources/captures/lab");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<Path, JsonNode> ANALYZED = new HashMap<>();

    // ---------------------------------------------------------------- the truth, as the outside check reads it

    /** The finding codes a correct diagnosis must include, from one truth exchange (no keys). */
    static Set<String> expectedCodes(JsonNode e) {
        JsonNode st = e.path("final_state_cisco");
        String i = text(st.get("initiator"));
        String r = text(st.get("responder"));
        List<JsonNode> msgs = new ArrayList<>();
        e.path("messages").forEach(msgs::add);
        if ("MM_WAIT_MSG2".equals(i) && r == null) {
            return Set.of("peer.unreachable");
        }
        if ("MM_WAIT_MSG2".equals(i) && "MM_NO_STATE".equals(r)) {
            return Set.of("policy.mismatch");
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
            for (String c : expectedCodes(e)) {
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

    /** many-peers: ten interleaved initiators, each diagnosed as its own truth says. */
    @Test
    void manyPeersEachExchangeAsItsTruthSays() throws IOException {
        Path cap = LAB.resolve("many-peers.pcap");
        Map<String, JsonNode> mine = exchangesByIspi(analyze(cap));
        Map<String, String> want = new LinkedHashMap<>();
        want.put("ce00f34d", "auth.psk-mismatch");
        want.put("b21961a5", "auth.psk-mismatch");
        want.put("364fc745", "policy.mismatch");
        want.put("d142e7d7", "policy.mismatch");
        want.put("552e0844", "peer.unreachable");
        for (Map.Entry<String, String> w : want.entrySet()) {
            JsonNode x = byPrefix(mine, w.getKey());
            assertTrue(codes(x).contains(w.getValue()), w.getKey() + " " + codes(x));
        }
        for (String ok : List.of("f4a0ccc2", "b5eb86a0", "ebba7936", "c6499801", "0289afb3")) {
            JsonNode x = byPrefix(mine, ok);
            assertEquals(List.of(), phaseOneErrors(x), ok);
            assertFalse(codes(x).stream().anyMatch(c -> c.startsWith("auth.") || c.startsWith("peer.")
                    || c.startsWith("policy.")), ok + " " + codes(x));
        }
        // The failed exchanges get exactly one phase-1 diagnosis each, not a pile of them.
        for (String failed : want.keySet()) {
            long phaseOne = codes(byPrefix(mine, failed)).stream().filter(c -> !c.startsWith("crypto.")).count();
            assertEquals(1, phaseOne, failed + " " + codes(byPrefix(mine, failed)));
        }
        JsonNode truth = JSON.readTree(truthOf(cap).toFile());
        assertEquals(truth.path("exchanges").size(), mine.size());
    }

    @Test
    void weakCryptoWarnedWhenChosenAndNotedWhenOffered() {
        JsonNode tripleDes = only(analyze(LAB.resolve("mm-3des-md5-modp1024-esp.pcap")));
        JsonNode weak = finding(tripleDes, "crypto.weak-proposal");
        assertEquals("warning", weak.path("severity").asText());
        for (String alg : List.of("3DES", "MD5", "group 2")) {
            assertTrue(weak.path("title").asText().contains(alg), weak.path("title").asText());
        }
        JsonNode sha1 = finding(only(analyze(LAB.resolve("mm-aes128-sha1-modp1024.pcap"))), "crypto.weak-proposal");
        assertEquals("warning", sha1.path("severity").asText());
        assertTrue(sha1.path("title").asText().contains("SHA1"), sha1.path("title").asText());
        // Refused at MM1: nothing was chosen, the weak offer is information only.
        JsonNode refused = byPrefix(exchangesByIspi(analyze(LAB.resolve("many-peers.pcap"))), "364fc745");
        assertEquals("info", finding(refused, "crypto.weak-proposal").path("severity").asText());
        JsonNode strong = only(analyze(LAB.resolve("mm-aes256-sha384-modp3072-esp.pcap")));
        assertFalse(codes(strong).contains("crypto.weak-proposal"), codes(strong).toString());
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
        JsonNode proxy = only(analyze(LAB.resolve("qm-proxyid-mismatch.pcap")));
        assertEquals("possible", finding(proxy, "phase2.proxy-id-mismatch").path("confidence").asText());
        assertEquals("error", finding(proxy, "phase2.proxy-id-mismatch").path("severity").asText());
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

    private static JsonNode finding(JsonNode x, String code) {
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
