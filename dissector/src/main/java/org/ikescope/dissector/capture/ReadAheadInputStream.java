package org.ikescope.dissector.capture;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * Reads a stream on a second thread, ahead of its reader: the gzip inflation of a compressed
 * capture (a third of the CPU time of analysing a gzipped SPAN capture) or the reads of a pipe
 * then run on another core while the dissector works on the bytes already read.
 *
 * <p>The reader sees exactly the bytes, the end and the exception the wrapped stream gives, in the
 * same order: the bytes read before a failure are delivered first, then the same exception object
 * is thrown (and again on every later read). The read-ahead thread hands a chunk over as soon as
 * the reader is waiting for one, so a live pipe ({@code tcpdump -w - | ikescope dissect -}) is not
 * held back until a chunk fills; while the reader is busy, chunks fill to {@link #CHUNK_BYTES}.
 * Memory: {@link #CHUNKS} chunks.
 */
public final class ReadAheadInputStream extends InputStream {
    static final int CHUNK_BYTES = 1 << 18;
    static final int CHUNKS = 4;

    /** Bytes read ahead, and how the stream went on after them. */
    private static final class Chunk {
        final byte[] bytes;
        int length;
        /** The stream ended after these bytes. */
        boolean end;
        /** The stream failed after these bytes. */
        IOException failure;

        Chunk(int size) {
            bytes = new byte[size];
        }
    }

    private final InputStream in;
    private final BlockingQueue<Chunk> free = new ArrayBlockingQueue<>(CHUNKS);
    private final BlockingQueue<Chunk> full = new ArrayBlockingQueue<>(CHUNKS);
    private Thread thread;
    private volatile boolean closed;
    /** The chunk being read by the reader, and where. */
    private Chunk current;
    private int position;

    private ReadAheadInputStream(InputStream in, int chunkBytes) {
        this.in = in;
        for (int i = 0; i < CHUNKS; i++) {
            free.add(new Chunk(chunkBytes));
        }
    }

    /**
     * {@code in} read ahead on a second thread, or {@code in} itself on a machine with one
     * processor (where the hand-over would only cost).
     */
    public static InputStream of(InputStream in) {
        return Runtime.getRuntime().availableProcessors() < 2 ? in : new ReadAheadInputStream(in, CHUNK_BYTES);
    }

    /** Always read ahead, in chunks of {@code chunkBytes} (tests). */
    static ReadAheadInputStream withChunks(InputStream in, int chunkBytes) {
        return new ReadAheadInputStream(in, chunkBytes);
    }

    @Override
    public int read() throws IOException {
        Chunk c = chunk();
        if (position == c.length) {
            return read(new byte[1], 0, 1); // the end or the failure, as read(byte[]...) says it
        }
        return c.bytes[position++] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        java.util.Objects.checkFromIndexSize(off, len, b.length);
        if (len == 0) {
            return 0;
        }
        Chunk c = chunk();
        if (position == c.length) {
            if (c.failure != null) {
                throw c.failure;
            }
            return -1;
        }
        int n = Math.min(len, c.length - position);
        System.arraycopy(c.bytes, position, b, off, n);
        position += n;
        return n;
    }

    /** The chunk with bytes left to read, or the last one (its end or failure) when there are none. */
    private Chunk chunk() throws IOException {
        if (closed) {
            throw new IOException("stream closed");
        }
        if (thread == null) {
            thread = new Thread(this::readAhead, "ikescope-read-ahead");
            thread.setDaemon(true);
            thread.start();
        }
        while (current == null || (position == current.length && !current.end && current.failure == null)) {
            if (current != null) {
                current.length = 0;
                free.add(current);
            }
            try {
                current = full.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                current = null;
                throw new InterruptedIOException("interrupted while reading ahead");
            }
            position = 0;
        }
        return current;
    }

    /** The read-ahead thread: fills free chunks until the stream ends, fails or is closed. */
    private void readAhead() {
        try {
            while (!closed) {
                Chunk c = free.take();
                try {
                    while (c.length < c.bytes.length) {
                        int n = in.read(c.bytes, c.length, c.bytes.length - c.length);
                        if (n < 0) {
                            c.end = true;
                            break;
                        }
                        c.length += n;
                        if (full.isEmpty()) {
                            break; // the reader is waiting (or about to): hand over what there is
                        }
                    }
                } catch (IOException e) {
                    c.failure = e;
                } catch (RuntimeException | Error e) {
                    c.failure = new IOException("reading the capture failed: " + e, e);
                }
                full.put(c);
                if (c.end || c.failure != null) {
                    return;
                }
            }
        } catch (InterruptedException e) {
            // closed
        }
    }

    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        if (thread != null) {
            thread.interrupt();
        }
        in.close();
    }
}
