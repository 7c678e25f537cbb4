package org.ikescope.dissector.pipeline;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

/**
 * Copies a classic pcap file without some of its frames (test helper): how a test makes "the same
 * capture, one fragment lost" from a real one. Frames after a removed one are renumbered.
 */
public final class PcapFilter {
    private static final int GLOBAL_HEADER = 24;
    private static final int RECORD_HEADER = 16;
    private static final int MAGIC_MICROS = 0xa1b2c3d4;
    private static final int MAGIC_NANOS = 0xa1b23c4d;

    private PcapFilter() {
    }

    /** Writes {@code in} without the 1-based {@code frames} to {@code out}. */
    public static void without(Path in, Path out, Set<Long> frames) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(in)).order(ByteOrder.BIG_ENDIAN);
        int magic = b.getInt(0);
        if (magic != MAGIC_MICROS && magic != MAGIC_NANOS) {
            b.order(ByteOrder.LITTLE_ENDIAN);
            magic = b.getInt(0);
            if (magic != MAGIC_MICROS && magic != MAGIC_NANOS) {
                throw new IOException(in + ": not a classic pcap file (magic " + Integer.toHexString(magic) + ")");
            }
        }
        ByteArrayOutputStream o = new ByteArrayOutputStream(b.capacity());
        o.write(b.array(), 0, GLOBAL_HEADER);
        int at = GLOBAL_HEADER;
        long frame = 0;
        while (at + RECORD_HEADER <= b.capacity()) {
            int captured = b.getInt(at + 8);
            int end = at + RECORD_HEADER + captured;
            if (captured < 0 || end > b.capacity()) {
                throw new IOException(in + ": record at " + at + " runs past the end");
            }
            if (!frames.contains(++frame)) {
                o.write(b.array(), at, end - at);
            }
            at = end;
        }
        Files.write(out, o.toByteArray());
    }
}
