package org.ikescope.dissector.capture;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;
import org.ikescope.dissector.pipeline.TestCaptures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 11, problems 4 and 8: a named pipe (and so process substitution and /dev/stdin on a pipe)
 * is opened once and read as a stream; gzip errors say what is wrong and after which frame.
 */
class StreamsAndGzipTest {
    static final Path CAPTURE = TestCaptures.path("lab/mm-aes128-sha1-modp1024.pcap");

    @TempDir
    Path tmp;

    /** Frames read and the reader's error. */
    record Read(int frames, String error) {
    }

    static Read read(String name) throws IOException {
        try (PacketSource src = Captures.open(name)) {
            Frame f = new Frame();
            int n = 0;
            while (src.next(f)) {
                n++;
            }
            return new Read(n, src.error());
        }
    }

    static int frames() throws IOException {
        return read(CAPTURE.toString()).frames();
    }

    /** A FIFO fed by a thread with {@code bytes}; the reader must open it only once or it waits for ever. */
    Path fifo(byte[] bytes) throws Exception {
        Path f = tmp.resolve("fifo");
        Process p = new ProcessBuilder("mkfifo", f.toString()).start();
        assertEquals(0, p.waitFor());
        Thread writer = new Thread(() -> {
            try (OutputStream out = Files.newOutputStream(f)) {
                out.write(bytes);
            } catch (IOException e) {
                // the reader went away: the test fails on its own
            }
        });
        writer.setDaemon(true);
        writer.start();
        return f;
    }

    @Test
    void aNamedPipeIsReadOnce() throws Exception {
        Path f = fifo(Files.readAllBytes(CAPTURE));
        Read r = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> read(f.toString()));
        assertEquals(frames(), r.frames());
        assertNull(r.error());
    }

    @Test
    void aGzippedNamedPipeIsReadOnce() throws Exception {
        Path f = fifo(gzip(Files.readAllBytes(CAPTURE)));
        Read r = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> read(f.toString()));
        assertEquals(frames(), r.frames());
        assertNull(r.error());
    }

    @Test
    void aGzipHeaderCutOffSaysSo() throws IOException {
        Path f = tmp.resolve("cut.pcap.gz");
        Files.write(f, Arrays.copyOf(gzip(Files.readAllBytes(CAPTURE)), 5));
        CaptureFormatException e = assertThrows(CaptureFormatException.class, () -> read(f.toString()));
        assertEquals(f + ": truncated: gzip header cut off (expected: 10 bytes and the optional fields its flags announce)",
                e.getMessage());
    }

    @Test
    void aBadCrcIsNotCalledATruncatedFrame() throws IOException {
        byte[] gz = gzip(Files.readAllBytes(CAPTURE));
        gz[gz.length - 8] ^= 0x55; // CRC-32 of the trailer
        Path f = tmp.resolve("crc.pcap.gz");
        Files.write(f, gz);
        Read r = read(f.toString());
        int n = frames();
        assertEquals(n, r.frames());
        assertEquals(f + ": damaged: gzip trailer: the CRC-32 or length of the decompressed data does not match"
                + " (corrupt data), after frame " + n + " (frames 1-" + n + " were read)", r.error());
    }

    @Test
    void corruptDeflateDataIsNamed() throws IOException {
        byte[] gz = gzip(Files.readAllBytes(CAPTURE));
        gz[10] = (byte) 0xff; // the first deflate block header: BTYPE 11, reserved (RFC 1951 section 3.2.3)
        Path f = tmp.resolve("deflate.pcap.gz");
        Files.write(f, gz);
        CaptureFormatException e = assertThrows(CaptureFormatException.class, () -> read(f.toString()));
        assertEquals(f + ": damaged: corrupt deflate data (zlib: invalid block type), before the first frame", e.getMessage());
    }

    @Test
    void aCutOffStreamSaysAfterWhichFrame() throws IOException {
        byte[] gz = gzip(Files.readAllBytes(CAPTURE));
        Path f = tmp.resolve("cut2.pcap.gz");
        Files.write(f, Arrays.copyOf(gz, gz.length - 12));
        Read r = read(f.toString());
        assertTrue(r.error().startsWith(f + ": truncated: the compressed stream is cut off, after frame "), r.error());
    }

    static byte[] gzip(byte[] b) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream z = new GZIPOutputStream(out)) {
            z.write(b);
        }
        return out.toByteArray();
    }
}
