package org.ikescope.dissector.session;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.ikescope.dissector.capture.Captures;
import org.ikescope.dissector.capture.PacketSource;
import org.ikescope.dissector.keys.KeyMaterial;
import org.ikescope.dissector.keys.PskWordlist;
import org.ikescope.dissector.keys.Secret;
import org.ikescope.dissector.keys.SecretLeaks;
import org.ikescope.dissector.pipeline.Dissector;
import org.ikescope.dissector.pipeline.TestCaptures;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The wordlist search against the lab's aggressive-mode scan: the responder's configured PSK
 * (truth file) is found at the line it was written to, on one thread and on several, gzipped or
 * not; a list without it finds nothing after reading every line; a malformed line is an error
 * naming the file and the line and not the value.
 */
class PskWordlistSearchTest {
    static String psk;
    static List<PskTarget> targets;

    @TempDir
    Path dir;

    @BeforeAll
    static void hashesOfTheScan() throws IOException {
        psk = new ObjectMapper().readTree(TestCaptures.path("lab/ikescan-aggressive.truth.json").toFile())
                .get("exchanges").get(0).path("responder").path("psk_configured").asText();
        targets = targets(new KeyMaterial.Builder().wordlist(new PskWordlist(Path.of("w"))).build());
        assertEquals(1, targets.size(), "one AM2 HASH_R (and its retransmissions)");
    }

    static List<PskTarget> targets(KeyMaterial k) throws IOException {
        Dissector d = new Dissector(Dissector.Options.defaults().withKeys(k));
        try (PacketSource src = Captures.open(TestCaptures.path("lab/ikescan-aggressive.pcap").toString())) {
            d.run(src, e -> { });
        }
        return d.keyed().pskTargets();
    }

    /** A wordlist with {@code lines}, each ended by {@code eol}; gzipped when asked. */
    private Path wordlist(String name, boolean gzip, String eol, List<String> lines) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        for (String l : lines) {
            b.write((l + eol).getBytes(StandardCharsets.UTF_8));
        }
        Path p = dir.resolve(name);
        try (OutputStream o = gzip ? new GZIPOutputStream(Files.newOutputStream(p)) : Files.newOutputStream(p)) {
            o.write(b.toByteArray());
        }
        return p;
    }

    private static List<String> decoys(int n) {
        return java.util.stream.IntStream.range(0, n).mapToObj(i -> "candidate-" + i).toList();
    }

    @Test
    void theConfiguredPskIsFoundAtItsLine() throws IOException {
        // psk-crack's reading: the word before the first whitespace; blank and space-led lines give nothing.
        List<String> lines = List.of("summer2024", "", "   " + psk, "dev-psk-Ab1", psk + " (the lab's)", "zzz");
        for (boolean gzip : new boolean[] {false, true}) {
            for (String eol : List.of("\n", "\r\n")) {
                Path w = wordlist("w" + gzip + eol.length() + ".txt", gzip, eol, lines);
                for (int threads : new int[] {1, 4}) {
                    PskWordlistSearch.Result r = PskWordlistSearch.run(new PskWordlist(w), targets, 0, threads);
                    assertNull(r.error());
                    PskWordlistSearch.Match m = r.matches().get(0);
                    assertEquals("wordlist " + w + " line 5", m.label(), "gzip " + gzip + ", threads " + threads);
                    assertArrayEquals(psk.getBytes(StandardCharsets.UTF_8), m.psk().bytes());
                    assertEquals(1, r.found());
                }
            }
        }
    }

    @Test
    void theFirstMatchingLineWinsOnEveryThreadCount() throws IOException {
        List<String> lines = new java.util.ArrayList<>(decoys(6000));
        lines.set(4199, psk);
        lines.set(1499, psk);
        Path w = wordlist("dup.txt", false, "\n", lines);
        for (int threads : new int[] {1, 2, 8}) {
            PskWordlistSearch.Result r = PskWordlistSearch.run(new PskWordlist(w), targets, 0, threads);
            assertEquals("wordlist " + w + " line 1500", r.matches().get(0).label(), "threads " + threads);
            assertTrue(r.linesRead() >= 1500 && r.linesRead() <= 6000, String.valueOf(r.linesRead()));
        }
    }

    @Test
    void aListWithoutItFindsNothingAfterReadingEveryLine() throws IOException {
        Path w = wordlist("none.txt", false, "\n", decoys(3000));
        PskWordlistSearch.Result r = PskWordlistSearch.run(new PskWordlist(w), targets, 0, 3);
        assertNull(r.error());
        assertNull(r.matches().get(0).label());
        assertNull(r.matches().get(0).psk());
        assertEquals(3000, r.linesRead());
        assertEquals(0, r.found());
    }

    @Test
    void aHashAnotherCandidateMatchedIsNotSearched() throws IOException {
        KeyMaterial k = new KeyMaterial.Builder().psk(new Secret(psk.getBytes(StandardCharsets.UTF_8), "--psk #1"))
                .wordlist(new PskWordlist(dir.resolve("never-read"))).build();
        PskWordlistSearch.Result r = PskWordlistSearch.run(k.wordlist(), targets(k), 0, 2);
        assertEquals("--psk #1", r.matches().get(0).label());
        assertEquals(0, r.linesRead());
        assertNull(r.error(), "the file is not opened");
    }

    @Test
    void aMalformedLineIsAnErrorNamingTheFileAndLineNotTheValue() throws IOException {
        String secretish = "Sup3rSecretValue";
        Path nul = dir.resolve("nul.txt");
        Files.write(nul, ("a\nb\n" + secretish + "\0x\n" + psk + "\n").getBytes(StandardCharsets.UTF_8));
        PskWordlistSearch.Result r = PskWordlistSearch.run(new PskWordlist(nul), targets, 0, 2);
        assertEquals("wordlist " + nul + " line 3: a NUL byte (expected: text, one pre-shared key per line)", r.error());
        SecretLeaks.assertNoLeak(r.error(), secretish);
        Path longLine = dir.resolve("long.txt");
        Files.write(longLine, ("a\n" + secretish.repeat(100) + "\n").getBytes(StandardCharsets.UTF_8));
        r = PskWordlistSearch.run(new PskWordlist(longLine), targets, 0, 1);
        assertEquals("wordlist " + longLine + " line 2: longer than 1024 bytes (expected: one pre-shared key per line)", r.error());
        SecretLeaks.assertNoLeak(r.error(), secretish);
        r = PskWordlistSearch.run(new PskWordlist(dir.resolve("missing.txt")), targets, 0, 1);
        assertNotNull(r.error());
        assertTrue(r.error().startsWith("wordlist " + dir.resolve("missing.txt") + ": cannot be read"), r.error());
    }
}
