package org.ikescope.dissector.capture;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * Random-ish access to the bytes of a capture file, in windows. File readers parse through this so
 * the same pcap and pcapng code serves memory-mapped files (any size, including over 2 GiB) and
 * streams (gzip, standard input), which may only move forward.
 */
public interface CaptureInput extends Closeable {

    /**
     * Returns a buffer positioned at absolute {@code offset} with at least {@code length} bytes
     * remaining, or null when the input ends before {@code offset + length}. The buffer is valid
     * until the next call. Offsets passed to a stream input never go backwards past the
     * previous window's start.
     */
    ByteBuffer window(long offset, int length) throws IOException;

    /** Bytes available from {@code offset} to the end, capped at {@code max} (for messages about short records). */
    long available(long offset, long max) throws IOException;
}
