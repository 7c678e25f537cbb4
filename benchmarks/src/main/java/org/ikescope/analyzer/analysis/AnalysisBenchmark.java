package org.ikescope.analyzer.analysis;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.ikescope.analyzer.exchange.Exchange;
import org.ikescope.analyzer.plugins.PluginDiagnostician;
import org.ikescope.analyzer.plugins.PluginHost;
import org.ikescope.api.plugin.Finding;
import org.ikescope.dissector.pipeline.RepeatCapture;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The whole analysis through the library entry ({@link Analysis}), as {@code ikescope analyze}
 * runs it minus the writing: many-peers.pcap's frames repeated to about 100,000 frames, dissected,
 * tracked into exchanges and (with {@code plugins=builtin}) diagnosed by the built-in plugins.
 * Operations are files; divide by the frames for a rate.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class AnalysisBenchmark {
    static final int REPEAT = 1000;

    /** {@code none}: reconstruction only; {@code builtin}: with the built-in diagnostics. */
    @Param({"none", "builtin"})
    public String plugins;

    private Path file;
    long frames;
    private Analysis analysis;
    private PluginHost host;

    @Setup(Level.Trial)
    public void setup() throws IOException {
        file = Files.createTempFile("ikescope-bench", ".pcap");
        frames = RepeatCapture.write(file, REPEAT);
        Analysis.Builder b = Analysis.builder();
        if (plugins.equals("builtin")) {
            host = PluginHost.load(PluginHost.Config.defaults(), w -> { });
            b.diagnostician(new PluginDiagnostician(host));
        }
        analysis = b.build();
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        if (host != null) {
            host.close();
        }
        Files.deleteIfExists(file);
    }

    @Benchmark
    public Analysis.Result analyzeFile(Blackhole bh) throws IOException {
        return analysis.run(List.of(file.toString()), new AnalysisSink() {
            @Override
            public void exchange(Exchange exchange) {
                bh.consume(exchange);
            }

            @Override
            public void end(List<Finding> findings, Map<String, Object> stats, List<String> errors) {
                bh.consume(findings);
            }
        });
    }
}
