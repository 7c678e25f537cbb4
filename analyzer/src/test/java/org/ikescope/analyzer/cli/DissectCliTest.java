package org.ikescope.analyzer.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/** {@code ikescope dissect} end to end: the jsonl contract, exit codes, damaged input. */
class DissectCliTest {
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    static List<JsonNode> parse(CliRunner.Result r) throws IOException {
        List<JsonNode> out = new ArrayList<>();
        for (String line : r.lines()) {
            out.add(JSON.readTree(line));
        }
        return out;
    }

    /** Checks the stable members of a message record (README: added to, never renamed). */
    static void assertContract(JsonNode rec, String where) {
        for (String k : List.of("file", "frame", "time", "src", "srcPort", "dst", "dstPort", "nonEspMarker", "isakmp", "diagnostics")) {
            assertTrue(rec.has(k), where + ": missing " + k + " in " + rec);
        }
        assertTrue(rec.get("frame").canConvertToLong() && rec.get("frame").asLong() >= 1, where);
        assertTrue(rec.get("time").asText().matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d+)?Z"), where + ": " + rec.get("time"));
        JsonNode i = rec.get("isakmp");
        for (String k : List.of("version", "ispi", "rspi", "exchangeType", "flags", "messageId", "length", "encrypted", "decrypted", "payloads")) {
            assertTrue(i.has(k), where + ": missing isakmp." + k);
        }
        assertTrue(i.get("ispi").asText().matches("[0-9a-f]{16}"), where);
        assertTrue(i.get("rspi").asText().matches("[0-9a-f]{16}"), where);
        assertTrue(i.get("messageId").asText().matches("[0-9a-f]{8}"), where);
        assertTrue(i.get("exchangeType").has("code") && i.get("exchangeType").has("name"), where);
        assertTrue(i.get("flags").has("encryption"), where);
        for (JsonNode p : i.get("payloads")) {
            assertTrue(p.get("type").has("code") && p.get("type").has("name") && p.has("length"), where + ": " + p);
        }
        for (JsonNode d : rec.get("diagnostics")) {
            assertTrue(d.has("code") && d.has("offset") && d.has("detail"), where + ": " + d);
        }
    }

    @TestFactory
    Stream<DynamicTest> everyCaptureGivesValidJsonlAndBalancedStats() {
        return CliRunner.captures().stream().map(cap -> DynamicTest.dynamicTest(CliRunner.label(cap), () -> {
            CliRunner.Result r = CliRunner.run("dissect", "--format", "jsonl", cap.toString());
            assertEquals(0, r.exit(), r.err());
            assertEquals("", r.err());
            List<JsonNode> recs = parse(r);
            assertFalse(recs.isEmpty());
            JsonNode stats = recs.get(recs.size() - 1).get("stats");
            assertTrue(stats != null, "last line has stats: " + r.lines().get(r.lines().size() - 1));
            assertTrue(stats.get("balanced").asBoolean(), stats.toString());
            assertEquals(0, stats.get("errors").size());
            assertEquals(recs.size() - 1, stats.get("messages").asLong());
            long frames = stats.get("frames").asLong();
            long sum = 0;
            for (String k : List.of("isakmp", "esp", "natKeepalive", "other", "malformed", "fragments", "duplicates")) {
                sum += stats.get(k).asLong();
            }
            assertEquals(frames, sum);
            for (JsonNode rec : recs) {
                assertEquals("schemaVersion", rec.fieldNames().next(), "schemaVersion first in " + rec);
                assertEquals(2, rec.get("schemaVersion").asInt());
            }
            for (JsonNode rec : recs.subList(0, recs.size() - 1)) {
                assertContract(rec, CliRunner.label(cap) + " frame " + rec.get("frame"));
                assertTrue(rec.get("frame").asLong() <= frames);
                assertEquals(cap.toString(), rec.get("file").asText());
            }
        }));
    }

    @Test
    void textSummaryIsTheDefault() {
        Path cap = CliRunner.CAPTURES.resolve("thirdparty/ISAKMP_sa_setup.pcap");
        CliRunner.Result r = CliRunner.run("dissect", cap.toString());
        assertEquals(0, r.exit(), r.err());
        List<String> lines = r.lines();
        assertTrue(lines.get(0).matches("1  0\\.000000  10\\.0\\.0\\.1:500 → 10\\.0\\.0\\.2:500  IKEv1 Main Mode  i=cf02326f\\.\\. r=00000000\\.\\.  \\[SA VID VID VID\\].*"),
                lines.get(0));
        assertTrue(lines.get(2).contains("[KE NONCE VID VID VID VID NAT-D NAT-D]"), lines.get(2));
        assertTrue(lines.get(4).contains("[encrypted, 80 bytes]"), lines.get(4));
        assertTrue(lines.get(lines.size() - 1).startsWith("-- 9 frames"), lines.get(lines.size() - 1));
    }

    @Test
    void verboseTreeNamesFields() {
        Path cap = CliRunner.CAPTURES.resolve("thirdparty/ISAKMP_sa_setup.pcap");
        CliRunner.Result r = CliRunner.run("dissect", "-V", cap.toString());
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.lines().size() > 50);
    }

    /** An unknown vendor ID is named as tshark names it, not "null"; JSON keeps null. */
    @Test
    void unknownVendorIdInTheTree() {
        Path cap = CliRunner.CAPTURES.resolve("thirdparty/ipsec-ikev1-isakmp-main-mode.pcap");
        CliRunner.Result r = CliRunner.run("dissect", "-V", cap.toString());
        assertTrue(r.out().contains("Vendor ID: Unknown Vendor ID"), r.out());
        assertFalse(r.out().contains("Vendor ID: null"), r.out());
        CliRunner.Result json = CliRunner.run("dissect", "--format", "jsonl", cap.toString());
        assertTrue(json.out().contains("\"name\":null"), json.out());
    }

    @Test
    void truncatedFileExitsThreeAfterEveryCompletePacket() throws IOException {
        Path cap = CliRunner.CAPTURES.resolve("lab/mm-aes128-sha1-modp1024.pcap");
        byte[] all = Files.readAllBytes(cap);
        Path cut = dir.resolve("cut.pcap");
        Files.write(cut, Arrays.copyOf(all, all.length - 20));
        CliRunner.Result whole = CliRunner.run("dissect", "--format", "jsonl", cap.toString());
        CliRunner.Result r = CliRunner.run("dissect", "--format", "jsonl", cut.toString());
        assertEquals(3, r.exit());
        List<String> errLines = r.err().lines().toList();
        assertEquals(1, errLines.size(), r.err());
        assertTrue(errLines.get(0).contains("truncated"), r.err());
        List<JsonNode> recs = parse(r);
        List<JsonNode> wholeRecs = parse(whole);
        assertEquals(wholeRecs.size() - 1, recs.size(), "every complete packet, one message fewer");
        JsonNode stats = recs.get(recs.size() - 1).get("stats");
        assertTrue(stats.get("balanced").asBoolean());
        assertEquals(1, stats.get("errors").size());
        for (int i = 0; i < recs.size() - 1; i++) {
            assertEquals(wholeRecs.get(i).get("isakmp"), recs.get(i).get("isakmp"));
        }
    }

    @Test
    void damagedOrMissingInputExitsThree() throws IOException {
        Path text = dir.resolve("notes.pcap");
        Files.writeString(text, "not a capture\n");
        CliRunner.Result r = CliRunner.run("dissect", "--format", "jsonl", text.toString());
        assertEquals(3, r.exit());
        assertEquals(1, r.err().lines().count(), r.err());
        CliRunner.Result missing = CliRunner.run("dissect", dir.resolve("missing.pcap").toString());
        assertEquals(3, missing.exit());
        assertTrue(missing.err().contains("no such file"), missing.err());
        Path empty = dir.resolve("empty.pcap");
        Files.write(empty, new byte[0]);
        assertEquals(3, CliRunner.run("dissect", empty.toString()).exit());
        // A good file next to a damaged one: the good one is still dissected.
        Path good = CliRunner.CAPTURES.resolve("thirdparty/ISAKMP_sa_setup.pcap");
        CliRunner.Result both = CliRunner.run("dissect", "--format", "jsonl", text.toString(), good.toString());
        assertEquals(3, both.exit());
        assertEquals(10, both.lines().size());
    }

    @Test
    void gzipCutShortExitsThree() throws IOException {
        Path cap = CliRunner.CAPTURES.resolve("lab/mm-rsasig-ipfrag.pcap");
        ByteArrayOutputStream bo = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(bo)) {
            gz.write(Files.readAllBytes(cap));
        }
        byte[] gz = bo.toByteArray();
        Path cut = dir.resolve("cut.pcap.gz");
        Files.write(cut, Arrays.copyOf(gz, gz.length * 2 / 3));
        CliRunner.Result r = CliRunner.run("dissect", "--format", "jsonl", cut.toString());
        assertEquals(3, r.exit());
        assertTrue(r.err().contains("truncated"), r.err());
        Path full = dir.resolve("full.pcap.gz");
        Files.write(full, gz);
        CliRunner.Result ok = CliRunner.run("dissect", "--format", "jsonl", full.toString());
        assertEquals(0, ok.exit(), ok.err());
        assertEquals(CliRunner.run("dissect", "--format", "jsonl", cap.toString()).lines().size(), ok.lines().size());
    }

    @Test
    void standardInput() throws IOException {
        Path cap = CliRunner.CAPTURES.resolve("lab/mm-ikefrag.pcap");
        CliRunner.Result file = CliRunner.run("dissect", "--format", "jsonl", cap.toString());
        CliRunner.Result stdin = CliRunner.run(new ByteArrayInputStream(Files.readAllBytes(cap)), "dissect", "--format", "jsonl", "-");
        assertEquals(0, stdin.exit(), stdin.err());
        List<JsonNode> a = parse(file);
        List<JsonNode> b = parse(stdin);
        assertEquals(a.size(), b.size());
        for (int i = 0; i < a.size() - 1; i++) {
            assertEquals("-", b.get(i).get("file").asText());
            assertEquals(a.get(i).get("isakmp"), b.get(i).get("isakmp"));
            assertEquals(a.get(i).get("frame"), b.get(i).get("frame"));
        }
    }

    @Test
    void usageErrorsExitTwo() {
        assertEquals(2, CliRunner.run("dissect", "--format", "xml", "x.pcap").exit());
        assertEquals(2, CliRunner.run("dissect").exit());
        assertEquals(2, CliRunner.run("dissect", "--no-such-option", "x.pcap").exit());
        assertEquals(2, CliRunner.run("no-such-command").exit());
    }

    @Test
    void keepDuplicates() throws IOException {
        Path cap = CliRunner.CAPTURES.resolve("lab/span-vlan-mixed.pcapng");
        JsonNode dedup = parse(CliRunner.run("dissect", "--format", "jsonl", cap.toString())).stream()
                .filter(n -> n.has("stats")).findFirst().orElseThrow().get("stats");
        JsonNode kept = parse(CliRunner.run("dissect", "--format", "jsonl", "--keep-duplicates", cap.toString())).stream()
                .filter(n -> n.has("stats")).findFirst().orElseThrow().get("stats");
        assertEquals(15, dedup.get("duplicates").asLong());
        assertEquals(0, kept.get("duplicates").asLong());
        assertEquals(18, kept.get("isakmp").asLong());
    }
}
