package org.ikescope.dissector.capture;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.util.concurrent.TimeoutException;
import org.pcap4j.core.NotOpenException;
import org.pcap4j.core.PcapHandle;
import org.pcap4j.core.PcapNativeException;
import org.pcap4j.core.Pcaps;

/**
 * The libpcap reader (pcap4j 1.8.2) behind the same {@link PacketSource} interface: reads
 * whatever libpcap reads. It copies every packet and is many times slower than the mapped
 * reader, so it is never the default for files; it is here for formats only libpcap knows and
 * as the basis of live capture.
 */
public final class LibpcapSources {
    private LibpcapSources() {
    }

    /** Opens {@code file} through libpcap ({@code -} is not supported: libpcap needs a path). */
    public static PacketSource open(String file) throws IOException {
        if (!Files.exists(Path.of(file))) {
            throw new NoSuchFileException(file);
        }
        try {
            PcapHandle h = Pcaps.openOffline(file, PcapHandle.TimestampPrecision.NANO);
            return new Source(file, h);
        } catch (PcapNativeException e) {
            throw new CaptureFormatException(file + ": libpcap: " + e.getMessage());
        } catch (UnsatisfiedLinkError | NoClassDefFoundError e) {
            throw new IOException("libpcap is not available (install libpcap0.8): " + e.getMessage(), e);
        }
    }

    private static final class Source implements PacketSource {
        private final String name;
        private final PcapHandle handle;
        private final int linkType;
        private long number;
        private String error;

        Source(String name, PcapHandle handle) {
            this.name = name;
            this.handle = handle;
            this.linkType = handle.getDlt().value();
        }

        @Override
        public boolean next(Frame frame) {
            if (error != null) {
                return false;
            }
            try {
                byte[] raw;
                Timestamp ts;
                try {
                    raw = handle.getNextRawPacketEx();
                    ts = handle.getTimestamp();
                } catch (IllegalArgumentException e) {
                    // pcap4j cannot represent a fraction above 999999 us ("nanos > 999999999"): the
                    // frame is damaged for this reader; the built-in one reads it.
                    error = name + ": damaged: frame " + (number + 1) + ": timestamp fraction out of range ("
                            + e.getMessage() + "; expected: microseconds <= 999999); --reader builtin reads it";
                    return false;
                }
                frame.number = ++number;
                frame.timestampNanos = Math.floorDiv(ts.getTime(), 1000L) * 1_000_000_000L + ts.getNanos();
                frame.linkType = linkType;
                frame.interfaceId = 0;
                frame.originalLength = handle.getOriginalLength();
                frame.data = ByteBuffer.wrap(raw);
                return true;
            } catch (EOFException e) {
                return false;
            } catch (PcapNativeException | TimeoutException | NotOpenException e) {
                error = name + ": libpcap: " + e.getMessage() + " after frame " + number;
                return false;
            }
        }

        @Override
        public String error() {
            return error;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public void close() {
            handle.close();
        }
    }
}
