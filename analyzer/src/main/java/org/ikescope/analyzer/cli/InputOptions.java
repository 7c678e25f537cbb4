package org.ikescope.analyzer.cli;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.ikescope.dissector.pipeline.Dissector;
import picocli.CommandLine.Option;

/** Options shared by every command that reads captures. */
public final class InputOptions {
    @Option(names = "--ike-port", paramLabel = "PORT", converter = PortConverter.class, description = "Also treat UDP PORT as an ISAKMP port (repeatable). 500 always is.")
    List<Integer> ikePorts = new ArrayList<>();

    @Option(names = "--natt-port", paramLabel = "PORT", converter = PortConverter.class, description = "Also treat UDP PORT as a NAT-T (RFC 3948) port (repeatable). 4500 always is.")
    List<Integer> nattPorts = new ArrayList<>();

    @Option(names = "--keep-duplicates", description = "Keep exact SPAN duplicates (same IP packet within 50 ms) instead of marking and counting them apart.")
    boolean keepDuplicates;

    @Option(names = "--reader", paramLabel = "READER", description = "Capture reader: builtin (default: memory-mapped pcap/pcapng, gzip, stdin) or libpcap (pcap4j).")
    String reader = "builtin";

    /**
     * The named captures that do not exist, when none of them does (standard input, {@code -},
     * always exists): then a command prints these and no report at all, rather than an empty one.
     */
    static List<String> allMissing(List<String> files) {
        List<String> missing = new ArrayList<>();
        for (String f : files) {
            if (f.equals("-") || java.nio.file.Files.exists(java.nio.file.Path.of(f))) {
                return List.of();
            }
            missing.add(f);
        }
        return missing;
    }

    /** Prints one line per missing capture when every capture is missing ({@link #allMissing}); true when it did. */
    static boolean reportAllMissing(List<String> files) {
        List<String> missing = allMissing(files);
        for (String f : missing) {
            System.err.println("ikescope: " + org.ikescope.analyzer.output.Terminal.escape(f) + ": no such file");
        }
        return !missing.isEmpty();
    }

    Dissector.Options dissectorOptions() {
        Set<Integer> ike = new LinkedHashSet<>(ikePorts);
        ike.add(Dissector.IKE_PORT);
        Set<Integer> natt = new LinkedHashSet<>(nattPorts);
        natt.add(Dissector.NATT_PORT);
        return new Dissector.Options(Set.copyOf(ike), Set.copyOf(natt), !keepDuplicates);
    }
}
