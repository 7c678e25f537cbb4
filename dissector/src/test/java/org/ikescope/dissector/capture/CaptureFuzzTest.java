package org.ikescope.dissector.capture;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import org.ikescope.dissector.fuzz.FuzzInputs;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Fuzz targets of the capture readers, through {@link Captures#open(String, java.io.InputStream)}
 * (the stream path that standard input, FIFOs and gzip take). A damaged capture may end with
 * {@link CaptureFormatException} or the reader's one-line {@link PacketSource#error()}; anything
 * else (a RuntimeException, a frame outside its buffer) is a finding.
 *
 * <p>Seeds: {@code CaptureFuzzTestInputs/pcap} and {@code /pcapng}, the heads of the real
 * captures (see {@code FuzzSeeds}). Replayed by every test run; {@code JAZZER_FUZZ=1} fuzzes
 * (README, "Fuzzing").
 */
class CaptureFuzzTest {
    /** Frames read per input: the point is the record walk, not volume. */
    static final int MAX_FRAMES = 10_000;

    @FuzzTest(maxDuration = "10m")
    void pcap(byte[] data) throws IOException {
        read(data);
    }

    @FuzzTest(maxDuration = "10m")
    void pcapng(byte[] data) throws IOException {
        read(data);
    }

    static void read(byte[] data) throws IOException {
        PacketSource src = FuzzInputs.capture(data);
        if (src == null) {
            return;
        }
        try (src) {
            Frame f = new Frame();
            int n = 0;
            while (n < MAX_FRAMES && src.next(f)) {
                n++;
                assertTrue(f.data.position() <= f.data.limit() && f.data.limit() <= f.data.capacity());
                assertTrue(f.number == n, "frame numbers count up");
            }
        } catch (CaptureFormatException e) {
            // a damaged capture: allowed
        }
    }
}
