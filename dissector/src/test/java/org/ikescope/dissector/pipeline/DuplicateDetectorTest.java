package org.ikescope.dissector.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** A duplicate is the same bytes within the window: the key finds candidates, the bytes decide. */
class DuplicateDetectorTest {
    private static ByteBuffer packet(int len, long seed) {
        byte[] b = new byte[len + 10];
        new Random(seed).nextBytes(b);
        return ByteBuffer.wrap(b);
    }

    @Test
    void sameBytesWithinTheWindowAreADuplicate() {
        for (int len : new int[] {20, 31, 32, 33, 300, 2048, 2049, 9000}) {
            DuplicateDetector d = new DuplicateDetector(DuplicateDetector.DEFAULT_WINDOW_NANOS);
            ByteBuffer p = packet(len, len);
            assertEquals(0, d.check(p, 5, 5 + len, 1_000, 1), "first " + len);
            assertEquals(1, d.check(packet(len, len), 5, 5 + len, 2_000, 2), "copy " + len);
            assertEquals(0, d.check(p, 5, 5 + len, 1_000 + DuplicateDetector.DEFAULT_WINDOW_NANOS + 1, 3), "late " + len);
        }
    }

    @Test
    void aDifferenceAfterTheKeyBytesIsNoDuplicate() {
        for (int len : new int[] {33, 300, 2048, 2049, 9000}) {
            DuplicateDetector d = new DuplicateDetector(DuplicateDetector.DEFAULT_WINDOW_NANOS);
            ByteBuffer p = packet(len, 7);
            assertEquals(0, d.check(p, 0, len, 0, 1));
            ByteBuffer q = packet(len, 7);
            q.put(len - 1, (byte) (q.get(len - 1) + 1));
            assertEquals(0, d.check(q, 0, len, 10, 2), "changed last byte, " + len);
            assertEquals(2, d.check(packet(len, 7).put(len - 1, q.get(len - 1)), 0, len, 20, 3), "copy of the second, " + len);
        }
    }

    @Test
    void theRingForgetsAfterItsSize() {
        DuplicateDetector d = new DuplicateDetector(DuplicateDetector.DEFAULT_WINDOW_NANOS);
        ByteBuffer first = packet(100, -1);
        d.check(first, 0, 100, 0, 1);
        for (int i = 0; i < DuplicateDetector.RING; i++) {
            assertEquals(0, d.check(packet(100, i), 0, 100, i, i + 2));
        }
        assertEquals(0, d.check(first, 0, 100, 300, 999));
    }
}
