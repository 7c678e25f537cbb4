package org.ikescope.dissector.export;

import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Classic pcap (the libpcap format every tool reads), nanosecond timestamps (magic
 * {@code 0xa1b23c4d}), one link type per file.
 *
 * <pre>
 * global header: magic(4) version 2.4 (2+2) thiszone(4) sigfigs(4) snaplen(4) linktype(4)
 * record:        ts_sec(4) ts_nsec(4) incl_len(4) orig_len(4) data(incl_len)
 * </pre>
 */
public final class PcapWriter implements Closeable {
    /** Nanosecond-resolution pcap. */
    static final int MAGIC_NANOS = 0xa1b23c4d;
    /** tcpdump's default snapshot length. */
    static final int SNAPLEN = 262_144;

    private final OutputStream out;
    private final int linkType;
    private final ByteBuffer header = ByteBuffer.allocate(24).order(ByteOrder.LITTLE_ENDIAN);
    private long frames;

    public PcapWriter(OutputStream out, int linkType) throws IOException {
        this.out = new BufferedOutputStream(out, 1 << 16);
        this.linkType = linkType;
        header.putInt(MAGIC_NANOS).putShort((short) 2).putShort((short) 4).putInt(0).putInt(0).putInt(SNAPLEN).putInt(linkType);
        this.out.write(header.array(), 0, 24);
    }

    public int linkType() {
        return linkType;
    }

    /** Frames written so far. */
    public long frames() {
        return frames;
    }

    /** One record: {@code data[0..length)} captured of {@code originalLength} bytes on the wire. */
    public void write(long timestampNanos, byte[] data, int length, int originalLength) throws IOException {
        header.clear();
        header.putInt((int) Math.floorDiv(timestampNanos, 1_000_000_000L))
                .putInt((int) Math.floorMod(timestampNanos, 1_000_000_000L))
                .putInt(length).putInt(Math.max(length, originalLength));
        out.write(header.array(), 0, 16);
        out.write(data, 0, length);
        frames++;
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}
