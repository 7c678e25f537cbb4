package org.ikescope.dissector.net;

import static org.ikescope.dissector.net.FrameBuilder.V4_A;
import static org.ikescope.dissector.net.FrameBuilder.V4_B;
import static org.ikescope.dissector.net.FrameBuilder.frame;
import static org.ikescope.dissector.net.FrameBuilder.ipv4;
import static org.ikescope.dissector.net.FrameBuilder.udp;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * Issue 11, problem 10: overlapping IP fragments whose bytes disagree are no longer resolved
 * silently: the reassembled datagram counts the conflicting bytes and names the first frame that
 * brought one (the pipeline reports it as {@code ip.fragment.overlap.conflict}).
 */
class OverlapConflictTest {
    private final FragmentTable table = new FragmentTable();
    private final NetDecoder decoder = new NetDecoder(table);
    private final Datagram d = new Datagram();

    private NetKind feed(byte[] ip, long number) {
        return decoder.decode(frame(LinkTypes.RAW, ip, number, number * 1000), d);
    }

    private static byte[] whole() {
        byte[] ike = new byte[64];
        Arrays.fill(ike, (byte) 0x41);
        return udp(500, 500, ike);
    }

    @Test
    void conflictingOverlapIsCounted() {
        byte[] w = whole();
        byte[] second = Arrays.copyOfRange(w, 16, 40);
        Arrays.fill(second, 0, 8, (byte) 0x42); // bytes 16..23 again, different
        assertEquals(NetKind.IP_FRAGMENT, feed(ipv4(V4_A, V4_B, 17, Arrays.copyOfRange(w, 0, 24), new byte[0], 9, true, 0), 1));
        assertEquals(NetKind.IP_FRAGMENT, feed(ipv4(V4_A, V4_B, 17, second, new byte[0], 9, true, 16), 2));
        assertEquals(NetKind.UDP, feed(ipv4(V4_A, V4_B, 17, Arrays.copyOfRange(w, 40, w.length), new byte[0], 9, false, 40), 3));
        assertEquals(8, d.overlapConflicts);
        assertEquals(2, d.overlapConflictFrame);
        assertEquals(0x41, d.payload.get(d.payload.position() + 8) & 0xff, "the first copy stands");
    }

    @Test
    void identicalOverlapIsNoConflict() {
        byte[] w = whole();
        feed(ipv4(V4_A, V4_B, 17, Arrays.copyOfRange(w, 0, 24), new byte[0], 9, true, 0), 1);
        feed(ipv4(V4_A, V4_B, 17, Arrays.copyOfRange(w, 16, 40), new byte[0], 9, true, 16), 2);
        assertEquals(NetKind.UDP, feed(ipv4(V4_A, V4_B, 17, Arrays.copyOfRange(w, 40, w.length), new byte[0], 9, false, 40), 3));
        assertEquals(0, d.overlapConflicts);
    }
}
