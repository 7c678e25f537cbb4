package org.ikescope.analyzer.analysis;

import java.io.IOException;
import org.ikescope.dissector.capture.Captures;
import org.ikescope.dissector.capture.LibpcapSources;
import org.ikescope.dissector.capture.PacketSource;

/** How a capture named by the user is opened: the reader. */
@FunctionalInterface
public interface CaptureOpener {
    /** The built-in reader: memory-mapped pcap/pcapng, gzip, {@code -} for standard input. */
    CaptureOpener BUILTIN = Captures::open;
    /** libpcap through pcap4j: slower, for formats only libpcap knows. */
    CaptureOpener LIBPCAP = LibpcapSources::open;

    PacketSource open(String name) throws IOException;

    /** The reader named {@code builtin} or {@code libpcap}. */
    static CaptureOpener named(String reader) {
        return switch (reader) {
            case "builtin" -> BUILTIN;
            case "libpcap" -> LIBPCAP;
            default -> throw new IllegalArgumentException("--reader: " + reader + " (expected: builtin or libpcap)");
        };
    }
}
