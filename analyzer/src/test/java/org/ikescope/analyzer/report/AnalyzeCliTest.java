package org.ikescope.analyzer.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.ikescope.analyzer.exchange.Analyses;
import org.ikescope.analyzer.exchange.SyntheticCapture;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/** {@code ikescope analyze} end to end: the JSON contract, filters, several files, exit codes. */
class AnalyzeCliTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final Path LAB = Analyses.LAB;
    static final Path THIRDPARTY = Path.of("../dissector/src/test/resources/captures/thirdparty");

    @TempDir
    Path dir;

    static JsonNode json(AnalyzeRun.Result r) throws IOException {
        return JSON.readTree(r.out());
    }

    /** The members the README documents (issue 3): added to, never renamed. */
    static void assertContract(JsonNode x, String where) {
        for (String k : List.of("ispi", "rspi", "version", "mode", "file", "initiator", "responder", "start", "end", "state",
                "proposal", "offered", "identities", "messages", "notifications", "quickModes", "informational", "esp",
                "findings", "continuationOf", "startedAfterPhase1", "icmpErrors", "timing", "scanner")) {
            assertTrue(x.has(k), where + ": missing " + k);
        }
        for (String side : List.of("initiator", "responder")) {
            JsonNode p = x.get(side);
            for (String k : List.of("ip", "port", "ports", "implementation")) {
                assertTrue(p.has(k), where + ": missing " + side + "." + k);
            }
            assertTrue(x.get("state").has(side), where);
            assertTrue(x.get("identities").has(side), where);
        }
        if (!x.get("proposal").isNull()) {
            for (String k : List.of("encryption", "keyLength", "hash", "auth", "group", "lifetimeSeconds")) {
                assertTrue(x.get("proposal").has(k), where + ": missing proposal." + k);
            }
        }
        for (JsonNode m : x.get("messages")) {
            for (String k : List.of("step", "frame", "time", "from", "retransmissionOf", "encrypted", "file")) {
                assertTrue(m.has(k), where + ": missing messages[]." + k + " in " + m);
            }
        }
        for (JsonNode n : x.get("notifications")) {
            for (String k : List.of("type", "frame", "from", "encrypted")) {
                assertTrue(n.has(k), where + ": missing notifications[]." + k);
            }
        }
        for (JsonNode q : x.get("quickModes")) {
            for (String k : List.of("messageId", "messages", "state")) {
                assertTrue(q.has(k), where + ": missing quickModes[]." + k);
            }
        }
        for (JsonNode e : x.get("esp")) {
            for (String k : List.of("spi", "from", "packets", "bytes", "first", "last")) {
                assertTrue(e.has(k), where + ": missing esp[]." + k);
            }
        }
        for (JsonNode f : x.get("findings")) {
            for (String k : List.of("code", "severity", "confidence", "title", "explanation", "evidence", "remediation", "source")) {
                assertTrue(f.has(k), where + ": missing findings[]." + k);
            }
        }
    }

    @TestFactory
    Stream<DynamicTest> jsonContractOnEveryCapture() {
        List<Path> all = new ArrayList<>(Analyses.labCaptures());
        all.add(THIRDPARTY.resolve("ipsec.cap"));
        all.add(THIRDPARTY.resolve("isakmp4500.pcap"));
        all.add(THIRDPARTY.resolve("ipsec_client.pcap"));
        all.add(THIRDPARTY.resolve("espudp1.pcap"));
        all.add(THIRDPARTY.resolve("isakmp-no-none-np.pcapng"));
        return all.stream().map(p -> DynamicTest.dynamicTest(p.getFileName().toString(), () -> {
            AnalyzeRun.Result r = AnalyzeRun.run("analyze", "--format", "json", p.toString());
            assertEquals(0, r.exit(), r.err());
            JsonNode doc = json(r);
            assertEquals(List.of("schemaVersion", "exchanges", "findings", "stats"), fieldNames(doc));
            assertTrue(doc.get("exchanges").size() >= 1);
            for (JsonNode x : doc.get("exchanges")) {
                assertContract(x, p.getFileName().toString());
                assertEquals(p.toString(), x.get("file").asText());
            }
            JsonNode s = doc.get("stats");
            for (String k : List.of("frames", "isakmp", "esp", "natKeepalive", "other", "malformed", "exchanges", "errors")) {
                assertTrue(s.has(k), "stats." + k);
            }
            assertEquals(doc.get("exchanges").size(), s.get("exchanges").asInt());
        }));
    }

    static List<String> fieldNames(JsonNode n) {
        List<String> l = new ArrayList<>();
        n.fieldNames().forEachRemaining(l::add);
        return l;
    }

    @Test
    void theIssueExampleValues() throws IOException {
        JsonNode x = json(AnalyzeRun.run("analyze", "--format", "json", LAB.resolve("mm-noproposal.pcap").toString()))
                .get("exchanges").get(0);
        assertEquals("fd28e0a8154848dc", x.get("ispi").asText());
        assertEquals(1, x.get("version").asInt());
        assertEquals("main", x.get("mode").asText());
        assertEquals("MM_WAIT_MSG2", x.get("state").get("initiator").asText());
        assertEquals("MM_NO_STATE", x.get("state").get("responder").asText());
        JsonNode n = x.get("notifications").get(0);
        assertEquals("NO_PROPOSAL_CHOSEN", n.get("type").get("name").asText());
        assertEquals("responder", n.get("from").asText());
        assertFalse(n.get("encrypted").asBoolean());
        assertTrue(x.get("proposal").isNull());
        JsonNode m = x.get("messages").get(0);
        assertEquals("MM1", m.get("step").asText());
        assertEquals("initiator", m.get("from").asText());
        assertTrue(m.get("retransmissionOf").isNull());

        JsonNode ok = json(AnalyzeRun.run("analyze", "--format", "json", LAB.resolve("mm-aes256-sha256-modp2048.pcap").toString()))
                .get("exchanges").get(0);
        JsonNode p = ok.get("proposal");
        assertEquals("AES-CBC", p.get("encryption").get("name").asText());
        assertEquals(256, p.get("keyLength").asInt());
        assertEquals("SHA2-256", p.get("hash").get("name").asText());
        assertEquals("PSK", p.get("auth").get("name").asText());
        assertEquals(14, p.get("group").get("code").asInt());
        assertEquals(28800, p.get("lifetimeSeconds").asInt());
        assertEquals("MM_ACTIVE", ok.get("state").get("responder").asText());
    }

    @Test
    void peerFocusesOnOnePeer() throws IOException {
        String f = LAB.resolve("many-peers.pcap").toString();
        JsonNode one = json(AnalyzeRun.run("analyze", "--format", "json", "--peer", "192.0.2.153", f));
        assertEquals(1, one.get("exchanges").size());
        assertEquals("ce00f34dc3a2b676", one.get("exchanges").get(0).get("ispi").asText());
        JsonNode all = json(AnalyzeRun.run("analyze", "--format", "json", "--peer", "192.0.2.119", f));
        assertEquals(10, all.get("exchanges").size());
        AnalyzeRun.Result text = AnalyzeRun.run("analyze", "--peer", "192.0.2.153", f);
        assertTrue(text.out().startsWith("1 IKE SA in "), text.out());
        assertTrue(text.out().contains("MM_WAIT_MSG6"));
        assertFalse(text.out().contains("192.0.2.151"));
        assertEquals(2, AnalyzeRun.run("analyze", "--peer", "not-an-ip", f).exit());
    }

    @Test
    void eachFileIsItsOwnTimelineUnlessMerged() throws IOException {
        // The same main mode captured in two halves: the initiator's messages in a, the responder's in b.
        Path a = dir.resolve("a.pcap");
        Path b = dir.resolve("b.pcap");
        int i = 0xc6336401;
        int r = 0xcb007109;
        try (SyntheticCapture ca = new SyntheticCapture(a, 7); SyntheticCapture cb = new SyntheticCapture(b, 8)) {
            byte[] sa = SyntheticCapture.phase1Sa();
            ca.udp(0, i, 500, r, 500, ca.isakmp(77, 0, 2, 0, false, 0, 0, new int[] {1}, new byte[][] {sa}));
            cb.udp(1000, r, 500, i, 500, cb.isakmp(77, 88, 2, 0, false, 0, 0, new int[] {1}, new byte[][] {sa}));
            ca.udp(2000, i, 500, r, 500, ca.isakmp(77, 88, 2, 0, false, 0, 0, new int[] {4, 10}, new byte[][] {ca.random(64), ca.random(16)}));
            cb.udp(3000, r, 500, i, 500, cb.isakmp(77, 88, 2, 0, false, 0, 0, new int[] {4, 10}, new byte[][] {cb.random(64), cb.random(16)}));
        }
        JsonNode merged = json(AnalyzeRun.run("analyze", "--format", "json", "--merge", a.toString(), b.toString()));
        assertEquals(1, merged.get("exchanges").size());
        JsonNode x = merged.get("exchanges").get(0);
        List<String> steps = new ArrayList<>();
        List<String> files = new ArrayList<>();
        x.get("messages").forEach(m -> {
            steps.add(m.get("step").asText());
            files.add(Path.of(m.get("file").asText()).getFileName().toString());
        });
        assertEquals(List.of("MM1", "MM2", "MM3", "MM4"), steps);
        assertEquals(List.of("a.pcap", "b.pcap", "a.pcap", "b.pcap"), files);
        assertEquals("MM_WAIT_MSG4", x.get("state").get("initiator").asText());
        assertEquals("MM_WAIT_MSG5", x.get("state").get("responder").asText());

        JsonNode separate = json(AnalyzeRun.run("analyze", "--format", "json", a.toString(), b.toString()));
        assertEquals(2, separate.get("exchanges").size());
        assertTrue(separate.get("exchanges").get(1).get("rolesInferred").asBoolean(), "b alone cannot show who initiated");
    }

    @Test
    void exitCodes() throws IOException {
        String ok = LAB.resolve("mm-aes128-sha1-modp1024.pcap").toString();
        assertEquals(0, AnalyzeRun.run("analyze", ok).exit());
        assertEquals(2, AnalyzeRun.run("analyze", "--format", "xml", ok).exit());
        assertEquals(2, AnalyzeRun.run("analyze", "--fail-on", "fatal", ok).exit());
        assertEquals(2, AnalyzeRun.run("analyze", "--idle-timeout", "0", ok).exit());
        assertEquals(2, AnalyzeRun.run("analyze").exit());

        // A missing file: 3, and what could be read is still reported in one valid document.
        AnalyzeRun.Result missing = AnalyzeRun.run("analyze", "--format", "json", ok, dir.resolve("nope.pcap").toString());
        assertEquals(3, missing.exit());
        JsonNode doc = json(missing);
        assertEquals(1, doc.get("exchanges").size());
        assertEquals(1, doc.get("stats").get("errors").size());

        // Dissector diagnostics are warnings of the exchange: --fail-on warning exits 1, before 3.
        String bad = THIRDPARTY.resolve("isakmp-no-none-np.pcapng").toString();
        AnalyzeRun.Result warn = AnalyzeRun.run("analyze", "--format", "json", "--fail-on", "warning", bad);
        assertEquals(1, warn.exit());
        JsonNode f = json(warn).get("exchanges").get(0).get("findings").get(0);
        assertEquals("dissector", f.get("source").asText());
        assertEquals("warning", f.get("severity").asText());
        assertTrue(f.has("offset"));
        assertEquals(0, AnalyzeRun.run("analyze", "--fail-on", "error", bad).exit());
        assertEquals(1, AnalyzeRun.run("analyze", "--fail-on", "warning", bad, dir.resolve("nope.pcap").toString()).exit());
    }

    /** --min-severity and --suppress leave findings out of the output and out of --fail-on, built-in codes included. */
    @Test
    void findingsCanBeLeftOut() throws IOException {
        String psk = LAB.resolve("mm-pskmismatch.pcap").toString();
        JsonNode all = json(AnalyzeRun.run("analyze", "--format", "json", psk));
        assertTrue(codesOf(all).contains("auth.psk-mismatch") && codesOf(all).contains("crypto.weak-proposal"),
                codesOf(all).toString());

        JsonNode errors = json(AnalyzeRun.run("analyze", "--format", "json", "--min-severity", "error", psk));
        assertEquals(List.of("auth.psk-mismatch"), codesOf(errors));

        AnalyzeRun.Result quiet = AnalyzeRun.run("analyze", "--format", "json", "--fail-on", "error", "--suppress",
                "auth.psk-mismatch", "--suppress", "crypto.*", psk);
        assertEquals(0, quiet.exit(), "a suppressed error does not fail the run");
        assertEquals(List.of(), codesOf(json(quiet)));
        assertEquals(2, AnalyzeRun.run("analyze", "--min-severity", "fatal", psk).exit());
        assertEquals(2, AnalyzeRun.run("analyze", "--suppress", "a b", psk).exit());

        // A code given where a plugin id is expected: the warning says what to use.
        AnalyzeRun.Result wrong = AnalyzeRun.run("analyze", "--disable-plugin", "auth.psk-mismatch", psk);
        assertTrue(wrong.err().contains("--suppress auth.psk-mismatch"), wrong.err());
    }

    /** Every finding code of a document, exchanges' and top-level, in order. */
    private static List<String> codesOf(JsonNode doc) {
        List<String> out = new java.util.ArrayList<>();
        doc.get("exchanges").forEach(x -> x.get("findings").forEach(f -> out.add(f.get("code").asText())));
        doc.get("findings").forEach(f -> out.add(f.get("code").asText()));
        return out;
    }
}
