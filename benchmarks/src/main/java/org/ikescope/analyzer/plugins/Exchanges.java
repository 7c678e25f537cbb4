package org.ikescope.analyzer.plugins;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.ikescope.analyzer.analysis.Analysis;
import org.ikescope.analyzer.analysis.AnalysisSink;
import org.ikescope.analyzer.diagnose.Diagnostician;
import org.ikescope.analyzer.exchange.Exchange;
import org.ikescope.api.plugin.ExchangeView;
import org.ikescope.api.plugin.Finding;
import org.ikescope.dissector.pipeline.RepeatCapture;

/**
 * The exchanges of many-peers.pcap (fresh cookies per round) for the benchmarks that start after
 * reconstruction: the records, and their plugin views made while the message bytes were still
 * kept (as the host sees them).
 */
public final class Exchanges {
    public final List<Exchange> exchanges = new ArrayList<>();
    public final List<ExchangeView> views = new ArrayList<>();
    /** ISAKMP messages in the exchanges. */
    public long messages;

    /** Analyses {@code rounds} rounds of many-peers.pcap without plugins. */
    public static Exchanges of(int rounds) throws IOException {
        Exchanges out = new Exchanges();
        Path file = Files.createTempFile("ikescope-exchanges", ".pcap");
        try {
            RepeatCapture.write(file, rounds, true, 0);
            Diagnostician keep = new Diagnostician() {
                @Override
                public List<Finding> diagnose(Exchange x) {
                    out.views.add(ExchangeViews.of(x));
                    return List.of();
                }
            };
            Analysis.builder().diagnostician(keep).build().run(List.of(file.toString()), new AnalysisSink() {
                @Override
                public void exchange(Exchange x) {
                    out.exchanges.add(x);
                    out.messages += x.messages().size();
                }

                @Override
                public void end(List<Finding> findings, Map<String, Object> stats, List<String> errors) {
                }
            });
        } finally {
            Files.deleteIfExists(file);
        }
        return out;
    }
}
