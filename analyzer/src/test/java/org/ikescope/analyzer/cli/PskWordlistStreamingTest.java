package org.ikescope.analyzer.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --psk-wordlist} streams its file: a wordlist of 192 MiB (gzipped to a few hundred KiB),
 * with the lab's PSK on its last line, is searched to the end by {@code ikescope analyze} in a JVM
 * limited to 64 MiB of heap. Loading it whole could not fit.
 *
 * <p>Tagged {@code large} (a few seconds): leave it out of a quick local run with
 * {@code -DexcludedGroups=large}.
 */
@Tag("large")
class PskWordlistStreamingTest {
    static final int LINE_BYTES = 1000;
    static final int LINES = 192 * 1024 * 1024 / (LINE_BYTES + 1);

    @TempDir
    Path dir;

    @Test
    void aWordlistThreeTimesTheHeapIsSearchedToItsEnd() throws Exception {
        Path lab = CliRunner.CAPTURES.resolve("lab");
        ObjectMapper json = new ObjectMapper();
        String psk = json.readTree(lab.resolve("ikescan-aggressive.truth.json").toFile()).get("exchanges").get(0)
                .path("responder").path("psk_configured").asText();
        Path wordlist = dir.resolve("big.txt.gz");
        byte[] line = new byte[LINE_BYTES + 1];
        Arrays.fill(line, (byte) 'w');
        line[LINE_BYTES] = '\n';
        try (OutputStream o = new GZIPOutputStream(new BufferedOutputStream(Files.newOutputStream(wordlist), 1 << 16), 1 << 16)) {
            for (int i = 1; i < LINES; i++) {
                o.write(line);
            }
            o.write((psk + "\n").getBytes(StandardCharsets.UTF_8));
        }
        assertTrue(Files.size(wordlist) < 8 << 20, "compressed: " + Files.size(wordlist));
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(java, "-Xmx64m", "-XX:+ExitOnOutOfMemoryError", "-cp",
                System.getProperty("java.class.path"), "org.ikescope.analyzer.cli.Main", "analyze", "--format", "json",
                "--psk-wordlist", wordlist.toString(), lab.resolve("ikescan-aggressive.pcap").toString());
        pb.redirectError(dir.resolve("stderr.txt").toFile());
        pb.redirectOutput(dir.resolve("stdout.json").toFile());
        Process p = pb.start();
        assertTrue(p.waitFor(5, TimeUnit.MINUTES), "the search did not finish");
        String err = Files.readString(dir.resolve("stderr.txt"));
        assertEquals(0, p.exitValue(), err + Files.readString(dir.resolve("stdout.json")));
        JsonNode w = json.readTree(dir.resolve("stdout.json").toFile()).path("pskWordlist");
        assertEquals(LINES, w.path("linesRead").asLong(), w.toString());
        assertEquals("wordlist " + wordlist + " line " + LINES, w.path("hashes").get(0).path("key").asText(), w.toString());
    }
}
