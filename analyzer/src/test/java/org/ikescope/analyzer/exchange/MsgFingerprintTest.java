package org.ikescope.analyzer.exchange;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.List;
import java.util.Random;
import org.ikescope.api.protocol.PayloadType;
import org.junit.jupiter.api.Test;

/** The message fingerprint is FNV-1a over the bytes, xor the length; payload shapes compare by their kinds. */
class MsgFingerprintTest {
    private static long fnv1a(byte[] b) {
        long h = 0xcbf29ce484222325L;
        for (byte x : b) {
            h ^= x & 0xff;
            h *= 0x100000001b3L;
        }
        return h ^ b.length;
    }

    @Test
    void fnv1aOfEveryLength() {
        Random r = new Random(10);
        for (int n = 0; n < 70; n++) {
            byte[] b = new byte[n];
            r.nextBytes(b);
            assertEquals(fnv1a(b), Msg.fingerprint(b), "length " + n);
        }
        byte[] one = {1, 2, 3, 4, 5};
        byte[] other = {1, 2, 3, 4, 6};
        assertNotEquals(Msg.fingerprint(one), Msg.fingerprint(other));
    }

    @Test
    void shapesEqualByKinds() {
        PayloadShape.Kind sa = new PayloadShape.Kind(1, PayloadType.SA);
        PayloadShape.Kind vid = new PayloadShape.Kind(13, PayloadType.VID);
        PayloadShape a = new PayloadShape(List.of(sa, vid));
        PayloadShape b = new PayloadShape(List.of(new PayloadShape.Kind(1, PayloadType.SA), vid));
        assertEquals(a, b);
        assertEquals(a.hashCode(), b.hashCode());
        assertNotEquals(a, new PayloadShape(List.of(vid, sa)));
        assertNotEquals(sa, new PayloadShape.Kind(1, PayloadType.UNKNOWN));
        assertEquals(sa.hashCode(), new PayloadShape.Kind(1, PayloadType.SA).hashCode());
        assertEquals("PayloadShape[kinds=[Kind[type=1, meaning=SA], Kind[type=13, meaning=VID]]]", a.toString());
    }
}
