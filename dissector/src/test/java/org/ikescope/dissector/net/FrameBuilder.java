package org.ikescope.dissector.net;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import org.ikescope.dissector.capture.Frame;

/**
 * Builds link/IP/UDP headers for tests, from the inside out: each method wraps a payload in one
 * more header. Checksums are left zero (the decoder does not check them, as on offloading NICs).
 */
final class FrameBuilder {
    static final byte[] V4_A = {(byte) 192, 0, 2, 1};
    static final byte[] V4_B = {(byte) 198, 51, 100, 2};
    static final byte[] V6_A = v6(0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x41);
    static final byte[] V6_B = v6(0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x01, 0x31);

    private FrameBuilder() {
    }

    private static byte[] v6(int... b) {
        byte[] r = new byte[16];
        for (int i = 0; i < 16; i++) {
            r[i] = (byte) b[i];
        }
        return r;
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            o.write(p, 0, p.length);
        }
        return o.toByteArray();
    }

    static byte[] bytes(int... b) {
        byte[] r = new byte[b.length];
        for (int i = 0; i < b.length; i++) {
            r[i] = (byte) b[i];
        }
        return r;
    }

    /** RFC 768 header + payload. */
    static byte[] udp(int srcPort, int dstPort, byte[] payload) {
        return ByteBuffer.allocate(8 + payload.length).putShort((short) srcPort).putShort((short) dstPort)
                .putShort((short) (8 + payload.length)).putShort((short) 0).put(payload).array();
    }

    static byte[] ipv4(byte[] src, byte[] dst, int protocol, byte[] payload) {
        return ipv4(src, dst, protocol, payload, new byte[0], 0x1234, false, 0);
    }

    /**
     * RFC 791 header; {@code options} must be a multiple of 4 bytes. {@code fragOffset} in bytes
     * (multiple of 8); total length covers this fragment only.
     */
    static byte[] ipv4(byte[] src, byte[] dst, int protocol, byte[] payload, byte[] options, int id, boolean more, int fragOffset) {
        int ihl = 20 + options.length;
        ByteBuffer b = ByteBuffer.allocate(ihl + payload.length);
        b.put((byte) (0x40 | ihl / 4)).put((byte) 0).putShort((short) (ihl + payload.length));
        b.putShort((short) id).putShort((short) ((more ? 0x2000 : 0) | fragOffset / 8));
        b.put((byte) 64).put((byte) protocol).putShort((short) 0).put(src).put(dst).put(options).put(payload);
        return b.array();
    }

    /** RFC 8200 fixed header; {@code rest} holds extension headers and the upper layer. */
    static byte[] ipv6(byte[] src, byte[] dst, int nextHeader, byte[] rest) {
        return ByteBuffer.allocate(40 + rest.length).putInt(0x60000000).putShort((short) rest.length)
                .put((byte) nextHeader).put((byte) 64).put(src).put(dst).put(rest).array();
    }

    /** Hop-by-hop (0) or destination options (60) header, padded with PadN to {@code 8 * (hdrExtLen + 1)}. */
    static byte[] ipv6Options(int nextHeader, int hdrExtLen) {
        int len = 8 * (hdrExtLen + 1);
        byte[] h = new byte[len];
        h[0] = (byte) nextHeader;
        h[1] = (byte) hdrExtLen;
        h[2] = 1; // PadN
        h[3] = (byte) (len - 4);
        return h;
    }

    /** RFC 8200 section 4.5 fragment header; {@code offset} in bytes (multiple of 8). */
    static byte[] ipv6Fragment(int nextHeader, int offset, boolean more, int id) {
        return ByteBuffer.allocate(8).put((byte) nextHeader).put((byte) 0).putShort((short) (offset | (more ? 1 : 0)))
                .putInt(id).array();
    }

    /** Ethernet II with 802.1Q/802.1ad tags (outermost first); each tag is {tpid, vlan}. */
    static byte[] ethernet(int etherType, byte[] payload, int[]... tags) {
        ByteBuffer b = ByteBuffer.allocate(14 + 4 * tags.length + payload.length);
        b.put(bytes(0x02, 0, 0, 0, 0, 0xbb)).put(bytes(0x02, 0, 0, 0, 0, 0xaa));
        for (int[] t : tags) {
            b.putShort((short) t[0]).putShort((short) t[1]);
        }
        b.putShort((short) etherType).put(payload);
        return b.array();
    }

    /** Linux cooked capture v1 (LINKTYPE 113): protocol at offset 14. */
    static byte[] sll(int protocol, byte[] payload) {
        return ByteBuffer.allocate(16 + payload.length).putShort((short) 0).putShort((short) 1).putShort((short) 6)
                .put(bytes(0x02, 0, 0, 0, 0, 0xaa, 0, 0)).putShort((short) protocol).put(payload).array();
    }

    /** Linux cooked capture v2 (LINKTYPE 276): protocol at offset 0. */
    static byte[] sll2(int protocol, byte[] payload) {
        return ByteBuffer.allocate(20 + payload.length).putShort((short) protocol).putShort((short) 0).putInt(2)
                .putShort((short) 1).put((byte) 0).put((byte) 6).put(bytes(0x02, 0, 0, 0, 0, 0xaa, 0, 0)).put(payload).array();
    }

    /** BSD loopback: the address family in host (little-endian) or network byte order (LOOP). */
    static byte[] nullHeader(int family, boolean bigEndian, byte[] payload) {
        ByteBuffer b = ByteBuffer.allocate(4 + payload.length);
        b.putInt(bigEndian ? family : Integer.reverseBytes(family)).put(payload);
        return b.array();
    }

    /** GRE (RFC 2784/2890) with an optional sequence number (ERSPAN II sets S). */
    static byte[] gre(int protocol, boolean sequence, byte[] payload) {
        ByteBuffer b = ByteBuffer.allocate(4 + (sequence ? 4 : 0) + payload.length);
        b.putShort((short) (sequence ? 0x1000 : 0)).putShort((short) protocol);
        if (sequence) {
            b.putInt(7);
        }
        return b.put(payload).array();
    }

    /** ERSPAN type II header (8 bytes): version 1, VLAN, session id. */
    static byte[] erspan2(byte[] mirroredFrame) {
        return ByteBuffer.allocate(8 + mirroredFrame.length).putShort((short) (0x1000 | 10)).putShort((short) 0x0042)
                .putInt(0).put(mirroredFrame).array();
    }

    /** ERSPAN type III header (12 bytes), plus the 8-byte platform subheader when {@code platform}. */
    static byte[] erspan3(byte[] mirroredFrame, boolean platform) {
        ByteBuffer b = ByteBuffer.allocate(12 + (platform ? 8 : 0) + mirroredFrame.length);
        b.putShort((short) (0x2000 | 10)).putShort((short) 0x0042).putInt(0x01020304)
                .putShort((short) 0).put((byte) 0).put((byte) (platform ? 1 : 0));
        if (platform) {
            b.putLong(0x0807060504030201L);
        }
        return b.put(mirroredFrame).array();
    }

    /** ICMP (type, code) quoting {@code quoted} (an IP header and the start of its payload). */
    static byte[] icmp(int type, int code, byte[] quoted) {
        return ByteBuffer.allocate(8 + quoted.length).put((byte) type).put((byte) code).putShort((short) 0).putInt(0)
                .put(quoted).array();
    }

    /** A frame over {@code bytes} with the given link type. */
    static Frame frame(int linkType, byte[] bytes, long number, long timeNanos) {
        Frame f = new Frame();
        f.linkType = linkType;
        f.data = ByteBuffer.wrap(bytes);
        f.number = number;
        f.timestampNanos = timeNanos;
        f.originalLength = bytes.length;
        return f;
    }

    static Frame frame(int linkType, byte[] bytes) {
        return frame(linkType, bytes, 1, 0);
    }

    /** The datagram's payload bytes (a copy). */
    static byte[] payload(Datagram d) {
        byte[] r = new byte[d.payload.remaining()];
        d.payload.get(d.payload.position(), r);
        return r;
    }
}
