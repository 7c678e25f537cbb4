package org.ikescope.analyzer.exchange;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A generated capture of 1,000,000 messages across 100,000 peers (main mode MM1..MM6, quick mode
 * QM1..QM3 and an informational each; a new peer every 5 ms, so 500 s of capture and about
 * 24,000 SAs open at a time with the default 120 s idle timeout) analysed by
 * {@code ikescope analyze --format json} in a JVM limited to 256 MB of heap. The JSON is read as a
 * stream from the child's output and counted.
 *
 * <p>Part of every build (about 30 s on 2 cores); leave it out of a quick local run with
 * {@code mvn test -DexcludedGroups=large}.
 */
@Tag("large")
class LargeCaptureTest {
    static final int PEERS = 100_000;
    static final int MESSAGES_PER_PEER = 10;
    static final long PEER_SPACING_MICROS = 5_000;
    static final long STEP_MICROS = 400;

    @TempDir
    Path dir;

    static Path generate(Path file) throws IOException {
        try (SyntheticCapture c = new SyntheticCapture(file, 42)) {
            int responder = 0xcb007101;
            for (int p = 0; p < PEERS; p++) {
                int initiator = 0x0a000000 | (p + 1); // 10.0.0.1 ...
                long ispi = c.nextLong() | 1;
                long rspi = c.nextLong() | 1;
                c.mainModePeer(p * PEER_SPACING_MICROS, STEP_MICROS, initiator, responder, ispi, rspi, MESSAGES_PER_PEER);
            }
            assertEquals((long) PEERS * MESSAGES_PER_PEER, c.frames());
        }
        return file;
    }

    @Test
    void aMillionMessagesIn256Megabytes() throws Exception {
        Path pcap = generate(dir.resolve("large.pcap"));
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(java, "-Xmx256m", "-XX:+ExitOnOutOfMemoryError",
                "-cp", System.getProperty("java.class.path"),
                "org.ikescope.analyzer.cli.Main", "analyze", "--format", "json", pcap.toString());
        pb.redirectError(dir.resolve("stderr.txt").toFile());
        long t0 = System.nanoTime();
        Process proc = pb.start();
        long exchanges;
        long active;
        Map<String, Long> stats = new HashMap<>();
        try (InputStream in = proc.getInputStream(); JsonParser p = new JsonFactory().createParser(in)) {
            readDocument(p, stats);
            exchanges = stats.remove("#exchanges");
            active = stats.remove("#active");
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            proc.waitFor(1, TimeUnit.MINUTES);
            throw new AssertionError("the child's output is not one JSON document (out of memory? -XX:+ExitOnOutOfMemoryError "
                    + "prints on standard output): " + e.getMessage() + "\n" + Files.readString(dir.resolve("stderr.txt")), e);
        }
        assertTrue(proc.waitFor(10, TimeUnit.MINUTES), "analysis did not finish");
        long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - t0);
        String err = Files.readString(dir.resolve("stderr.txt"), StandardCharsets.UTF_8);
        assertEquals(0, proc.exitValue(), err);
        assertEquals(PEERS, exchanges);
        assertEquals(PEERS, active, "every peer reached MM_ACTIVE");
        assertEquals((long) PEERS, stats.get("exchanges"));
        assertEquals((long) PEERS * MESSAGES_PER_PEER, stats.get("analyzedMessages"));
        assertEquals(0L, stats.get("closedAtCap"));
        assertTrue(stats.get("peakTracked") < 30_000, "bounded by the idle timeout: " + stats.get("peakTracked"));
        System.out.printf("LargeCaptureTest: %d messages, %d exchanges in %d s, peak %d SAs open%n",
                stats.get("analyzedMessages"), exchanges, seconds, stats.get("peakTracked"));
    }

    /**
     * A text report of 300,000 SAs (main mode MM1 and MM2 each, one every second from 1,000
     * initiators in turn, so a few SAs open at a time) in a JVM limited to {@value #TEXT_HEAP_MB} MB:
     * the table comes first, so every exchange's row is kept to the end, in the heap as 24 bytes of
     * sort keys (the text goes to a temporary file). Before, a row took about 570 bytes of heap: the
     * same run ran out of memory after 69 full collections, and a million SAs did not fit in 256 MB
     * (RESULTS.md, memory). Few initiators: what the built-in diagnostics keep per peer pair is
     * not what this measures.
     */
    @Test
    void tableRowsOfManySasInASmallHeap() throws Exception {
        int sas = 300_000;
        Path pcap = dir.resolve("many-sas.pcap");
        try (SyntheticCapture c = new SyntheticCapture(pcap, 7)) {
            for (int p = 0; p < sas; p++) {
                c.mainModePeer(p * 1_000_000L, STEP_MICROS, 0x0a000000 | (p % 1_000 + 1), 0xcb007101, c.nextLong() | 1,
                        c.nextLong() | 1, 2);
            }
        }
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(java, "-Xmx" + TEXT_HEAP_MB + "m", "-XX:+ExitOnOutOfMemoryError",
                "-Djava.io.tmpdir=" + dir, "-cp", System.getProperty("java.class.path"),
                "org.ikescope.analyzer.cli.Main", "analyze", pcap.toString());
        pb.redirectError(dir.resolve("stderr.txt").toFile());
        pb.redirectOutput(dir.resolve("report.txt").toFile());
        Process proc = pb.start();
        assertTrue(proc.waitFor(10, TimeUnit.MINUTES), "analysis did not finish");
        String err = Files.readString(dir.resolve("stderr.txt"), StandardCharsets.UTF_8);
        String first;
        String last;
        long rows;
        try (var lines = Files.lines(dir.resolve("report.txt"), StandardCharsets.UTF_8)) {
            first = lines.findFirst().orElse("");
        }
        try (var lines = Files.lines(dir.resolve("report.txt"), StandardCharsets.UTF_8)) {
            last = lines.reduce((a, b) -> b).orElse("");
        }
        assertEquals(0, proc.exitValue(), "(exit 3: out of memory) " + last + "\n" + err);
        try (var lines = Files.lines(dir.resolve("report.txt"), StandardCharsets.UTF_8)) {
            rows = lines.filter(l -> l.matches("  \\d+ .*")).count();
        }
        assertEquals(sas + " IKE SAs in " + pcap, first);
        assertEquals(sas, rows, "a table row per exchange");
        try (var files = Files.list(dir)) {
            assertEquals(0, files.filter(f -> f.getFileName().toString().startsWith("ikescope-rows")).count(),
                    "the temporary file of the table is deleted");
        }
    }

    static final int TEXT_HEAP_MB = 128;

    /** Counts exchanges ({@code #exchanges}, {@code #active}) and reads the numeric stats into {@code stats}. */
    private static void readDocument(JsonParser p, Map<String, Long> stats) throws IOException {
        long exchanges = 0;
        long active = 0;
        assertEquals(JsonToken.START_OBJECT, p.nextToken());
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            p.nextToken();
            if (name.equals("exchanges")) {
                while (p.nextToken() == JsonToken.START_OBJECT) {
                    exchanges++;
                    if (initiatorActive(p)) {
                        active++;
                    }
                }
            } else if (name.equals("stats")) {
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String k = p.currentName();
                    if (p.nextToken().isNumeric()) {
                        stats.put(k, p.getLongValue());
                    } else {
                        p.skipChildren();
                    }
                }
            } else {
                p.skipChildren();
            }
        }
        stats.put("#exchanges", exchanges);
        stats.put("#active", active);
    }

    /** Reads one exchange object (the parser is on its START_OBJECT); true when state.initiator is MM_ACTIVE. */
    private static boolean initiatorActive(JsonParser p) throws IOException {
        boolean active = false;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            JsonToken t = p.nextToken();
            if (name.equals("state") && t == JsonToken.START_OBJECT) {
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String k = p.currentName();
                    p.nextToken();
                    if (k.equals("initiator") && "MM_ACTIVE".equals(p.getValueAsString())) {
                        active = true;
                    }
                }
            } else {
                p.skipChildren();
            }
        }
        return active;
    }
}
