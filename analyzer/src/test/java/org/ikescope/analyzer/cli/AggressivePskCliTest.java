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
import java.util.HexFormat;
import java.util.List;
import org.ikescope.dissector.keys.SecretLeaks;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The aggressive-mode PSK check and the wordlist search as a user meets them: {@code analyze}'s
 * {@code decryption} of the lab's aggressive-mode SAs names the PSK each side's HASH matched by
 * its position among the candidates (truth files: the PSK each daemon was configured with), and
 * {@code --psk-wordlist} finds it at its line in {@code dissect} and {@code analyze}, JSON and
 * text, printing the value only with {@code --show-keys}.
 */
class AggressivePskCliTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path LAB = CliRunner.CAPTURES.resolve("lab");

    @TempDir
    Path dir;

    private static JsonNode truth(String name) throws IOException {
        return JSON.readTree(LAB.resolve(name + ".truth.json").toFile()).get("exchanges").get(0);
    }

    /** {@code analyze --format json} with {@code --psk=hex:..} per candidate (and {@code extra}); checks no PSK leaks. */
    private static JsonNode decryption(String capture, List<String> psks, String... extra) throws IOException {
        List<String> args = new ArrayList<>(List.of("analyze", "--format", "json"));
        for (String p : psks) {
            args.add("--psk=hex:" + HexFormat.of().formatHex(p.getBytes(StandardCharsets.UTF_8)));
        }
        args.addAll(List.of(extra));
        args.add(LAB.resolve(capture + ".pcap").toString());
        CliRunner.Result r = CliRunner.run(args.toArray(String[]::new));
        assertEquals(0, r.exit(), r.err());
        for (String p : psks) {
            SecretLeaks.assertNoLeak(r.out() + r.err(), p);
        }
        return JSON.readTree(r.out()).path("exchanges").get(0).path("decryption");
    }

    @Test
    void theResponderKeyIsThePskItsHashRMatched() throws IOException {
        for (String name : List.of("am-psk-ok", "ikescan-aggressive")) {
            String psk = truth(name).path("responder").path("psk_configured").asText();
            List<String> list = List.of("guess-1", "guess-2", "guess-3", psk, "guess-5");
            JsonNode d = decryption(name, list);
            assertEquals("--psk #" + (list.indexOf(psk) + 1), d.path("responderKey").asText(), name + ": " + d);
            assertTrue(d.path("pskVerified").asBoolean(), d.toString());
            assertEquals("no-keys", d.path("status").asText(), "a PSK alone decrypts nothing: " + d);
            assertTrue(d.path("reason").asText().contains("HASH_R (AM2) matches --psk #4"), d.toString());
            assertTrue(d.path("reason").asText().contains("decrypting still needs g^xy"), d.toString());
        }
    }

    @Test
    void aWrongListIsFalse() throws IOException {
        JsonNode d = decryption("ikescan-aggressive", List.of("dev-psk-Ab13", "dev-psk-ab12"));
        assertFalse(d.path("pskVerified").asBoolean(true), d.toString());
        assertTrue(d.path("responderKey").isNull(), d.toString());
    }

    @Test
    void theSidesOfAMismatchAreToldApart() throws IOException {
        JsonNode x = truth("am-psk-bad");
        String ipsk = x.path("initiator").path("psk_configured").asText();
        String rpsk = x.path("responder").path("psk_configured").asText();
        assertNotEquals(ipsk, rpsk, "the truth shows two PSKs");
        List<String> list = List.of("decoy", rpsk, ipsk);
        JsonNode alone = decryption("am-psk-bad", list);
        assertEquals("--psk #" + (list.indexOf(rpsk) + 1), alone.path("responderKey").asText(), alone.toString());
        assertTrue(alone.path("initiatorKey").isNull(), "no HASH_I in the clear: " + alone);
        JsonNode withDh = decryption("am-psk-bad", list,
                "--dh-secret=" + x.get("icookie").asText() + "=" + x.path("keys").path("dh_shared_secret").asText());
        assertEquals("--dh-secret #1 and --psk #" + (list.indexOf(ipsk) + 1), withDh.path("initiatorKey").asText(), withDh.toString());
        assertEquals("--psk #" + (list.indexOf(rpsk) + 1), withDh.path("responderKey").asText(), withDh.toString());
        assertTrue(withDh.path("pskVerified").asBoolean(), withDh.toString());
        assertEquals("decrypted", withDh.path("status").asText());
        CliRunner.Result text = CliRunner.run("analyze", "--psk", rpsk, LAB.resolve("am-psk-bad.pcap").toString());
        assertTrue(text.out().contains("decryption: no-keys: aggressive mode: the pre-shared key candidates were checked"),
                text.out());
        SecretLeaks.assertNoLeak(text.out() + text.err(), rpsk);
    }

    /** The truth's PSK at line 4 of a wordlist (line 2 blank, line 3 a decoy with a comment after it). */
    private Path wordlist(boolean withIt) throws IOException {
        String psk = truth("ikescan-aggressive").path("responder").path("psk_configured").asText();
        Path w = dir.resolve(withIt ? "words.txt" : "other-words.txt");
        Files.writeString(w, "summer2024\n\ndev-psk-Ab1 almost\n" + (withIt ? psk : "dev-psk-Ab13") + "\nwinter\n");
        return w;
    }

    @Test
    void theWordlistMatchIsNamedByLineInEveryOutput() throws IOException {
        String psk = truth("ikescan-aggressive").path("responder").path("psk_configured").asText();
        Path w = wordlist(true);
        String pcap = LAB.resolve("ikescan-aggressive.pcap").toString();
        String label = "wordlist " + w + " line 4";
        CliRunner.Result json = CliRunner.run("analyze", "--format", "json", "--psk-wordlist", w.toString(), pcap);
        assertEquals(0, json.exit(), json.err());
        JsonNode h = JSON.readTree(json.out()).path("pskWordlist").path("hashes").get(0);
        assertEquals(label, h.path("key").asText());
        assertEquals("HASH_R", h.path("hash").asText());
        assertEquals("responder", h.path("from").asText());
        assertEquals(truth("ikescan-aggressive").get("icookie").asText(), h.path("ispi").asText());
        assertFalse(h.has("psk"), "no value without --show-keys");
        CliRunner.Result text = CliRunner.run("analyze", "--psk-wordlist", w.toString(), pcap);
        CliRunner.Result dissect = CliRunner.run("dissect", "--psk-wordlist", w.toString(), pcap);
        CliRunner.Result jsonl = CliRunner.run("dissect", "--format", "jsonl", "--psk-wordlist", w.toString(), pcap);
        assertTrue(text.out().contains("the responder's HASH_R (AM2): " + label), text.out());
        assertTrue(dissect.out().contains("the responder's HASH_R (AM2): " + label), dissect.out());
        List<String> lines = jsonl.out().lines().toList();
        assertEquals(label, JSON.readTree(lines.get(lines.size() - 1)).path("pskWordlist").path("hashes").get(0).path("key").asText());
        for (CliRunner.Result r : List.of(json, text, dissect, jsonl)) {
            assertEquals(0, r.exit(), r.err());
            SecretLeaks.assertNoLeak(r.out() + r.err(), psk);
        }
        CliRunner.Result shown = CliRunner.run("analyze", "--format", "json", "--show-keys", "--psk-wordlist", w.toString(), pcap);
        assertEquals(psk, JSON.readTree(shown.out()).path("pskWordlist").path("hashes").get(0).path("psk").asText());
        CliRunner.Result shownText = CliRunner.run("dissect", "--show-keys", "--psk-wordlist", w.toString(), pcap);
        assertTrue(shownText.out().contains(label + ": " + psk), shownText.out());
    }

    @Test
    void aWordlistWithoutItFindsNothing() throws IOException {
        Path w = wordlist(false);
        CliRunner.Result r = CliRunner.run("analyze", "--format", "json", "--psk-wordlist", w.toString(),
                LAB.resolve("ikescan-aggressive.pcap").toString());
        assertEquals(0, r.exit(), r.err());
        JsonNode p = JSON.readTree(r.out()).path("pskWordlist");
        assertTrue(p.path("hashes").get(0).path("key").isNull(), p.toString());
        assertEquals(5, p.path("linesRead").asInt());
        CliRunner.Result text = CliRunner.run("dissect", "--psk-wordlist", w.toString(), LAB.resolve("ikescan-aggressive.pcap").toString());
        assertTrue(text.out().contains("the responder's HASH_R (AM2): not in the wordlist"), text.out());
    }

    @Test
    void aBadWordlistIsAUsageErrorNamingFileAndLine() throws IOException {
        String secretish = "Zq9-very-secret";
        Path bad = dir.resolve("bad.txt");
        Files.write(bad, ("one\ntwo\n" + secretish + "\0\n").getBytes(StandardCharsets.UTF_8));
        String pcap = LAB.resolve("ikescan-aggressive.pcap").toString();
        for (String cmd : List.of("analyze", "dissect")) {
            CliRunner.Result r = CliRunner.run(cmd, "--psk-wordlist", bad.toString(), pcap);
            assertEquals(Main.EXIT_USAGE, r.exit(), cmd);
            assertTrue(r.err().contains("wordlist " + bad + " line 3: a NUL byte"), r.err());
            SecretLeaks.assertNoLeak(r.out() + r.err(), secretish);
        }
        CliRunner.Result missing = CliRunner.run("analyze", "--psk-wordlist", dir.resolve("nope.txt").toString(), pcap);
        assertEquals(Main.EXIT_USAGE, missing.exit());
        assertTrue(missing.err().contains("wordlist " + dir.resolve("nope.txt") + ": cannot be read"), missing.err());
        assertEquals("", missing.out(), "a usage error before the capture is read");
    }
}
