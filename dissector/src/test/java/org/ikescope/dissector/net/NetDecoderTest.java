package org.ikescope.dissector.net;

import static org.ikescope.dissector.net.FrameBuilder.V4_A;
import static org.ikescope.dissector.net.FrameBuilder.V4_B;
import static org.ikescope.dissector.net.FrameBuilder.V6_A;
import static org.ikescope.dissector.net.FrameBuilder.V6_B;
import static org.ikescope.dissector.net.FrameBuilder.bytes;
import static org.ikescope.dissector.net.FrameBuilder.concat;
import static org.ikescope.dissector.net.FrameBuilder.ethernet;
import static org.ikescope.dissector.net.FrameBuilder.frame;
import static org.ikescope.dissector.net.FrameBuilder.ipv4;
import static org.ikescope.dissector.net.FrameBuilder.ipv6;
import static org.ikescope.dissector.net.FrameBuilder.payload;
import static org.ikescope.dissector.net.FrameBuilder.udp;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import org.ikescope.dissector.capture.Frame;
import org.junit.jupiter.api.Test;

/** Link layers, IPv4/IPv6 headers, tunnels and ICMP errors down to the UDP datagram. */
class NetDecoderTest {
    static final int ETH_IPV4 = 0x0800;
    static final int ETH_IPV6 = 0x86dd;
    static final byte[] IKE = bytes(0xde, 0xad, 0xbe, 0xef, 1, 2, 3, 4, 5, 6, 7, 8);

    private final NetDecoder decoder = new NetDecoder(new FragmentTable());
    private final Datagram d = new Datagram();

    private static byte[] v4Udp() {
        return ipv4(V4_A, V4_B, 17, udp(500, 4500, IKE));
    }

    private static byte[] v6Udp() {
        return ipv6(V6_A, V6_B, 17, udp(500, 500, IKE));
    }

    private void assertV4(NetKind kind) {
        assertEquals(NetKind.UDP, kind, () -> String.valueOf(decoder.diagnostic()));
        assertEquals(4, d.ipVersion);
        assertEquals("192.0.2.1", d.srcString());
        assertEquals("198.51.100.2", d.dstString());
        assertEquals(500, d.srcPort);
        assertEquals(4500, d.dstPort);
        assertArrayEquals(IKE, payload(d));
    }

    private void assertV6(NetKind kind) {
        assertEquals(NetKind.UDP, kind, () -> String.valueOf(decoder.diagnostic()));
        assertEquals(6, d.ipVersion);
        assertArrayEquals(V6_A, d.srcAddress());
        assertArrayEquals(V6_B, d.dstAddress());
        assertEquals(500, d.srcPort);
        assertEquals(500, d.dstPort);
        assertArrayEquals(IKE, payload(d));
    }

    @Test
    void ethernetIpv4Udp() {
        byte[] f = ethernet(ETH_IPV4, v4Udp());
        assertV4(decoder.decode(frame(LinkTypes.ETHERNET, f), d));
        assertEquals(-1, d.vlan);
        assertEquals(14, d.ipOffset);
        assertEquals(14 + 20 + 8, d.payloadFrameOffset);
    }

    @Test
    void ethernetWithTrailerPaddingStopsAtIpTotalLength() {
        byte[] f = concat(ethernet(ETH_IPV4, v4Udp()), new byte[6]);
        assertV4(decoder.decode(frame(LinkTypes.ETHERNET, f), d));
    }

    @Test
    void vlanTag() {
        byte[] f = ethernet(ETH_IPV4, v4Udp(), new int[] {0x8100, 0x2000 | 10});
        assertV4(decoder.decode(frame(LinkTypes.ETHERNET, f), d));
        assertEquals(10, d.vlan);
        assertEquals(18, d.ipOffset);
    }

    @Test
    void qinqOuterTagIsReported() {
        byte[] f = ethernet(ETH_IPV6, v6Udp(), new int[] {0x88a8, 100}, new int[] {0x8100, 20}, new int[] {0x9100, 30});
        assertV6(decoder.decode(frame(LinkTypes.ETHERNET, f), d));
        assertEquals(100, d.vlan);
    }

    @Test
    void tooManyVlanTagsIsMalformed() {
        int[][] tags = new int[NetDecoder.MAX_VLAN_TAGS + 1][];
        for (int i = 0; i < tags.length; i++) {
            tags[i] = new int[] {0x8100, i};
        }
        assertEquals(NetKind.MALFORMED, decoder.decode(frame(LinkTypes.ETHERNET, ethernet(ETH_IPV4, v4Udp(), tags)), d));
        assertEquals("link.vlan.depth", decoder.diagnostic().code());
    }

    @Test
    void diagnosticOffsetsCountFromTheFrameStartNotTheBuffer() {
        // Readers hand out windows into a larger buffer: the frame starts at position 100 here.
        byte[] tagged = ethernet(ETH_IPV4, new byte[0], new int[] {0x8100, 10});
        byte[] cut = java.util.Arrays.copyOf(tagged, 16); // Ethernet header + half a tag
        java.nio.ByteBuffer big = java.nio.ByteBuffer.allocate(200);
        big.position(100);
        big.put(cut);
        big.position(100).limit(100 + cut.length);
        Frame f = frame(LinkTypes.ETHERNET, new byte[0]);
        f.data = big;
        assertEquals(NetKind.MALFORMED, decoder.decode(f, d));
        assertEquals("link.vlan.truncated", decoder.diagnostic().code());
        assertEquals(14, decoder.diagnostic().offset());
        big.position(100).limit(100 + 13);
        assertEquals(NetKind.MALFORMED, decoder.decode(f, d));
        assertEquals("link.ethernet.truncated", decoder.diagnostic().code());
        assertEquals(0, decoder.diagnostic().offset());
    }

    @Test
    void payloadFrameOffsetInAWindow() {
        byte[] bytes = ethernet(ETH_IPV4, v4Udp());
        java.nio.ByteBuffer big = java.nio.ByteBuffer.allocate(300);
        big.position(64);
        big.put(bytes);
        big.position(64).limit(64 + bytes.length);
        Frame f = frame(LinkTypes.ETHERNET, new byte[0]);
        f.data = big;
        assertV4(decoder.decode(f, d));
        assertEquals(42, d.payloadFrameOffset);
        assertEquals(14, d.ipOffset);
    }

    @Test
    void linuxCookedV1AndV2() {
        assertV4(decoder.decode(frame(LinkTypes.LINUX_SLL, FrameBuilder.sll(ETH_IPV4, v4Udp())), d));
        assertEquals(16, d.ipOffset);
        assertV6(decoder.decode(frame(LinkTypes.LINUX_SLL2, FrameBuilder.sll2(ETH_IPV6, v6Udp())), d));
        assertEquals(20, d.ipOffset);
        assertEquals(NetKind.MALFORMED, decoder.decode(frame(LinkTypes.LINUX_SLL, new byte[10]), d));
        assertEquals("link.sll.truncated", decoder.diagnostic().code());
        assertEquals(NetKind.MALFORMED, decoder.decode(frame(LinkTypes.LINUX_SLL2, new byte[19]), d));
        assertEquals("link.sll2.truncated", decoder.diagnostic().code());
    }

    @Test
    void bsdNullAndLoop() {
        assertV4(decoder.decode(frame(LinkTypes.NULL, FrameBuilder.nullHeader(2, false, v4Udp())), d));
        for (int af6 : new int[] {10, 24, 28, 30}) {
            assertV6(decoder.decode(frame(LinkTypes.NULL, FrameBuilder.nullHeader(af6, false, v6Udp())), d));
        }
        assertV4(decoder.decode(frame(LinkTypes.LOOP, FrameBuilder.nullHeader(2, true, v4Udp())), d));
        assertV6(decoder.decode(frame(LinkTypes.LOOP, FrameBuilder.nullHeader(30, true, v6Udp())), d));
        assertEquals(NetKind.OTHER, decoder.decode(frame(LinkTypes.NULL, FrameBuilder.nullHeader(7, false, v4Udp())), d));
    }

    @Test
    void rawIp() {
        for (int lt : new int[] {LinkTypes.RAW, LinkTypes.RAW_BSD, LinkTypes.RAW_OPENBSD}) {
            assertV4(decoder.decode(frame(lt, v4Udp()), d));
            assertEquals(0, d.ipOffset);
            assertV6(decoder.decode(frame(lt, v6Udp()), d));
        }
        assertV4(decoder.decode(frame(LinkTypes.IPV4, v4Udp()), d));
        assertV6(decoder.decode(frame(LinkTypes.IPV6, v6Udp()), d));
    }

    @Test
    void unknownLinkTypeIsOther() {
        assertEquals(NetKind.OTHER, decoder.decode(frame(147, v4Udp()), d));
    }

    @Test
    void ipv4WithOptions() {
        byte[] options = bytes(0x94, 0x04, 0, 0, 0x01, 0x01, 0x01, 0x00); // router alert, NOPs, EOL
        byte[] ip = ipv4(V4_A, V4_B, 17, udp(500, 4500, IKE), options, 1, false, 0);
        assertV4(decoder.decode(frame(LinkTypes.RAW, ip), d));
        assertEquals(28 + 8, d.payloadFrameOffset);
    }

    @Test
    void ipv4BadHeaders() {
        byte[] ip = v4Udp();
        ip[0] = 0x44; // IHL 16 bytes
        assertEquals(NetKind.MALFORMED, decoder.decode(frame(LinkTypes.ETHERNET, ethernet(ETH_IPV4, ip)), d));
        assertEquals("ip.v4.header-length", decoder.diagnostic().code());
        assertEquals(14, decoder.diagnostic().offset());
        assertEquals(NetKind.MALFORMED, decoder.decode(frame(LinkTypes.ETHERNET, ethernet(ETH_IPV4, new byte[12])), d));
        assertEquals("ip.v4.truncated", decoder.diagnostic().code());
        byte[] v = v4Udp();
        v[0] = 0x55;
        assertEquals(NetKind.MALFORMED, decoder.decode(frame(LinkTypes.ETHERNET, ethernet(ETH_IPV4, v)), d));
        assertEquals("ip.v4.version", decoder.diagnostic().code());
    }

    @Test
    void ipv6WithHopByHopAndDestinationOptions() {
        byte[] rest = concat(FrameBuilder.ipv6Options(60, 0), FrameBuilder.ipv6Options(17, 1), udp(500, 500, IKE));
        byte[] ip = ipv6(V6_A, V6_B, 0, rest);
        assertV6(decoder.decode(frame(LinkTypes.ETHERNET, ethernet(ETH_IPV6, ip)), d));
        assertEquals(14 + 40 + 8 + 16 + 8, d.payloadFrameOffset);
    }

    @Test
    void ipv6AtomicFragmentIsNotReassembled() {
        byte[] rest = concat(FrameBuilder.ipv6Fragment(17, 0, false, 99), udp(500, 500, IKE));
        assertV6(decoder.decode(frame(LinkTypes.RAW, ipv6(V6_A, V6_B, 44, rest)), d));
        assertFalse(d.reassembled);
    }

    @Test
    void ipv6ExtensionHeaderPastTheEndIsMalformed() {
        byte[] ext = FrameBuilder.ipv6Options(17, 5); // claims 48 bytes
        byte[] ip = ipv6(V6_A, V6_B, 60, java.util.Arrays.copyOf(ext, 16));
        assertEquals(NetKind.MALFORMED, decoder.decode(frame(LinkTypes.RAW, ip), d));
        assertEquals("ip.v6.extension.length", decoder.diagnostic().code());
        assertEquals(40, decoder.diagnostic().offset());
    }

    @Test
    void udpBadLength() {
        byte[] u = udp(500, 500, IKE);
        u[4] = 0;
        u[5] = 4;
        assertEquals(NetKind.MALFORMED, decoder.decode(frame(LinkTypes.RAW, ipv4(V4_A, V4_B, 17, u)), d));
        assertEquals("udp.length", decoder.diagnostic().code());
        assertEquals(20, decoder.diagnostic().offset());
        assertEquals(NetKind.MALFORMED, decoder.decode(frame(LinkTypes.RAW, ipv4(V4_A, V4_B, 17, new byte[5])), d));
        assertEquals("udp.truncated", decoder.diagnostic().code());
    }

    @Test
    void espOverIp() {
        byte[] esp = bytes(0xf4, 0xdc, 0x0a, 0xe5, 0, 0, 0, 1, 9, 9, 9, 9);
        assertEquals(NetKind.ESP, decoder.decode(frame(LinkTypes.RAW, ipv4(V4_A, V4_B, 50, esp)), d));
        assertArrayEquals(esp, payload(d));
    }

    @Test
    void erspanTypeIIInsideGre() {
        byte[] mirrored = ethernet(ETH_IPV4, v4Udp(), new int[] {0x8100, 10});
        byte[] outer = ipv4(bytes(10, 0, 0, 1), bytes(10, 0, 0, 2), 47, FrameBuilder.gre(0x88be, true, FrameBuilder.erspan2(mirrored)));
        assertV4(decoder.decode(frame(LinkTypes.ETHERNET, ethernet(ETH_IPV4, outer)), d));
        assertEquals(10, d.vlan);
    }

    @Test
    void erspanTypeIIIInsideGreWithAndWithoutPlatformSubheader() {
        byte[] mirrored = ethernet(ETH_IPV6, v6Udp());
        for (boolean platform : new boolean[] {false, true}) {
            byte[] outer = ipv4(bytes(10, 0, 0, 1), bytes(10, 0, 0, 2), 47,
                    FrameBuilder.gre(0x22eb, true, FrameBuilder.erspan3(mirrored, platform)));
            assertV6(decoder.decode(frame(LinkTypes.ETHERNET, ethernet(ETH_IPV4, outer)), d));
        }
    }

    @Test
    void greDepthIsBounded() {
        byte[] inner = v4Udp();
        for (int i = 0; i < NetDecoder.MAX_ENCAPSULATION_DEPTH + 1; i++) {
            inner = ipv4(bytes(10, 0, 0, 1), bytes(10, 0, 0, 2), 47, FrameBuilder.gre(0x0800, false, inner));
        }
        assertEquals(NetKind.OTHER, decoder.decode(frame(LinkTypes.RAW, inner), d));
    }

    @Test
    void icmpPortUnreachableQuotingAnIkeDatagram() {
        byte[] quoted = ipv4(V4_A, V4_B, 17, udp(500, 4500, IKE));
        byte[] icmp = FrameBuilder.icmp(3, 3, quoted);
        byte[] f = ethernet(ETH_IPV4, ipv4(V4_B, V4_A, 1, icmp));
        NetKind kind = decoder.decode(frame(LinkTypes.ETHERNET, f), d);
        assertEquals(NetKind.ICMP_ERROR, kind);
        assertEquals(3, d.icmpType);
        assertEquals(3, d.icmpCode);
        assertEquals(4, d.icmpVersion);
        // The quoted datagram's flow, not the ICMP sender's.
        assertEquals("192.0.2.1", d.srcString());
        assertEquals("198.51.100.2", d.dstString());
        assertEquals(500, d.srcPort);
        assertEquals(4500, d.dstPort);
        assertArrayEquals(IKE, payload(d));
    }

    @Test
    void icmpv6DestinationUnreachableQuotingAnIkeDatagram() {
        byte[] icmp = FrameBuilder.icmp(1, 4, v6Udp());
        NetKind kind = decoder.decode(frame(LinkTypes.RAW, ipv6(V6_B, V6_A, 58, icmp)), d);
        assertEquals(NetKind.ICMP_ERROR, kind);
        assertEquals(6, d.icmpVersion);
        assertArrayEquals(V6_A, d.srcAddress());
        assertArrayEquals(IKE, payload(d));
    }

    @Test
    void icmpEchoIsOther() {
        byte[] f = ipv4(V4_A, V4_B, 1, FrameBuilder.icmp(8, 0, new byte[32]));
        assertEquals(NetKind.OTHER, decoder.decode(frame(LinkTypes.RAW, f), d));
    }

    @Test
    void decoderReusesItsHoldersAcrossFrames() {
        Frame vlanFrame = frame(LinkTypes.ETHERNET, ethernet(ETH_IPV4, v4Udp(), new int[] {0x8100, 5}));
        decoder.decode(vlanFrame, d);
        assertEquals(5, d.vlan);
        assertV6(decoder.decode(frame(LinkTypes.RAW, v6Udp()), d));
        assertEquals(-1, d.vlan);
        assertEquals(-1, d.icmpType);
    }
}
