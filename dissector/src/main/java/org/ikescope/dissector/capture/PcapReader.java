package org.ikescope.dissector.capture;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.zip.ZipException;

/**
 * Classic libpcap files: microsecond (0xa1b2c3d4) and nanosecond (0xa1b23c4d) magic, in either
 * byte order.
 *
 * <pre>
 * file header (24 bytes)                 record header (16 bytes)
 *  0 magic                                0 ts_sec
 *  4 version major(2) minor(2)            4 ts_usec (ts_nsec with the nanosecond magic)
 *  8 thiszone                             8 incl_len   captured bytes that follow
 * 12 sigfigs                             12 orig_len   length on the wire
 * 16 snaplen
 * 20 linktype (low 28 bits; FCS bits above)
 * </pre>
 */
final class PcapReader extends FileReader {
    static final int MAGIC_MICROS = 0xa1b2c3d4;
    static final int MAGIC_NANOS = 0xa1b23c4d;
    static final int FILE_HEADER_BYTES = 24;
    static final int RECORD_HEADER_BYTES = 16;
    /** libpcap's MAXIMUM_SNAPLEN is 262144; allow generous headroom for odd writers, no more. */
    static final int MAX_RECORD_BYTES = 16 << 20;

    private final boolean swapped;
    private final boolean nanos;
    private final int linkType;
    private long offset = FILE_HEADER_BYTES;
    private long frameNumber;

    PcapReader(String name, CaptureInput in) throws IOException {
        super(name, in);
        ByteBuffer h = in.window(0, FILE_HEADER_BYTES);
        if (h == null) {
            throw new CaptureFormatException(name + ": file header: " + in.available(0, FILE_HEADER_BYTES)
                    + " bytes (expected: " + FILE_HEADER_BYTES + ")");
        }
        int p = h.position();
        int magic = h.getInt(p);
        swapped = magic == Integer.reverseBytes(MAGIC_MICROS) || magic == Integer.reverseBytes(MAGIC_NANOS);
        int m = swapped ? Integer.reverseBytes(magic) : magic;
        if (m != MAGIC_MICROS && m != MAGIC_NANOS) {
            throw new CaptureFormatException(name + ": pcap magic: 0x" + Integer.toHexString(magic)
                    + " (expected: 0xa1b2c3d4 or 0xa1b23c4d)");
        }
        nanos = m == MAGIC_NANOS;
        linkType = int32(h, p + 20) & 0x0fffffff;
    }

    private int int32(ByteBuffer b, int at) {
        int v = b.getInt(at);
        return swapped ? Integer.reverseBytes(v) : v;
    }

    private long fractionOverflows;
    private long firstFractionOverflow;
    private long firstFraction;

    @Override
    public java.util.List<String> warnings() {
        if (fractionOverflows == 0) {
            return java.util.List.of();
        }
        return java.util.List.of(name + ": " + fractionOverflows + " frame" + (fractionOverflows == 1 ? "" : "s")
                + " with a timestamp fraction out of range, first frame " + firstFractionOverflow + ": "
                + (nanos ? "nanoseconds " : "microseconds ") + firstFraction + " (expected: <= "
                + (nanos ? "999999999" : "999999") + "); carried into the seconds");
    }

    @Override
    public boolean next(Frame frame) throws IOException {
        if (error != null) {
            return false;
        }
        try {
            ByteBuffer r = in.window(offset, RECORD_HEADER_BYTES);
            if (r == null) {
                long left = in.available(offset, RECORD_HEADER_BYTES);
                if (left != 0) {
                    error = name + ": truncated: record header of frame " + (frameNumber + 1) + " at offset "
                            + offset + ": " + left + " bytes (expected: " + RECORD_HEADER_BYTES + ")";
                }
                return false;
            }
            int p = r.position();
            long sec = int32(r, p) & 0xffffffffL;
            long frac = int32(r, p + 4) & 0xffffffffL;
            int incl = int32(r, p + 8);
            int orig = int32(r, p + 12);
            if (incl < 0 || incl > MAX_RECORD_BYTES) {
                error = name + ": damaged: frame " + (frameNumber + 1) + " at offset " + offset
                        + ": captured length " + Integer.toUnsignedString(incl) + " (expected: <= " + MAX_RECORD_BYTES + ")";
                return false;
            }
            ByteBuffer d = in.window(offset + RECORD_HEADER_BYTES, incl);
            if (d == null) {
                error = name + ": truncated: frame " + (frameNumber + 1) + " at offset " + offset + ": "
                        + in.available(offset + RECORD_HEADER_BYTES, incl) + " bytes of packet data (expected: " + incl + ")";
                return false;
            }
            d.limit(d.position() + incl);
            frame.number = ++frameNumber;
            if (frac > (nanos ? 999_999_999L : 999_999L)) {
                // Out of range: libpcap writes no such value, some converters do. Carried into the
                // seconds (as Wireshark shows it) and said once per file.
                if (fractionOverflows++ == 0) {
                    firstFractionOverflow = frameNumber;
                    firstFraction = frac;
                }
            }
            frame.timestampNanos = sec * 1_000_000_000L + (nanos ? frac : frac * 1000L);
            frame.linkType = linkType;
            frame.interfaceId = 0;
            frame.originalLength = orig;
            frame.data = d;
            offset += RECORD_HEADER_BYTES + incl;
            return true;
        } catch (EOFException | ZipException e) {
            error = name + ": " + GzipErrors.describe(e) + ", after frame " + frameNumber
                    + (frameNumber == 0 ? "" : " (frames 1-" + frameNumber + " were read)");
            return false;
        }
    }
}
