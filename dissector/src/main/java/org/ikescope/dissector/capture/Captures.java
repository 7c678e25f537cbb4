package org.ikescope.dissector.capture;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/**
 * Opens captures: classic pcap, pcapng, either gzip-compressed, from a file or from standard
 * input ({@code -}). Uncompressed regular files are memory-mapped; compressed data, stdin and
 * anything that is not a regular file (FIFOs, process substitution, {@code /dev/stdin}) are
 * opened once and streamed.
 */
public final class Captures {
    private static final int STREAM_BUFFER_BYTES = 1 << 16;

    private Captures() {
    }

    /**
     * Opens {@code name} ({@code -} for standard input) with the built-in readers.
     *
     * @throws CaptureFormatException when the bytes are not a capture this reader understands
     * @throws IOException            when the file cannot be opened
     */
    public static PacketSource open(String name) throws IOException {
        if ("-".equals(name)) {
            return open(name, System.in);
        }
        Path path = Path.of(name);
        if (!Files.exists(path)) {
            throw new java.nio.file.NoSuchFileException(name);
        }
        if (!Files.isRegularFile(path)) {
            // A named pipe, process substitution (/dev/fd/63), /dev/stdin on a pipe: such a file can
            // be read once, so it is opened once and read as a stream (gzip detected on the way).
            if (Files.isDirectory(path)) {
                throw new CaptureFormatException(name + ": a directory (expected: a capture file)");
            }
            // FileInputStream, not Files.newInputStream: the latter's available() asks a FIFO for
            // its position ("Illegal seek"), and BufferedInputStream calls available().
            return open(name, new java.io.FileInputStream(path.toFile()));
        }
        boolean gzip;
        try (InputStream probe = Files.newInputStream(path)) {
            gzip = probe.read() == 0x1f && probe.read() == 0x8b;
        }
        if (gzip) {
            return open(name, Files.newInputStream(path));
        }
        return detect(name, new MappedInput(path));
    }

    /** Opens a capture read from a stream (standard input, tests); gzip is detected and unwrapped. */
    public static PacketSource open(String name, InputStream stream) throws IOException {
        BufferedInputStream in = new BufferedInputStream(stream, STREAM_BUFFER_BYTES);
        in.mark(2);
        boolean gzip = in.read() == 0x1f && in.read() == 0x8b;
        in.reset();
        InputStream body;
        try {
            body = gzip ? new GZIPInputStream(in, STREAM_BUFFER_BYTES) : in;
        } catch (IOException e) {
            if (!GzipErrors.isCompression(e)) {
                throw e;
            }
            in.close();
            throw new CaptureFormatException(name + ": " + (e instanceof java.io.EOFException
                    ? "truncated: gzip header cut off (expected: 10 bytes and the optional fields its flags announce)"
                    : GzipErrors.describe(e)));
        }
        try {
            // Inflation and pipe reads run ahead on a second core while the records are dissected.
            return detect(name, new StreamInput(ReadAheadInputStream.of(body)));
        } catch (java.io.EOFException | java.util.zip.ZipException e) {
            throw new CaptureFormatException(name + ": " + GzipErrors.describe(e) + ", before the first frame");
        }
    }

    private static PacketSource detect(String name, CaptureInput in) throws IOException {
        try {
            ByteBuffer m = in.window(0, 4);
            if (m == null) {
                throw new CaptureFormatException(name + ": " + in.available(0, 4) + " bytes (expected: a capture file header)");
            }
            int magic = m.getInt(m.position());
            if (magic == PcapngReader.SHB) {
                return new PcapngReader(name, in);
            }
            int swapped = Integer.reverseBytes(magic);
            if (magic == PcapReader.MAGIC_MICROS || magic == PcapReader.MAGIC_NANOS
                    || swapped == PcapReader.MAGIC_MICROS || swapped == PcapReader.MAGIC_NANOS) {
                return new PcapReader(name, in);
            }
            throw new CaptureFormatException(name + ": unknown file format: magic 0x" + String.format(java.util.Locale.ROOT, "%08x", magic)
                    + " (expected: pcap 0xa1b2c3d4/0xa1b23c4d, pcapng 0x0a0d0d0a or gzip 0x1f8b)");
        } catch (IOException | RuntimeException e) {
            in.close();
            throw e;
        }
    }
}
