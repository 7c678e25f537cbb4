package org.ikescope.analyzer.exchange;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.ikescope.dissector.capture.Captures;
import org.ikescope.dissector.capture.PacketSource;
import org.ikescope.dissector.pipeline.Dissector;

/** Runs exchange reconstruction in-process over a capture (test helper). */
public final class Analyses {
    /** The lab captures, copied into the dissector module (surefire runs in this module's directory). */
    public static final Path LAB = Path.of("../dissector/src/test/resources/captures/lab");

    private Analyses() {
    }

    public static List<Exchange> run(Path capture) {
        return run(capture, ExchangeTracker.Options.defaults());
    }

    public static List<Exchange> run(Path capture, ExchangeTracker.Options options) {
        List<Exchange> out = new ArrayList<>();
        long[] ids = {0};
        ExchangeTracker t = new ExchangeTracker(options, out::add, null, () -> ++ids[0]);
        try (PacketSource src = Captures.open(capture.toString())) {
            new Dissector(Dissector.Options.defaults()).run(src, t);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        t.finish();
        return out;
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
