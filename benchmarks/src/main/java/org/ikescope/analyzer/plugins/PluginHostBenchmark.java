package org.ikescope.analyzer.plugins;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.ikescope.api.plugin.ExchangeView;
import org.ikescope.api.plugin.Finding;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The plugin host per exchange: every built-in plugin on one exchange's view
 * ({@link PluginHost#analyze}, time limit and all), the exchanges of many-peers.pcap in turn; and
 * the view itself ({@link ExchangeViews#of}). One operation is one exchange, except for the
 * end-of-capture benchmarks (one operation: the hooks over all the exchanges).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class PluginHostBenchmark {
    private Exchanges data;
    private PluginHost host;
    private int next;

    @Setup(Level.Trial)
    public void setup() throws IOException {
        data = Exchanges.of(8);
        host = PluginHost.load(PluginHost.Config.defaults(), w -> { });
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        host.close();
    }

    @Benchmark
    public List<Finding> analyze() {
        List<ExchangeView> v = data.views;
        return host.analyze(v.get(next++ % v.size()));
    }

    /** The end-of-capture hooks over every exchange, views made in full as before (one operation: the whole capture). */
    @Benchmark
    public List<Finding> endOfCaptureFullViews() {
        return host.endOfCapture(new java.util.AbstractList<ExchangeView>() {
            @Override
            public ExchangeView get(int index) {
                return ExchangeViews.of(data.exchanges.get(index));
            }

            @Override
            public int size() {
                return data.exchanges.size();
            }
        });
    }

    /** The same with the views {@link PluginDiagnostician} gives the hooks (made on demand). */
    @Benchmark
    public List<Finding> endOfCaptureLazyViews() {
        return new PluginDiagnostician(host).endOfTimeline(data.exchanges);
    }

    @Benchmark
    public ExchangeView view() {
        return ExchangeViews.of(data.exchanges.get(next++ % data.exchanges.size()));
    }
}
