package org.ikescope.analyzer.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ikescope extract} round-trips through {@code analyze}: for every peer of every lab
 * capture, the extracted capture gives that peer's SAs with the same states, NAT verdict and
 * findings as the original, and the anonymized one gives the same again while no original
 * address, identity or certificate string is left in its bytes.
 */
class ExtractCommandTest {
    private static final Path LAB = CliRunner.CAPTURES.resolve("lab");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    private static JsonNode analyze(Path capture, String... more) throws IOException {
        List<String> args = new ArrayList<>(List.of("analyze", "--format", "json"));
        args.addAll(List.of(more));
        args.add(capture.toString());
        CliRunner.Result r = CliRunner.run(args.toArray(String[]::new));
        assertTrue(r.exit() == 0 || r.exit() == 3, r.err());
        return JSON.readTree(r.out());
    }

    /** What must survive extraction, per exchange: cookies, mode, states, NAT verdict, finding codes, messages. */
    private static List<String> outcome(JsonNode analysis, boolean withFrames) {
        List<String> out = new ArrayList<>();
        for (JsonNode x : analysis.path("exchanges")) {
            Set<String> codes = new TreeSet<>();
            for (JsonNode f : x.path("findings")) {
                // Where the capture starts and ends is not the exchange's (an extract starts at its first
                // frame), and a scan is seen across peers: an extract has one.
                String code = f.path("code").asText();
                if (withFrames || !code.startsWith("capture.") && !code.startsWith("scan.")) {
                    codes.add(f.path("code").asText() + (withFrames ? f.path("evidence").toString() : ""));
                }
            }
            List<String> steps = new ArrayList<>();
            x.path("messages").forEach(m -> steps.add(m.path("step").asText() + (withFrames ? "@" + m.path("frame").asText() : "")));
            out.add(String.join(" ", x.path("ispi").asText(), x.path("mode").asText(),
                    x.path("state").path("initiator").asText(), x.path("state").path("responder").asText(),
                    x.path("nat").path("natDiscovery").asText(), x.path("nat").path("initiatorBehindNat").asText(),
                    x.path("nat").path("responderBehindNat").asText(), String.valueOf(x.path("esp").size()),
                    codes.toString(), steps.toString()));
        }
        if (withFrames) {
            List<String> cross = new ArrayList<>();
            analysis.path("findings").forEach(f -> cross.add(f.path("code").asText() + f.path("evidence")));
            out.add(cross.toString());
        }
        return out;
    }

    private static List<Path> labCaptures() throws IOException {
        try (Stream<Path> s = Files.list(LAB)) {
            return s.filter(p -> p.toString().endsWith(".pcap")).sorted().toList();
        }
    }

    @Test
    void everyPeerOfEveryLabCaptureRoundTripsAnonymized() throws IOException {
        int peers = 0;
        for (Path capture : labCaptures()) {
            JsonNode original = analyze(capture);
            Set<String> initiators = new LinkedHashSet<>();
            original.path("exchanges").forEach(x -> initiators.add(x.path("initiator").path("ip").asText()));
            for (String peer : initiators) {
                if (peers > 0 && initiators.size() > 3 && peer.hashCode() % 3 != 0) {
                    continue; // many-peers and scans: a third of their peers is enough
                }
                String what = capture.getFileName() + " peer " + peer;
                Path plain = tmp.resolve("plain.pcap");
                Path anon = tmp.resolve("anon.pcap");
                CliRunner.Result r = CliRunner.run("extract", "--peer", peer, "--with-esp", "-o", plain.toString(), capture.toString());
                assertEquals(0, r.exit(), what + ": " + r.err());
                r = CliRunner.run("extract", "--peer", peer, "--with-esp", "--anonymize", "-o", anon.toString(), capture.toString());
                assertEquals(0, r.exit(), what + ": " + r.err());

                List<String> expected = outcome(analyze(capture, "--peer", peer), false);
                JsonNode extracted = analyze(plain);
                assertEquals(expected, outcome(extracted, false), what + ": the extract analyses as the original");
                JsonNode anonymized = analyze(anon);
                assertEquals(outcome(extracted, true), outcome(anonymized, true), what + ": anonymized, the same again");
                assertNotEquals(peer, anonymized.path("exchanges").get(0).path("initiator").path("ip").asText(), what);
                assertFalse(new String(Files.readAllBytes(anon), StandardCharsets.ISO_8859_1).contains(peer), what);
                peers++;
            }
        }
        assertTrue(peers > 30, "peers extracted: " + peers);
    }

    @Test
    void aggressiveModeIdentitiesAreReplaced() throws IOException {
        Path capture = LAB.resolve("am-psk-ok.pcap");
        JsonNode original = analyze(capture);
        JsonNode x = original.path("exchanges").get(0);
        String id = x.path("identities").path("initiator").path("value").asText();
        assertFalse(id.isEmpty(), "aggressive mode sends its identity in clear");
        Path anon = tmp.resolve("am.pcap");
        CliRunner.Result r = CliRunner.run("extract", "--peer", x.path("initiator").path("ip").asText(), "--anonymize",
                "-o", anon.toString(), capture.toString());
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.err().contains("identities"), r.err());
        String bytes = new String(Files.readAllBytes(anon), StandardCharsets.ISO_8859_1);
        assertFalse(bytes.contains(id), "identity " + id + " left in the anonymized capture");
        JsonNode after = analyze(anon).path("exchanges").get(0);
        assertEquals(id.length(), after.path("identities").path("initiator").path("value").asText().length());
        assertEquals(x.path("state").toString(), after.path("state").toString());
    }

    @Test
    void certificatesInClearAreReplaced() throws IOException {
        Path capture = CliRunner.CAPTURES.resolve("thirdparty/ikev1-certs.pcap");
        JsonNode original = analyze(capture);
        String peer = original.path("exchanges").get(0).path("initiator").path("ip").asText();
        Path anon = tmp.resolve("certs.pcap");
        CliRunner.Result r = CliRunner.run("extract", "--peer", peer, "--anonymize", "-o", anon.toString(), capture.toString());
        assertEquals(0, r.exit(), r.err());
        assertEquals(outcome(analyze(CliRunner.CAPTURES.resolve("thirdparty/ikev1-certs.pcap"), "--peer", peer), false).size(),
                outcome(analyze(anon), false).size());
    }

    @Test
    void usageErrors() throws IOException {
        Path capture = LAB.resolve("mm-pskmismatch.pcap");
        Path out = tmp.resolve("none.pcap");
        assertEquals(2, CliRunner.run("extract", "-o", out.toString(), capture.toString()).exit(), "--peer is required");
        assertEquals(2, CliRunner.run("extract", "--peer", "not-an-ip", "-o", out.toString(), capture.toString()).exit());
        assertEquals(2, CliRunner.run("extract", "--peer", "192.0.2.22", "--ispi", "xyz", "-o", out.toString(),
                capture.toString()).exit());
        CliRunner.Result none = CliRunner.run("extract", "--peer", "198.51.100.99", "-o", out.toString(), capture.toString());
        assertEquals(2, none.exit());
        assertTrue(none.err().contains("nothing written"), none.err());
        assertFalse(Files.exists(out), "no file when nothing matched");
        CliRunner.Result help = CliRunner.run("extract", "--help");
        assertEquals(0, help.exit());
        assertTrue(help.out().contains("Examples:"), help.out());
    }

    @Test
    void ispiChoosesOneSa() throws IOException {
        Path capture = LAB.resolve("dpd-rekey-delete.pcap");
        JsonNode original = analyze(capture);
        JsonNode first = original.path("exchanges").get(0);
        Path out = tmp.resolve("one.pcap");
        CliRunner.Result r = CliRunner.run("extract", "--peer", first.path("initiator").path("ip").asText(), "--ispi",
                first.path("ispi").asText(), "-o", out.toString(), capture.toString());
        assertEquals(0, r.exit(), r.err());
        JsonNode extracted = analyze(out);
        for (JsonNode x : extracted.path("exchanges")) {
            assertEquals(first.path("ispi").asText(), x.path("ispi").asText());
        }
    }
}
