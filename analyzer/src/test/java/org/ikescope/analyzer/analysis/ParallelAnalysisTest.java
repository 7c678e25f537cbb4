package org.ikescope.analyzer.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.ikescope.analyzer.diagnose.Diagnostician;
import org.ikescope.analyzer.exchange.Exchange;
import org.ikescope.analyzer.exchange.ExchangeTracker;
import org.ikescope.analyzer.plugins.PluginDiagnostician;
import org.ikescope.analyzer.plugins.PluginHost;
import org.ikescope.analyzer.report.JsonReport;
import org.ikescope.api.plugin.Finding;
import org.junit.jupiter.api.Test;

/**
 * The second core ({@link Analysis.Builder#parallel}, {@link Handoff}) changes nothing but the
 * thread: the same report, byte for byte, as one thread on every lab capture (built-in plugins on);
 * the same decisions at the edge of the message-bytes budget; and a sink that fails ends the run
 * with the same exception as on one thread.
 */
class ParallelAnalysisTest {
    static final Path LAB = Path.of("../dissector/src/test/resources/captures/lab");

    private static String json(List<String> files, boolean parallel, long payloadBudget) throws IOException {
        return json(files, parallel, payloadBudget, 0, ExchangeTracker.Options.defaults().maxTracked());
    }

    /** With {@code lagMillis}, the sink sleeps before each exchange: a worker that lags behind the reading. */
    private static String json(List<String> files, boolean parallel, long payloadBudget, long lagMillis, int maxTracked)
            throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        JsonReport report = new JsonReport(out);
        AnalysisSink sink = new AnalysisSink() {
            @Override
            public void exchange(Exchange x) throws IOException {
                if (lagMillis > 0) {
                    try {
                        Thread.sleep(lagMillis);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
                report.exchange(x);
            }

            @Override
            public void end(List<Finding> cross, Map<String, Object> stats, List<String> errors) throws IOException {
                report.end(cross, stats, errors);
            }
        };
        try (Diagnostician d = new PluginDiagnostician(PluginHost.load(
                PluginHost.Config.defaults().withClassPath(PluginHost.class.getClassLoader()), w -> { }))) {
            ExchangeTracker.Options o = ExchangeTracker.Options.defaults();
            Analysis.builder()
                    .tracker(new ExchangeTracker.Options(o.idleTimeoutNanos(), maxTracked, o.maxMessagesPerExchange(), payloadBudget))
                    .diagnostician(d)
                    .parallel(parallel)
                    .build()
                    .run(files, sink);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    /** Equal reports, or a failure that shows where they part (they are long). */
    private static void same(String expected, String actual, String what) {
        if (expected.equals(actual)) {
            return;
        }
        int i = 0;
        while (i < Math.min(expected.length(), actual.length()) && expected.charAt(i) == actual.charAt(i)) {
            i++;
        }
        int from = Math.max(0, i - 150);
        throw new AssertionError(what + ": the reports part at character " + i + "\n one thread: ..."
                + expected.substring(from, Math.min(expected.length(), i + 150)) + "\n two threads: ..."
                + actual.substring(from, Math.min(actual.length(), i + 150)));
    }

    private static List<String> labCaptures() throws IOException {
        try (Stream<Path> s = Files.list(LAB)) {
            return s.map(Path::toString).filter(f -> f.endsWith(".pcap") || f.endsWith(".pcapng")).sorted().toList();
        }
    }

    @Test
    void sameReportAsOneThreadOnEveryLabCapture() throws IOException {
        List<String> files = labCaptures();
        assertTrue(files.size() >= 30, "the lab captures: " + files.size());
        long budget = ExchangeTracker.Options.defaults().payloadBytesBudget();
        for (String f : files) {
            String one = json(List.of(f), false, budget);
            same(one, json(List.of(f), true, budget), f);
            assertTrue(one.contains("\"exchanges\""), f);
        }
        // All of them in one run: one worker across the timelines of several files.
        same(json(files, false, budget), json(files, true, budget), "all lab captures in one run");
    }

    /**
     * A budget so small that most messages lose their bytes: which ones keep them depends on when
     * emitted SAs give theirs back, which the worker must not change (the tracker waits for it at
     * the edge). At most 3 SAs open at once, so that SAs are emitted all along the capture, and a
     * worker that lags behind: on one thread their bytes would be back already. The stats count
     * the messages whose bytes were not kept.
     */
    @Test
    void sameDecisionsAtTheEdgeOfThePayloadBudget() throws IOException {
        List<String> files = List.of(LAB.resolve("many-peers.pcap").toString());
        long[] notKept = new long[4];
        long[] budgets = {0, 2_000, 20_000, 200_000};
        for (int i = 0; i < budgets.length; i++) {
            String one = json(files, false, budgets[i], 0, 3);
            same(one, json(files, true, budgets[i], 0, 3), "budget " + budgets[i]);
            same(one, json(files, true, budgets[i], 2, 3), "budget " + budgets[i] + ", the worker lagging behind");
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"payloadBytesNotRetained\":(\\d+)").matcher(one);
            assertTrue(m.find(), "the stats say how many messages lost their bytes");
            notKept[i] = Long.parseLong(m.group(1));
        }
        assertTrue(notKept[0] > notKept[1] && notKept[1] > 0, "2,000 bytes keep some messages' bytes and not others: "
                + java.util.Arrays.toString(notKept));
    }

    /** Fails on the third exchange with {@code failure}. */
    private static final class Failing implements AnalysisSink {
        final Throwable failure;
        final List<Long> seen = new ArrayList<>();

        Failing(Throwable failure) {
            this.failure = failure;
        }

        @Override
        public void exchange(Exchange x) throws IOException {
            seen.add(x.id());
            if (seen.size() == 3) {
                if (failure instanceof IOException e) {
                    throw e;
                }
                if (failure instanceof Error e) {
                    throw e;
                }
                throw (RuntimeException) failure;
            }
        }

        @Override
        public void end(List<Finding> cross, Map<String, Object> stats, List<String> errors) {
            throw new AssertionError("a run whose sink failed does not end normally");
        }
    }

    @Test
    void aFailingSinkEndsTheRunWithItsExceptionAsOnOneThread() throws IOException {
        List<String> files = List.of(LAB.resolve("many-peers.pcap").toString());
        for (boolean parallel : new boolean[] {false, true}) {
            IOException io = new IOException("No space left on device");
            Failing s1 = new Failing(io);
            IOException thrown = assertThrows(IOException.class,
                    () -> Analysis.builder().parallel(parallel).build().run(files, s1));
            assertSame(io, thrown, "parallel " + parallel);
            assertEquals(3, s1.seen.size(), "nothing written after the failure; parallel " + parallel);

            OutOfMemoryError oom = new OutOfMemoryError("Java heap space");
            Failing s2 = new Failing(oom);
            assertSame(oom, assertThrows(OutOfMemoryError.class,
                    () -> Analysis.builder().parallel(parallel).build().run(files, s2)), "parallel " + parallel);

            IllegalStateException bug = new IllegalStateException("a bug");
            Failing s3 = new Failing(bug);
            assertSame(bug, assertThrows(IllegalStateException.class,
                    () -> Analysis.builder().parallel(parallel).build().run(files, s3)), "parallel " + parallel);
        }
    }
}
