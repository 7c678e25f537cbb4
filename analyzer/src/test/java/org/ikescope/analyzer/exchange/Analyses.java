package org.ikescope.analyzer.exchange;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import java.util.Map;
import org.ikescope.analyzer.analysis.Analysis;
import org.ikescope.analyzer.analysis.AnalysisSink;
import org.ikescope.api.plugin.Finding;

/** Runs exchange reconstruction in-process over a capture (test helper). */
public final class Analyses {
    /** The lab captures, copied into the dissector module (surefire runs in this module's directory). */
    public static final Path LAB = Path.of("../dissector/src/test/resources/captures/lab");

    private Analyses() {
    }

    public static List<Exchange> run(Path capture) {
        return run(capture, ExchangeTracker.Options.defaults());
    }

    /** The exchanges of {@code capture} as the analysis library emits them, without diagnosis. */
    public static List<Exchange> run(Path capture, ExchangeTracker.Options options) {
        Collected c = new Collected();
        try {
            Analysis.builder().tracker(options).build().run(List.of(capture.toString()), c);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return c.exchanges;
    }

    /** An {@link AnalysisSink} that keeps what it is given (test helper; memory grows with the capture). */
    public static final class Collected implements AnalysisSink {
        public final List<Exchange> exchanges = new ArrayList<>();
        public List<Finding> findings = List.of();
        public Map<String, Object> stats = Map.of();
        public List<String> errors = List.of();

        @Override
        public void exchange(Exchange exchange) {
            exchanges.add(exchange);
        }

        @Override
        public void end(List<Finding> f, Map<String, Object> s, List<String> e) {
            findings = f;
            stats = s;
            errors = e;
        }
    }

    /** Every lab capture that has a truth file beside it (pcap and pcapng), sorted. */
    public static List<Path> labCaptures() {
        try (Stream<Path> s = Files.list(LAB)) {
            return s.filter(p -> {
                String n = p.getFileName().toString();
                return (n.endsWith(".pcap") || n.endsWith(".pcapng")) && Files.exists(truthOf(p));
            }).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code NAME.truth.json} beside {@code NAME.pcap} (also for {@code NAME.initiator-side.pcap}? no: only exact names). */
    public static Path truthOf(Path capture) {
        String n = capture.getFileName().toString().replaceAll("\\.pcap(ng)?$", "");
        return capture.resolveSibling(n + ".truth.json");
    }
}
