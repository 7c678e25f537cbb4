package org.ikescope.dissector.capture;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A capture file mapped into memory one window at a time, so files of any size (a single
 * {@link MappedByteBuffer} stops at 2 GiB) are read without copying packet bytes.
 */
final class MappedInput implements CaptureInput {
    /** Window size: large enough that remapping is rare, small enough for 32-bit address-space-poor JVMs. */
    static final int WINDOW_BYTES = 64 << 20;

    private final FileChannel channel;
    private final long size;
    private final int windowBytes;
    private MappedByteBuffer map;
    private long mapStart;

    MappedInput(Path path) throws IOException {
        this(path, WINDOW_BYTES);
    }

    /** Visible for tests: a tiny window exercises remapping on small files. */
    MappedInput(Path path, int windowBytes) throws IOException {
        this.channel = FileChannel.open(path, StandardOpenOption.READ);
        this.size = channel.size();
        this.windowBytes = windowBytes;
    }

    @Override
    public ByteBuffer window(long offset, int length) throws IOException {
        if (offset < 0 || length < 0 || offset + length > size) {
            return null;
        }
        if (map == null || offset < mapStart || offset + length > mapStart + map.capacity()) {
            long len = Math.min(size - offset, Math.max((long) windowBytes, length));
            map = channel.map(FileChannel.MapMode.READ_ONLY, offset, len);
            map.order(ByteOrder.BIG_ENDIAN);
            mapStart = offset;
        }
        map.limit(map.capacity());
        map.position((int) (offset - mapStart));
        return map;
    }

    @Override
    public long available(long offset, long max) {
        return Math.max(0, Math.min(max, size - offset));
    }

    @Override
    public void close() throws IOException {
        map = null;
        channel.close();
    }
}
