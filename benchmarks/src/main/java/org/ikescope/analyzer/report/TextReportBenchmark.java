package org.ikescope.analyzer.report;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.ikescope.analyzer.exchange.Exchange;
import org.ikescope.analyzer.plugins.Exchanges;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The text report as {@code analyze} writes it, per exchange: one report of {@link #EXCHANGES}
 * exchanges of many-peers.pcap (ten a round; table row and ladder of each, the findings, the summary) to a
 * stream that drops the bytes. Run with {@code -prof gc}: {@code gc.alloc.rate.norm} is the bytes
 * allocated per exchange.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class TextReportBenchmark {
    private static final int EXCHANGES = 200;
    private static final List<String> FILES = List.of("many-peers.pcap");
    private final PrintStream out = new PrintStream(OutputStream.nullOutputStream(), false, StandardCharsets.UTF_8);
    private List<Exchange> exchanges;

    @Setup
    public void setup() throws IOException {
        exchanges = Exchanges.of(EXCHANGES / 10).exchanges.subList(0, EXCHANGES);
    }

    /** A report of {@link #EXCHANGES} exchanges; the time and allocation are per exchange. */
    @Benchmark
    @OperationsPerInvocation(EXCHANGES)
    public TextReport report() {
        TextReport t = new TextReport(out, FILES, null, 100);
        for (Exchange x : exchanges) {
            t.exchange(x);
        }
        t.end(List.of(), Map.of("frames", 0), List.of());
        return t;
    }
}
