package org.ikescope.dissector.capture;

import java.io.EOFException;
import java.io.IOException;
import java.util.zip.ZipException;

/**
 * What a failure of {@link java.util.zip.GZIPInputStream} means, in words: its messages are the
 * zlib's ("Corrupt GZIP trailer", "invalid stored block lengths") or none at all (a header cut
 * off is an {@link EOFException} without a message).
 */
final class GzipErrors {
    private GzipErrors() {
    }

    /** "truncated" or "damaged", and why, for an error of the compressed stream. */
    static String describe(IOException e) {
        String m = e.getMessage();
        if (e instanceof EOFException) {
            return "truncated: the compressed stream is cut off";
        }
        if (m == null) {
            return "damaged: gzip data (" + e.getClass().getSimpleName() + ")";
        }
        if (m.contains("Corrupt GZIP trailer")) {
            return "damaged: gzip trailer: the CRC-32 or length of the decompressed data does not match (corrupt data)";
        }
        if (m.contains("Not in GZIP format") || m.contains("Unsupported compression method") || m.contains("Corrupt GZIP header")) {
            return "damaged: gzip header (" + m + ")";
        }
        if (m.contains("Unexpected end of ZLIB input stream")) {
            return "truncated: the compressed stream is cut off";
        }
        return "damaged: corrupt deflate data (zlib: " + m + ")";
    }

    /** Whether {@code e} is an error of the compressed stream (rather than of the file system). */
    static boolean isCompression(IOException e) {
        return e instanceof EOFException || e instanceof ZipException;
    }
}
