package org.ikescope.dissector.capture;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.zip.ZipException;

/**
 * pcapng files: Section Header, Interface Description, Enhanced Packet, Simple Packet and the
 * obsolete Packet block; several sections (each with its own byte order and interfaces), a link
 * type and timestamp resolution ({@code if_tsresol}, {@code if_tsoffset}) per interface. Other
 * blocks are skipped by their length.
 *
 * <pre>
 * every block:  0 block type | 4 block total length | body ... | block total length (again)
 * SHB body:     0 byte-order magic 0x1A2B3C4D | 4 major(2) minor(2) | 8 section length(8) | options
 * IDB body:     0 link type(2) reserved(2) | 4 snaplen | 8 options (if_tsresol=9, if_tsoffset=14)
 * EPB body:     0 interface id | 4 ts high | 8 ts low | 12 captured len | 16 original len | 20 data
 * SPB body:     0 original len | 4 data (captured len = min(original, block len - 16))
 * PB body:      0 interface id(2) drops(2) | 4 ts high | 8 ts low | 12 captured | 16 original | 20 data
 * </pre>
 */
final class PcapngReader extends FileReader {
    static final int SHB = 0x0A0D0D0A;
    static final int IDB = 0x00000001;
    static final int PB = 0x00000002;
    static final int SPB = 0x00000003;
    static final int EPB = 0x00000006;
    static final int BYTE_ORDER_MAGIC = 0x1A2B3C4D;
    /** Smallest block: type, length, trailing length. */
    static final int MIN_BLOCK_BYTES = 12;
    static final int MAX_BLOCK_BYTES = 64 << 20;
    static final int MAX_INTERFACES = 65536;

    private boolean swapped;
    private long offset;
    private long frameNumber;
    private int interfaceCount;
    private int[] linkTypes = new int[4];
    private int[] snapLens = new int[4];
    /** Timestamp resolution per interface: if positive, units per second as a power of ten exponent; see {@link #toNanos}. */
    private byte[] tsresol = new byte[4];
    private long[] tsoffset = new long[4];

    PcapngReader(String name, CaptureInput in) throws IOException {
        super(name, in);
        ByteBuffer h = in.window(0, MIN_BLOCK_BYTES);
        if (h == null || h.getInt(h.position()) != SHB) {
            throw new CaptureFormatException(name + ": pcapng section header missing (expected: block type 0x0a0d0d0a)");
        }
    }

    private int int32(ByteBuffer b, int at) {
        int v = b.getInt(at);
        return swapped ? Integer.reverseBytes(v) : v;
    }

    private int int16(ByteBuffer b, int at) {
        short v = b.getShort(at);
        return (swapped ? Short.reverseBytes(v) : v) & 0xffff;
    }

    @Override
    public boolean next(Frame frame) throws IOException {
        try {
            while (error == null) {
                ByteBuffer b = in.window(offset, 8);
                if (b == null) {
                    long left = in.available(offset, 8);
                    if (left != 0) {
                        error = name + ": truncated: block header at offset " + offset + ": " + left + " bytes (expected: 8)";
                    }
                    return false;
                }
                int p = b.position();
                int rawType = b.getInt(p);
                if (rawType == SHB) {
                    ByteBuffer s = in.window(offset, 12);
                    if (s == null) {
                        error = name + ": truncated: section header at offset " + offset;
                        return false;
                    }
                    int bom = s.getInt(s.position() + 8);
                    if (bom == BYTE_ORDER_MAGIC) {
                        swapped = false;
                    } else if (bom == Integer.reverseBytes(BYTE_ORDER_MAGIC)) {
                        swapped = true;
                    } else {
                        error = name + ": damaged: section header at offset " + offset + ": byte-order magic 0x"
                                + Integer.toHexString(bom) + " (expected: 0x1a2b3c4d)";
                        return false;
                    }
                    interfaceCount = 0;
                    b = in.window(offset, 8);
                    p = b.position();
                }
                int type = swapped ? Integer.reverseBytes(rawType) : rawType;
                int len = int32(b, p + 4);
                if (len < MIN_BLOCK_BYTES || len > MAX_BLOCK_BYTES || (len & 3) != 0) {
                    error = name + ": damaged: block at offset " + offset + ": length " + Integer.toUnsignedString(len)
                            + " (expected: a multiple of 4 from " + MIN_BLOCK_BYTES + " to " + MAX_BLOCK_BYTES + ")";
                    return false;
                }
                ByteBuffer blk = in.window(offset, len);
                if (blk == null) {
                    error = name + ": truncated: block of type 0x" + Integer.toHexString(type) + " at offset " + offset + ": "
                            + in.available(offset, len) + " bytes (expected: " + len + ")";
                    return false;
                }
                int minimum = minimumLength(type);
                if (len < minimum) {
                    // Found by the fuzzer (CaptureFuzzTest#pcapng): a 20-byte EPB read past its window.
                    error = name + ": damaged: block of type 0x" + Integer.toHexString(type) + " at offset " + offset
                            + ": length " + len + " (expected: >= " + minimum + " for this block type)";
                    return false;
                }
                long blockStart = offset;
                offset += len;
                int bp = blk.position();
                switch (type) {
                    case IDB -> readInterface(blk, bp, len, blockStart);
                    case EPB, PB -> {
                        int iface = type == EPB ? int32(blk, bp + 8) : int16(blk, bp + 8);
                        long ts = ((int32(blk, bp + 12) & 0xffffffffL) << 32) | (int32(blk, bp + 16) & 0xffffffffL);
                        int cap = int32(blk, bp + 20);
                        int orig = int32(blk, bp + 24);
                        if (iface < 0 || iface >= interfaceCount) {
                            error = name + ": damaged: packet block at offset " + blockStart + ": interface " + iface
                                    + " (expected: < " + interfaceCount + ")";
                            return false;
                        }
                        if (cap < 0 || 28 + cap + 4 > len) {
                            error = name + ": damaged: packet block at offset " + blockStart + ": captured length "
                                    + Integer.toUnsignedString(cap) + " (expected: <= " + (len - 32) + ")";
                            return false;
                        }
                        fill(frame, blk, bp + 28, cap, orig, iface, toNanos(iface, ts));
                        return true;
                    }
                    case SPB -> {
                        if (interfaceCount == 0) {
                            error = name + ": damaged: simple packet block at offset " + blockStart + " before any interface";
                            return false;
                        }
                        int orig = int32(blk, bp + 8);
                        int cap = Math.min(orig, len - 16);
                        if (snapLens[0] > 0) {
                            cap = Math.min(cap, snapLens[0]);
                        }
                        if (cap < 0) {
                            error = name + ": damaged: simple packet block at offset " + blockStart + ": length " + orig;
                            return false;
                        }
                        fill(frame, blk, bp + 12, cap, orig, 0, 0L);
                        return true;
                    }
                    default -> {
                        // SHB handled above; NRB, ISB, DSB, custom blocks: skipped by length.
                    }
                }
            }
            return false;
        } catch (EOFException | ZipException e) {
            error = name + ": " + GzipErrors.describe(e) + ", after frame " + frameNumber
                    + (frameNumber == 0 ? "" : " (frames 1-" + frameNumber + " were read)");
            return false;
        }
    }

    private void fill(Frame frame, ByteBuffer blk, int dataAt, int cap, int orig, int iface, long nanos) {
        blk.limit(dataAt + cap);
        blk.position(dataAt);
        frame.number = ++frameNumber;
        frame.timestampNanos = nanos;
        frame.linkType = linkTypes[iface];
        frame.interfaceId = iface;
        frame.originalLength = orig;
        frame.data = blk;
    }

    /**
     * The shortest block of {@code type} whose fixed fields fit (pcapng draft, section 4): IDB 20
     * bytes, EPB and the obsolete PB 32, SPB 16; other blocks only need the common header and trailer.
     */
    static int minimumLength(int type) {
        return switch (type) {
            case IDB -> 20;
            case EPB, PB -> 32;
            case SPB -> 16;
            default -> MIN_BLOCK_BYTES;
        };
    }

    private void readInterface(ByteBuffer blk, int bp, int len, long blockStart) {
        if (interfaceCount >= MAX_INTERFACES) {
            error = name + ": damaged: interface block at offset " + blockStart + ": more than " + MAX_INTERFACES + " interfaces";
            return;
        }
        if (interfaceCount == linkTypes.length) {
            int n = interfaceCount * 2;
            linkTypes = Arrays.copyOf(linkTypes, n);
            snapLens = Arrays.copyOf(snapLens, n);
            tsresol = Arrays.copyOf(tsresol, n);
            tsoffset = Arrays.copyOf(tsoffset, n);
        }
        int i = interfaceCount++;
        linkTypes[i] = int16(blk, bp + 8);
        snapLens[i] = int32(blk, bp + 12);
        tsresol[i] = 6;
        tsoffset[i] = 0;
        int o = bp + 16;
        int end = bp + len - 4;
        while (o + 4 <= end) {
            int code = int16(blk, o);
            int olen = int16(blk, o + 2);
            if (code == 0 || o + 4 + olen > end) {
                break;
            }
            if (code == 9 && olen >= 1) {
                tsresol[i] = blk.get(o + 4);
            } else if (code == 14 && olen == 8) {
                long hi = int32(blk, o + 4) & 0xffffffffL;
                long lo = int32(blk, o + 8) & 0xffffffffL;
                tsoffset[i] = swapped ? (lo << 32 | hi) : (hi << 32 | lo);
            }
            o += 4 + ((olen + 3) & ~3);
        }
    }

    /** Converts a timestamp in the interface's units to nanoseconds since the epoch. */
    private long toNanos(int iface, long ts) {
        int r = tsresol[iface];
        long nanos;
        if ((r & 0x80) == 0) {
            int exp = r & 0x7f;
            if (exp <= 9) {
                long mul = 1;
                for (int k = exp; k < 9; k++) {
                    mul *= 10;
                }
                nanos = ts * mul;
            } else {
                long div = 1;
                for (int k = 9; k < exp && k < 28; k++) {
                    div *= 10;
                }
                nanos = Long.divideUnsigned(ts, div);
            }
        } else {
            int exp = r & 0x7f;
            if (exp >= 63) {
                nanos = 0;
            } else {
                long whole = ts >>> exp;
                long frac = ts & ((1L << exp) - 1);
                nanos = whole * 1_000_000_000L + (long) (frac * (1_000_000_000.0 / (1L << exp)));
            }
        }
        return nanos + tsoffset[iface] * 1_000_000_000L;
    }
}
