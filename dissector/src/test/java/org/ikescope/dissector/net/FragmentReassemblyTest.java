package org.ikescope.dissector.net;

import static org.ikescope.dissector.net.FrameBuilder.V4_A;
import static org.ikescope.dissector.net.FrameBuilder.V4_B;
import static org.ikescope.dissector.net.FrameBuilder.V6_A;
import static org.ikescope.dissector.net.FrameBuilder.V6_B;
import static org.ikescope.dissector.net.FrameBuilder.concat;
import static org.ikescope.dissector.net.FrameBuilder.frame;
import static org.ikescope.dissector.net.FrameBuilder.ipv4;
import static org.ikescope.dissector.net.FrameBuilder.ipv6;
import static org.ikescope.dissector.net.FrameBuilder.payload;
import static org.ikescope.dissector.net.FrameBuilder.udp;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** IPv4 and IPv6 fragment reassembly through {@link NetDecoder} and {@link FragmentTable}. */
class FragmentReassemblyTest {
    private static final byte[] IKE = ike(1400);

    private final FragmentTable table = new FragmentTable();
    private final NetDecoder decoder = new NetDecoder(table);
    private final Datagram d = new Datagram();

    private static byte[] ike(int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) (i * 7 + 3);
        }
        return b;
    }

    /** The UDP datagram split into IPv4 fragments of {@code size} bytes (a multiple of 8). */
    private static byte[][] v4Fragments(int id, int size) {
        byte[] whole = udp(500, 500, IKE);
        int n = (whole.length + size - 1) / size;
        byte[][] r = new byte[n][];
        for (int i = 0; i < n; i++) {
            int from = i * size;
            int to = Math.min(whole.length, from + size);
            r[i] = ipv4(V4_A, V4_B, 17, Arrays.copyOfRange(whole, from, to), new byte[0], id, to < whole.length, from);
        }
        return r;
    }

    private static byte[][] v6Fragments(int id, int size) {
        byte[] whole = udp(500, 500, IKE);
        int n = (whole.length + size - 1) / size;
        byte[][] r = new byte[n][];
        for (int i = 0; i < n; i++) {
            int from = i * size;
            int to = Math.min(whole.length, from + size);
            byte[] rest = concat(FrameBuilder.ipv6Options(44, 0), FrameBuilder.ipv6Fragment(17, from, to < whole.length, id),
                    Arrays.copyOfRange(whole, from, to));
            r[i] = ipv6(V6_A, V6_B, 0, rest);
        }
        return r;
    }

    private NetKind feed(byte[] ip, long number, long timeNanos) {
        return decoder.decode(frame(LinkTypes.RAW, ip, number, timeNanos), d);
    }

    private void assertWhole(NetKind kind) {
        assertEquals(NetKind.UDP, kind);
        assertTrue(d.reassembled);
        assertEquals(500, d.srcPort);
        assertEquals(-1, d.payloadFrameOffset);
        assertArrayEquals(IKE, payload(d));
    }

    @Test
    void ipv4InOrder() {
        byte[][] f = v4Fragments(7, 504);
        assertEquals(3, f.length);
        assertEquals(NetKind.IP_FRAGMENT, feed(f[0], 1, 0));
        assertEquals(NetKind.IP_FRAGMENT, feed(f[1], 2, 0));
        assertWhole(feed(f[2], 3, 0));
        assertEquals(List.of(1L, 2L, 3L), d.fragmentFrames);
        assertEquals(3, d.fragmentCount);
        assertEquals(1, d.firstFragmentFrame);
        assertEquals("192.0.2.1", d.srcString());
    }

    @Test
    void ipv4OutOfOrderWithADuplicateFragment() {
        byte[][] f = v4Fragments(8, 400);
        assertEquals(4, f.length);
        assertEquals(NetKind.IP_FRAGMENT, feed(f[3], 1, 0));
        assertEquals(NetKind.IP_FRAGMENT, feed(f[1], 2, 0));
        assertEquals(NetKind.IP_FRAGMENT, feed(f[1], 3, 0));
        assertEquals(NetKind.IP_FRAGMENT, feed(f[0], 4, 0));
        assertWhole(feed(f[2], 5, 0));
        assertEquals(List.of(1L, 2L, 3L, 4L, 5L), d.fragmentFrames);
    }

    @Test
    void ipv4InterleavedDatagramsAreKeptApart() {
        byte[][] a = v4Fragments(1, 504);
        byte[][] b = v4Fragments(2, 504);
        feed(a[0], 1, 0);
        feed(b[0], 2, 0);
        feed(b[1], 3, 0);
        feed(a[1], 4, 0);
        assertWhole(feed(a[2], 5, 0));
        assertEquals(List.of(1L, 4L, 5L), d.fragmentFrames);
        assertWhole(feed(b[2], 6, 0));
        assertEquals(List.of(2L, 3L, 6L), d.fragmentFrames);
    }

    @Test
    void incompleteSetIsNeverDelivered() {
        byte[][] f = v4Fragments(9, 504);
        assertEquals(NetKind.IP_FRAGMENT, feed(f[0], 1, 0));
        assertEquals(NetKind.IP_FRAGMENT, feed(f[2], 2, 0));
        assertEquals(NetKind.IP_FRAGMENT, feed(f[2], 3, 0));
        assertEquals(List.of(1L, 2L, 3L), table.pendingFrames());
        assertEquals(0, table.dropped());
    }

    @Test
    void timeoutDropsAStaleSetAndALateFragmentDoesNotCompleteIt() {
        byte[][] f = v4Fragments(10, 504);
        assertEquals(NetKind.IP_FRAGMENT, feed(f[0], 1, 0));
        assertEquals(NetKind.IP_FRAGMENT, feed(f[1], 2, 1_000_000_000L));
        long late = FragmentTable.TIMEOUT_NANOS + 1;
        assertEquals(NetKind.IP_FRAGMENT, feed(f[2], 3, late));
        assertEquals(1, table.dropped());
        assertArrayEquals(new long[] {1, 2}, table.drainIncomplete());
        assertEquals(List.of(3L), table.pendingFrames());
    }

    @Test
    void ipv6OutOfOrderBehindAHopByHopHeader() {
        byte[][] f = v6Fragments(0x01020304, 600);
        assertEquals(3, f.length);
        assertEquals(NetKind.IP_FRAGMENT, feed(f[2], 1, 0));
        assertEquals(NetKind.IP_FRAGMENT, feed(f[0], 2, 0));
        assertEquals(NetKind.IP_FRAGMENT, feed(f[0], 3, 0));
        NetKind k = feed(f[1], 4, 0);
        assertWhole(k);
        assertEquals(6, d.ipVersion);
        assertArrayEquals(V6_A, d.srcAddress());
        assertArrayEquals(V6_B, d.dstAddress());
        assertEquals(List.of(1L, 2L, 3L, 4L), d.fragmentFrames);
    }

    @Test
    void ipv6IncompleteAndTimedOut() {
        byte[][] f = v6Fragments(77, 600);
        assertEquals(NetKind.IP_FRAGMENT, feed(f[0], 1, 0));
        assertEquals(NetKind.IP_FRAGMENT, feed(f[1], 2, 0));
        assertEquals(List.of(1L, 2L), table.pendingFrames());
        assertEquals(NetKind.IP_FRAGMENT, feed(f[2], 3, FragmentTable.TIMEOUT_NANOS + 5));
        assertEquals(1, table.dropped());
    }

    @Test
    void oversizedDatagramIsDropped() {
        // A fragment at offset 65528 with 16 bytes would end past 65535.
        byte[] ip = ipv4(V4_A, V4_B, 17, new byte[16], new byte[0], 11, false, 65528);
        assertEquals(NetKind.IP_FRAGMENT, feed(ip, 1, 0));
        assertEquals(1, table.dropped());
        assertEquals(List.of(), table.pendingFrames());
    }

    @Test
    void withoutAReassemblerFragmentsAreOther() {
        NetDecoder plain = new NetDecoder(null);
        assertEquals(NetKind.OTHER, plain.decode(frame(LinkTypes.RAW, v4Fragments(1, 504)[0]), d));
    }
}
