package org.ikescope.dissector.capture;

import java.io.Closeable;
import java.io.IOException;

/**
 * A sequence of captured frames. Implementations never throw for damaged data: they stop and
 * report the damage through {@link #error()}, after delivering every complete frame before it.
 */
public interface PacketSource extends Closeable {

    /**
     * Fills {@code frame} with the next frame.
     *
     * @return false at the end of the capture or at the first damaged record
     * @throws IOException only for I/O failures of the underlying file system or stream
     */
    boolean next(Frame frame) throws IOException;

    /** Null when the capture was read to its end cleanly; otherwise one line saying what was wrong and where. */
    String error();

    /**
     * Oddities of a capture that was still read (e.g. microseconds above 999999), one line each;
     * they do not make the file damaged. Empty by default.
     */
    default java.util.List<String> warnings() {
        return java.util.List.of();
    }

    /** The name the user gave for this capture (file path or "-"). */
    String name();

    @Override
    void close() throws IOException;
}
