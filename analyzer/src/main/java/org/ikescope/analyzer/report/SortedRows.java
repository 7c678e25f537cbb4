package org.ikescope.analyzer.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.function.Consumer;

/**
 * The table rows of a report, one per exchange, given in the order the exchanges are emitted and
 * read back at the end ordered by start time, then id. The table comes first in a report, so every
 * row is kept to the end: here in 24 bytes of heap per row (start, id and where its text is), the
 * text itself in memory up to {@link #IN_MEMORY_BYTES} and beyond that in a temporary file
 * (opened delete-on-close), so that a million exchanges fit in a small heap.
 *
 * <p>Text is kept as UTF-8: a lone surrogate becomes {@code ?}, as it does when the report is
 * written, so what is read back writes the same bytes.
 */
final class SortedRows implements AutoCloseable {
    /** Row text kept in the heap before it goes to a temporary file. */
    static final int IN_MEMORY_BYTES = 4 << 20;

    private final int inMemoryBytes;
    /** What the rows are, for a failure's message: "the report's table". */
    private final String what;
    private long[] start = new long[16];
    private long[] id = new long[16];
    /** Where row i's text begins; its end is where row i + 1's begins, or {@link #bytes}. */
    private long[] offset = new long[16];
    private int size;
    private long bytes;
    private byte[] memory = new byte[1024];
    private Path file;
    /** No temporary file could be made. */
    private boolean inMemoryOnly;
    private FileChannel channel;
    /** Buffered bytes not yet in the file. */
    private ByteBuffer pending;
    /** Text rows encoded, made at the first. */
    private Utf8Buffer encoded;

    SortedRows() {
        this(IN_MEMORY_BYTES);
    }

    /** Rows whose text beyond {@code inMemoryBytes} goes to a temporary file (tests use small values). */
    SortedRows(int inMemoryBytes) {
        this(inMemoryBytes, "the report's table");
    }

    /** Rows of {@code what} ("the report's ladders"), for a failure's message. */
    SortedRows(int inMemoryBytes, String what) {
        this.inMemoryBytes = inMemoryBytes;
        this.what = what;
    }

    int size() {
        return size;
    }

    /** True once the rows' text is in a temporary file. */
    boolean spilled() {
        return channel != null;
    }

    /** One row, of the exchange with {@code id} that started at {@code startNanos}. */
    void add(long startNanos, long exchangeId, CharSequence text) {
        // Encoded into one reused buffer: no byte array per row.
        if (encoded == null) {
            encoded = new Utf8Buffer(256);
        }
        encoded.reset();
        encoded.append(text);
        add(startNanos, exchangeId, encoded.array(), encoded.size());
    }

    /** One row whose text is the UTF-8 {@code b[0, length)}. */
    void add(long startNanos, long exchangeId, byte[] b, int length) {
        if (size == start.length) {
            int n = size + (size >> 1);
            start = Arrays.copyOf(start, n);
            id = Arrays.copyOf(id, n);
            offset = Arrays.copyOf(offset, n);
        }
        start[size] = startNanos;
        id[size] = exchangeId;
        offset[size] = bytes;
        size++;
        try {
            append(b, length);
        } catch (IOException e) {
            throw new TemporaryFileFailure(what, e);
        }
        bytes += length;
    }

    private void append(byte[] b, int length) throws IOException {
        if (channel == null && !inMemoryOnly && bytes + length > inMemoryBytes) {
            spill();
        }
        if (channel == null) {
            if (bytes + length > memory.length) {
                memory = Arrays.copyOf(memory, (int) Math.min(Integer.MAX_VALUE - 8, Math.max(bytes + length, 2L * memory.length)));
            }
            System.arraycopy(b, 0, memory, (int) bytes, length);
            return;
        }
        if (length > pending.remaining()) {
            flush();
        }
        if (length > pending.capacity()) {
            write(ByteBuffer.wrap(b, 0, length));
        } else {
            pending.put(b, 0, length);
        }
    }

    /** Moves the text to a temporary file; where none can be made, the text stays in memory (as before there was a file). */
    private void spill() throws IOException {
        try {
            file = Files.createTempFile("ikescope-rows", ".tmp");
            // DELETE_ON_CLOSE: on Unix the name is removed at once (nothing is left behind even when the JVM is killed).
            channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE, StandardOpenOption.DELETE_ON_CLOSE);
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            inMemoryOnly = true;
            close();
            return;
        }
        pending = ByteBuffer.allocate(1 << 16);
        write(ByteBuffer.wrap(memory, 0, (int) bytes));
        memory = null;
    }

    private void flush() throws IOException {
        pending.flip();
        write(pending);
        pending.clear();
    }

    private void write(ByteBuffer b) throws IOException {
        while (b.hasRemaining()) {
            channel.write(b, channel.size());
        }
    }

    /** Each row's text, by start time then id. */
    void forEachSorted(Consumer<String> action) {
        forEachSorted((b, off, len) -> action.accept(new String(b, off, len, StandardCharsets.UTF_8)));
    }

    /** A row's text as UTF-8: {@code b[off, off + len)}, valid only during the call. */
    @FunctionalInterface
    interface RowBytes {
        void row(byte[] b, int off, int len);
    }

    /** Each row's text as UTF-8, by start time then id (the table writes most rows without decoding them). */
    void forEachSorted(RowBytes action) {
        int[] order = new int[size];
        for (int i = 0; i < size; i++) {
            order[i] = i;
        }
        sort(order, new int[size], 0, size);
        try {
            if (channel != null) {
                flush();
            }
            ByteBuffer buf = ByteBuffer.allocate(1024);
            for (int i : order) {
                int len = (int) ((i + 1 < size ? offset[i + 1] : bytes) - offset[i]);
                if (channel == null) {
                    action.row(memory, (int) offset[i], len);
                    continue;
                }
                if (buf.capacity() < len) {
                    buf = ByteBuffer.allocate(len);
                }
                buf.clear().limit(len);
                while (buf.hasRemaining()) {
                    if (channel.read(buf, offset[i] + buf.position()) < 0) {
                        throw new IOException("temporary file of the report's table is shorter than written");
                    }
                }
                action.row(buf.array(), 0, len);
            }
        } catch (IOException e) {
            throw new TemporaryFileFailure(what, e);
        }
    }

    private boolean before(int a, int b) {
        return start[a] < start[b] || start[a] == start[b] && id[a] < id[b];
    }

    /** Merge sort of {@code order[from, to)} by start then id (rows come nearly in order: a run already in order costs one comparison). */
    private void sort(int[] order, int[] tmp, int from, int to) {
        if (to - from < 2) {
            return;
        }
        int mid = (from + to) >>> 1;
        sort(order, tmp, from, mid);
        sort(order, tmp, mid, to);
        if (!before(order[mid], order[mid - 1])) {
            return;
        }
        System.arraycopy(order, from, tmp, from, to - from);
        int i = from;
        int j = mid;
        for (int k = from; k < to; k++) {
            if (j >= to || i < mid && !before(tmp[j], tmp[i])) {
                order[k] = tmp[i++];
            } else {
                order[k] = tmp[j++];
            }
        }
    }

    /** Deletes the temporary file, if there is one. */
    @Override
    public void close() {
        try {
            if (channel != null) {
                channel.close();
            }
            if (file != null) {
                Files.deleteIfExists(file);
            }
        } catch (IOException | SecurityException e) {
            // Nothing more to do: the file was opened DELETE_ON_CLOSE.
        }
        channel = null;
        file = null;
    }
}
