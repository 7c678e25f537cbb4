package org.ikescope.dissector.net;

import java.nio.ByteBuffer;
import org.ikescope.dissector.capture.Frame;
import org.ikescope.dissector.model.Diagnostic;

/**
 * Decodes a frame from its link layer down to UDP: Ethernet II with 802.1Q/802.1ad tags of any
 * depth, Linux SLL and SLL2, BSD null/loopback, raw IPv4/IPv6, ERSPAN type II/III inside GRE;
 * IPv4 with options, IPv6 with extension headers; IP fragments are handed to an
 * {@link IpReassembler}. One instance per thread: it reuses its holders.
 */
public final class NetDecoder {
    static final int ETHERTYPE_IPV4 = 0x0800;
    static final int ETHERTYPE_IPV6 = 0x86dd;
    static final int ETHERTYPE_VLAN = 0x8100;
    static final int ETHERTYPE_QINQ = 0x88a8;
    static final int ETHERTYPE_QINQ_OLD = 0x9100;
    static final int ETHERTYPE_ERSPAN_II = 0x88be;
    static final int ETHERTYPE_ERSPAN_III = 0x22eb;
    static final int ETHERTYPE_TEB = 0x6558;
    static final int IP_PROTO_ICMP = 1;
    static final int IP_PROTO_UDP = 17;
    static final int IP_PROTO_GRE = 47;
    static final int IP_PROTO_ESP = 50;
    static final int IP_PROTO_ICMPV6 = 58;
    static final int UDP_HEADER_BYTES = 8;
    /** Tunnels inside tunnels (ERSPAN in GRE in ...) stop here. */
    static final int MAX_ENCAPSULATION_DEPTH = 4;
    static final int MAX_VLAN_TAGS = 8;

    private final IpReassembler reassembler;
    private Diagnostic diagnostic;
    private Frame frame;
    private Datagram out;
    private int depth;

    public NetDecoder(IpReassembler reassembler) {
        this.reassembler = reassembler;
    }

    /** The problem found by the last {@link #decode} that returned {@link NetKind#MALFORMED}. */
    public Diagnostic diagnostic() {
        return diagnostic;
    }

    /** Decodes {@code frame}; on {@link NetKind#UDP} or {@link NetKind#ICMP_ERROR}, {@code out} holds the datagram. */
    public NetKind decode(Frame frame, Datagram out) {
        this.frame = frame;
        this.out = out;
        this.diagnostic = null;
        this.depth = 0;
        out.reset();
        ByteBuffer b = frame.data;
        int p = b.position();
        int end = b.limit();
        switch (frame.linkType) {
            case LinkTypes.ETHERNET:
                return ethernet(b, p, end);
            case LinkTypes.LINUX_SLL:
                if (end - p < 16) {
                    return malformed("link.sll.truncated", 0, "SLL header: " + (end - p) + " bytes (expected: 16)");
                }
                return etherType(b, b.getShort(p + 14) & 0xffff, p + 16, end);
            case LinkTypes.LINUX_SLL2:
                if (end - p < 20) {
                    return malformed("link.sll2.truncated", 0, "SLL2 header: " + (end - p) + " bytes (expected: 20)");
                }
                return etherType(b, b.getShort(p) & 0xffff, p + 20, end);
            case LinkTypes.NULL:
            case LinkTypes.LOOP:
                return bsdNull(b, p, end, frame.linkType == LinkTypes.LOOP);
            case LinkTypes.RAW:
            case LinkTypes.RAW_BSD:
            case LinkTypes.RAW_OPENBSD:
                return rawIp(b, p, end);
            case LinkTypes.IPV4:
                return ipv4(b, p, end);
            case LinkTypes.IPV6:
                return ipv6(b, p, end);
            default:
                return NetKind.OTHER;
        }
    }

    private NetKind ethernet(ByteBuffer b, int p, int end) {
        if (end - p < 14) {
            return malformed("link.ethernet.truncated", p - frame.data.position(), "Ethernet header: " + (end - p) + " bytes (expected: 14)");
        }
        return etherType(b, b.getShort(p + 12) & 0xffff, p + 14, end);
    }

    private NetKind etherType(ByteBuffer b, int type, int p, int end) {
        int tags = 0;
        while (type == ETHERTYPE_VLAN || type == ETHERTYPE_QINQ || type == ETHERTYPE_QINQ_OLD) {
            if (end - p < 4) {
                return malformed("link.vlan.truncated", p - frame.data.position(), "802.1Q tag: " + (end - p) + " bytes (expected: 4)");
            }
            if (++tags > MAX_VLAN_TAGS) {
                return malformed("link.vlan.depth", p - frame.data.position(), "802.1Q tags: more than " + MAX_VLAN_TAGS + " (expected: fewer)");
            }
            if (out.vlan < 0) {
                out.vlan = b.getShort(p) & 0x0fff;
            }
            type = b.getShort(p + 2) & 0xffff;
            p += 4;
        }
        switch (type) {
            case ETHERTYPE_IPV4:
                return ipv4(b, p, end);
            case ETHERTYPE_IPV6:
                return ipv6(b, p, end);
            default:
                return NetKind.OTHER;
        }
    }

    private NetKind bsdNull(ByteBuffer b, int p, int end, boolean bigEndian) {
        if (end - p < 4) {
            return malformed("link.null.truncated", p - frame.data.position(), "loopback header: " + (end - p) + " bytes (expected: 4)");
        }
        int family = b.getInt(p);
        if (!bigEndian && (family & 0xffff) == 0) {
            family = Integer.reverseBytes(family);
        }
        // AF_INET is 2 everywhere; AF_INET6 is 10 (Linux), 24 (NetBSD/OpenBSD), 28 (FreeBSD), 30 (macOS).
        if (family == 2) {
            return ipv4(b, p + 4, end);
        }
        if (family == 10 || family == 24 || family == 28 || family == 30) {
            return ipv6(b, p + 4, end);
        }
        return NetKind.OTHER;
    }

    private NetKind rawIp(ByteBuffer b, int p, int end) {
        if (end - p < 1) {
            return malformed("ip.truncated", p - frame.data.position(), "IP header: 0 bytes (expected: >= 20)");
        }
        int v = (b.get(p) & 0xff) >> 4;
        if (v == 4) {
            return ipv4(b, p, end);
        }
        if (v == 6) {
            return ipv6(b, p, end);
        }
        return NetKind.OTHER;
    }

    /*
     * RFC 791 section 3.1:
     *  0 version(4) IHL(4) | TOS | total length(16)
     *  4 identification(16) | flags(3) fragment offset(13)
     *  8 TTL | protocol | header checksum(16)
     * 12 source address
     * 16 destination address
     * 20 options (IHL > 5)
     */
    private NetKind ipv4(ByteBuffer b, int p, int end) {
        int off = p - frame.data.position();
        if (end - p < 20) {
            return malformed("ip.v4.truncated", off, "IPv4 header: " + (end - p) + " bytes (expected: >= 20)");
        }
        int vihl = b.get(p) & 0xff;
        if (vihl >> 4 != 4) {
            return malformed("ip.v4.version", off, "IPv4 version: " + (vihl >> 4) + " (expected: 4)");
        }
        int ihl = (vihl & 0x0f) * 4;
        int total = b.getShort(p + 2) & 0xffff;
        if (ihl < 20 || ihl > end - p) {
            return malformed("ip.v4.header-length", off, "IPv4 header length: " + ihl + " (expected: 20.." + Math.min(60, end - p) + ")");
        }
        if (total < ihl) {
            // TSO/offload captures may carry total length 0; trust the frame then.
            if (total != 0) {
                return malformed("ip.v4.total-length", off, "IPv4 total length: " + total + " (expected: >= " + ihl + ")");
            }
            total = end - p;
        }
        int ipEnd = Math.min(end, p + total);
        int proto = b.get(p + 9) & 0xff;
        out.ipVersion = 4;
        out.ipOffset = off;
        b.get(p + 12, out.src, 0, 4);
        b.get(p + 16, out.dst, 0, 4);
        int fragField = b.getShort(p + 6) & 0xffff;
        boolean moreFragments = (fragField & 0x2000) != 0;
        int fragOffset = (fragField & 0x1fff) * 8;
        if (moreFragments || fragOffset != 0) {
            if (reassembler == null) {
                return NetKind.OTHER;
            }
            int id = b.getShort(p + 4) & 0xffff;
            return reassembled(reassembler.ipv4Fragment(frame, out, id, proto, fragOffset, moreFragments, b, p + ihl, ipEnd), proto);
        }
        return transport(b, proto, p + ihl, ipEnd);
    }

    /*
     * RFC 8200 section 3:
     *  0 version(4) traffic class(8) flow label(20)
     *  4 payload length(16) | next header | hop limit
     *  8 source address (16)
     * 24 destination address (16)
     * 40 extension headers, then the upper-layer header
     */
    private NetKind ipv6(ByteBuffer b, int p, int end) {
        int off = p - frame.data.position();
        if (end - p < 40) {
            return malformed("ip.v6.truncated", off, "IPv6 header: " + (end - p) + " bytes (expected: >= 40)");
        }
        if ((b.get(p) & 0xf0) != 0x60) {
            return malformed("ip.v6.version", off, "IPv6 version: " + ((b.get(p) & 0xff) >> 4) + " (expected: 6)");
        }
        int payloadLen = b.getShort(p + 4) & 0xffff;
        int next = b.get(p + 6) & 0xff;
        out.ipVersion = 6;
        out.ipOffset = off;
        b.get(p + 8, out.src, 0, 16);
        b.get(p + 24, out.dst, 0, 16);
        int ipEnd = payloadLen == 0 ? end : Math.min(end, p + 40 + payloadLen);
        int q = p + 40;
        // Extension headers (RFC 8200 section 4): hop-by-hop 0, routing 43, fragment 44,
        // destination options 60, mobility 135, HIP 139, shim6 140; AH 51 is skipped by its length too.
        for (int n = 0; n < 16; n++) {
            switch (next) {
                case 0, 43, 60, 135, 139, 140 -> {
                    if (ipEnd - q < 8) {
                        return malformed("ip.v6.extension.truncated", q - frame.data.position(), "IPv6 extension header: " + (ipEnd - q) + " bytes (expected: >= 8)");
                    }
                    int len = ((b.get(q + 1) & 0xff) + 1) * 8;
                    next = b.get(q) & 0xff;
                    q += len;
                    if (q > ipEnd) {
                        return malformed("ip.v6.extension.length", q - len - frame.data.position(), "IPv6 extension header length: " + len + " (expected: <= " + (ipEnd - q + len) + ")");
                    }
                }
                case 51 -> {
                    if (ipEnd - q < 8) {
                        return malformed("ip.v6.extension.truncated", q - frame.data.position(), "AH header: " + (ipEnd - q) + " bytes (expected: >= 8)");
                    }
                    int len = ((b.get(q + 1) & 0xff) + 2) * 4;
                    next = b.get(q) & 0xff;
                    q += len;
                    if (q > ipEnd) {
                        return malformed("ip.v6.extension.length", q - len - frame.data.position(), "AH length: " + len + " (expected: <= " + (ipEnd - q + len) + ")");
                    }
                }
                case 44 -> {
                    if (ipEnd - q < 8) {
                        return malformed("ip.v6.fragment.truncated", q - frame.data.position(), "IPv6 fragment header: " + (ipEnd - q) + " bytes (expected: 8)");
                    }
                    int proto = b.get(q) & 0xff;
                    int fo = b.getShort(q + 2) & 0xffff;
                    int id = b.getInt(q + 4);
                    boolean more = (fo & 1) != 0;
                    int fragOffset = fo & 0xfff8;
                    if (!more && fragOffset == 0) {
                        // Atomic fragment (RFC 6946): not really fragmented.
                        next = proto;
                        q += 8;
                        continue;
                    }
                    if (reassembler == null) {
                        return NetKind.OTHER;
                    }
                    return reassembled(reassembler.ipv6Fragment(frame, out, id, proto, fragOffset, more, b, q + 8, ipEnd), proto);
                }
                default -> {
                    return transport(b, next, q, ipEnd);
                }
            }
        }
        return malformed("ip.v6.extension.depth", q - frame.data.position(), "IPv6 extension headers: more than 16 (expected: fewer)");
    }

    private NetKind reassembled(ByteBuffer whole, int proto) {
        if (whole == null) {
            return NetKind.IP_FRAGMENT;
        }
        out.reassembled = true;
        out.payloadFrameOffset = -1;
        int start = whole.position();
        return transport(whole, proto, start, whole.limit());
    }

    private NetKind transport(ByteBuffer b, int proto, int p, int end) {
        switch (proto) {
            case IP_PROTO_UDP:
                return udp(b, p, end);
            case IP_PROTO_GRE:
                return gre(b, p, end);
            case IP_PROTO_ESP:
                b.limit(end);
                b.position(p);
                out.payload = b;
                return NetKind.ESP;
            case IP_PROTO_ICMP:
            case IP_PROTO_ICMPV6:
                return icmp(b, proto, p, end);
            default:
                return NetKind.OTHER;
        }
    }

    /*
     * RFC 768: 0 source port | 2 destination port | 4 length | 6 checksum | 8 data
     */
    private NetKind udp(ByteBuffer b, int p, int end) {
        int off = out.reassembled ? p - b.position() : p - frame.data.position();
        if (end - p < UDP_HEADER_BYTES) {
            return malformed("udp.truncated", off, "UDP header: " + (end - p) + " bytes (expected: 8)");
        }
        int len = b.getShort(p + 4) & 0xffff;
        int dataEnd = end;
        if (len >= UDP_HEADER_BYTES && p + len <= end) {
            dataEnd = p + len;
        } else if (len != 0 && len < UDP_HEADER_BYTES) {
            return malformed("udp.length", off, "UDP length: " + len + " (expected: >= 8)");
        }
        out.srcPort = b.getShort(p) & 0xffff;
        out.dstPort = b.getShort(p + 2) & 0xffff;
        if (!out.reassembled) {
            // Before moving b: b is the frame's own buffer, whose position marks the frame start.
            out.payloadFrameOffset = p + UDP_HEADER_BYTES - frame.data.position();
        }
        b.limit(dataEnd);
        b.position(p + UDP_HEADER_BYTES);
        out.payload = b;
        return NetKind.UDP;
    }

    /*
     * RFC 2784/2890 GRE: 0 flags C..K S..(16) | 2 protocol type | [checksum+reserved] [key] [sequence]
     * ERSPAN type II (0x88be, with S set): 8-byte ERSPAN header, then the mirrored Ethernet frame.
     * ERSPAN type III (0x22eb): 12-byte header, plus an 8-byte platform subheader when O is set.
     */
    private NetKind gre(ByteBuffer b, int p, int end) {
        if (++depth > MAX_ENCAPSULATION_DEPTH || end - p < 4) {
            return NetKind.OTHER;
        }
        int flags = b.getShort(p) & 0xffff;
        int type = b.getShort(p + 2) & 0xffff;
        int q = p + 4;
        if ((flags & 0x8000) != 0) {
            q += 4;
        }
        if ((flags & 0x2000) != 0) {
            q += 4;
        }
        if ((flags & 0x1000) != 0) {
            q += 4;
        }
        if (q > end) {
            return NetKind.OTHER;
        }
        switch (type) {
            case ETHERTYPE_ERSPAN_II:
                if (end - q < 8) {
                    return NetKind.OTHER;
                }
                return ethernet(b, q + 8, end);
            case ETHERTYPE_ERSPAN_III: {
                if (end - q < 12) {
                    return NetKind.OTHER;
                }
                boolean platform = (b.get(q + 11) & 0x01) != 0;
                return ethernet(b, q + 12 + (platform ? 8 : 0), end);
            }
            case ETHERTYPE_TEB:
                return ethernet(b, q, end);
            case ETHERTYPE_IPV4:
                return ipv4(b, q, end);
            case ETHERTYPE_IPV6:
                return ipv6(b, q, end);
            default:
                return NetKind.OTHER;
        }
    }

    /**
     * ICMP destination unreachable (3), time exceeded (11), parameter problem (12) and ICMPv6
     * errors (1..4) quote the offending datagram; when it was UDP, the quoted addresses, ports
     * and whatever payload was quoted go to the {@link Datagram}.
     */
    private NetKind icmp(ByteBuffer b, int proto, int p, int end) {
        if (end - p < 8 || depth > 0) {
            return NetKind.OTHER;
        }
        int type = b.get(p) & 0xff;
        boolean error = proto == IP_PROTO_ICMP ? (type == 3 || type == 11 || type == 12) : (type >= 1 && type <= 4);
        if (!error) {
            return NetKind.OTHER;
        }
        depth++;
        out.icmpType = type;
        out.icmpCode = b.get(p + 1) & 0xff;
        out.icmpVersion = proto == IP_PROTO_ICMP ? 4 : 6;
        Datagram saved = out;
        // The quoted datagram replaces the outer addresses: what matters is the flow it belongs to.
        NetKind inner = proto == IP_PROTO_ICMP ? ipv4Quoted(b, p + 8, end) : ipv6Quoted(b, p + 8, end);
        out = saved;
        return inner == NetKind.UDP ? NetKind.ICMP_ERROR : NetKind.OTHER;
    }

    private NetKind ipv4Quoted(ByteBuffer b, int p, int end) {
        if (end - p < 20 || (b.get(p) & 0xf0) != 0x40) {
            return NetKind.OTHER;
        }
        int ihl = (b.get(p) & 0x0f) * 4;
        if (ihl < 20 || p + ihl + UDP_HEADER_BYTES > end || (b.get(p + 9) & 0xff) != IP_PROTO_UDP) {
            return NetKind.OTHER;
        }
        b.get(p + 12, out.src, 0, 4);
        b.get(p + 16, out.dst, 0, 4);
        out.ipVersion = 4;
        return quotedUdp(b, p + ihl, end);
    }

    private NetKind ipv6Quoted(ByteBuffer b, int p, int end) {
        if (end - p < 40 + UDP_HEADER_BYTES || (b.get(p) & 0xf0) != 0x60 || (b.get(p + 6) & 0xff) != IP_PROTO_UDP) {
            return NetKind.OTHER;
        }
        b.get(p + 8, out.src, 0, 16);
        b.get(p + 24, out.dst, 0, 16);
        out.ipVersion = 6;
        return quotedUdp(b, p + 40, end);
    }

    private NetKind quotedUdp(ByteBuffer b, int p, int end) {
        out.srcPort = b.getShort(p) & 0xffff;
        out.dstPort = b.getShort(p + 2) & 0xffff;
        out.payloadFrameOffset = p + UDP_HEADER_BYTES - frame.data.position();
        b.limit(end);
        b.position(p + UDP_HEADER_BYTES);
        out.payload = b;
        return NetKind.UDP;
    }

    private NetKind malformed(String code, int offset, String detail) {
        diagnostic = new Diagnostic(code, offset, detail);
        return NetKind.MALFORMED;
    }
}
