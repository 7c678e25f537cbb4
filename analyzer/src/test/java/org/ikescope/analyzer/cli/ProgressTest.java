package org.ikescope.analyzer.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.ikescope.analyzer.analysis.Analysis;
import org.ikescope.analyzer.analysis.AnalysisSink;
import org.ikescope.analyzer.analysis.CaptureOpener;
import org.ikescope.analyzer.exchange.Exchange;
import org.ikescope.analyzer.exchange.SyntheticCapture;
import org.ikescope.api.plugin.Finding;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The progress line and Ctrl-C: the line (bytes, packets/s, exchanges) drawn on a terminal and
 * cleared before output, nothing when not wanted; an interrupt ends the reading and the report of
 * what was read is still written, also in a real JVM sent SIGINT.
 */
class ProgressTest {
    @TempDir
    Path tmp;

    /** A capture of {@code peers} main-mode peers (10 messages each), from {@code firstPeer}. */
    private static Path peers(Path file, int firstPeer, int peers) throws IOException {
        try (SyntheticCapture c = new SyntheticCapture(file, firstPeer)) {
            for (int p = firstPeer; p < firstPeer + peers; p++) {
                int initiator = 0x0a000000 + p;
                c.mainModePeer(p * 1_000_000L, 1_000, initiator, 0xc0000201, 0x1000_0000_0000_0000L + p, 0x2000_0000_0000_0000L + p, 10);
            }
        }
        return file;
    }

    /** Collects the exchanges and whether the end came. */
    private static final class Collected implements AnalysisSink {
        final List<Exchange> exchanges = new ArrayList<>();
        Map<String, Object> stats;

        @Override
        public void exchange(Exchange exchange) {
            exchanges.add(exchange);
        }

        @Override
        public void end(List<Finding> findings, Map<String, Object> stats, List<String> errors) {
            this.stats = stats;
        }
    }

    @Test
    void drawsOnATerminalAndClearsTheLine() throws IOException {
        Path capture = peers(tmp.resolve("p.pcap"), 1, 500);
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Progress progress = new Progress(List.of(capture.toString()), true, new PrintStream(err, true, StandardCharsets.UTF_8), 0);
        Collected sink = new Collected();
        Analysis.builder().opener(progress.opener(CaptureOpener.BUILTIN)).build().run(List.of(capture.toString()), progress.sink(sink));
        progress.done();
        String line = err.toString(StandardCharsets.UTF_8);
        assertTrue(line.contains("packets/s") && line.contains("exchanges") && line.contains("%") && line.contains("MB of"), line);
        assertTrue(line.endsWith("\r\u001b[K"), "the line is cleared at the end");
        assertEquals(500, sink.exchanges.size());
    }

    @Test
    void nothingWhenNotWanted() throws IOException {
        Path capture = peers(tmp.resolve("p.pcap"), 1, 100);
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Progress progress = new Progress(List.of(capture.toString()), false, new PrintStream(err, true, StandardCharsets.UTF_8), 0);
        Analysis.builder().opener(progress.opener(CaptureOpener.BUILTIN)).build().run(List.of(capture.toString()),
                progress.sink(new Collected()));
        progress.done();
        assertEquals("", err.toString(StandardCharsets.UTF_8));
        assertFalse(Progress.wanted(true), "--quiet");
    }

    @Test
    void stopEndsTheReadingAndTheReportIsStillWritten() throws IOException {
        Path capture = peers(tmp.resolve("p.pcap"), 1, 300);
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Progress progress = new Progress(List.of(capture.toString()), false, new PrintStream(err, true, StandardCharsets.UTF_8), 0);
        Collected sink = new Collected();
        AnalysisSink stopping = new AnalysisSink() {
            @Override
            public void exchange(Exchange exchange) throws IOException {
                sink.exchange(exchange);
                if (sink.exchanges.size() == 20) {
                    progress.stop();
                }
            }

            @Override
            public void end(List<Finding> findings, Map<String, Object> stats, List<String> errors) {
                sink.end(findings, stats, errors);
            }
        };
        Analysis.builder().opener(progress.opener(CaptureOpener.BUILTIN)).build().run(List.of(capture.toString()),
                progress.sink(stopping));
        progress.done();
        assertTrue(sink.stats != null, "the report's end came");
        assertTrue(sink.exchanges.size() < 300, "reading stopped: " + sink.exchanges.size());
        assertTrue(((Number) sink.stats.get("frames")).longValue() < 3000);
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("interrupted"), err.toString(StandardCharsets.UTF_8));
    }

    /**
     * A real JVM reading a capture from standard input, as in {@code tcpdump -w - | ikescope analyze -}:
     * SIGINT after the first 50 peers; the peers written after it are not read, and the text report
     * of the first ones is printed.
     */
    @Test
    void sigintPrintsWhatWasFoundSoFar() throws Exception {
        byte[] first = Files.readAllBytes(peers(tmp.resolve("a.pcap"), 1, 50));
        byte[] second = Files.readAllBytes(peers(tmp.resolve("b.pcap"), 1000, 50));
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), Main.class.getName(), "analyze", "-")
                .redirectOutput(tmp.resolve("out.txt").toFile()).redirectError(tmp.resolve("err.txt").toFile()).start();
        try (OutputStream in = p.getOutputStream()) {
            in.write(first);
            in.flush();
            Thread.sleep(4_000);
            assertTrue(p.isAlive(), "still reading standard input");
            new ProcessBuilder("kill", "-INT", String.valueOf(p.pid())).start().waitFor();
            Thread.sleep(1_000);
            in.write(Arrays.copyOfRange(second, 24, second.length));
        } catch (IOException e) {
            // the JVM may have stopped reading already
        }
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the JVM ends");
        String out = Files.readString(tmp.resolve("out.txt"));
        String err = Files.readString(tmp.resolve("err.txt"));
        assertTrue(err.contains("interrupted"), err);
        assertTrue(out.startsWith("50 IKE SAs in -"), out.lines().findFirst().orElse(""));
        assertFalse(out.contains("10.0.3.232"), "a peer sent after the interrupt (10.0.3.232 is peer 1000) is not in the report");
    }
}
