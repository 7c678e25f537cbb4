package org.ikescope.dissector.capture;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Writes small classic pcap and pcapng files for reader tests, in either byte order. Only what the
 * tests need; field layouts as in {@link PcapReader} and {@link PcapngReader}.
 */
final class CaptureWriter {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private ByteOrder order;

    private CaptureWriter(ByteOrder order) {
        this.order = order;
    }

    byte[] bytes() {
        return out.toByteArray();
    }

    private ByteBuffer buf(int n) {
        return ByteBuffer.allocate(n).order(order);
    }

    private void put(ByteBuffer b) {
        out.write(b.array(), 0, b.position());
    }

    // ---- classic pcap

    /** A classic pcap file header; {@code nanos} selects the 0xa1b23c4d magic. */
    static CaptureWriter pcap(ByteOrder order, boolean nanos, int linkType) {
        CaptureWriter w = new CaptureWriter(order);
        ByteBuffer b = w.buf(24);
        b.putInt(nanos ? 0xa1b23c4d : 0xa1b2c3d4).putShort((short) 2).putShort((short) 4).putInt(0).putInt(0)
                .putInt(262144).putInt(linkType);
        w.put(b);
        return w;
    }

    CaptureWriter record(long sec, long frac, byte[] data) {
        return record(sec, frac, data, data.length);
    }

    CaptureWriter record(long sec, long frac, byte[] data, int originalLength) {
        ByteBuffer b = buf(16);
        b.putInt((int) sec).putInt((int) frac).putInt(data.length).putInt(originalLength);
        put(b);
        out.write(data, 0, data.length);
        return this;
    }

    // ---- pcapng

    /** Starts a pcapng file with a section header in {@code order}. */
    static CaptureWriter pcapng(ByteOrder order) {
        return new CaptureWriter(order).section(order);
    }

    /** Another Section Header Block (it may switch the byte order); interfaces start again at 0. */
    CaptureWriter section(ByteOrder newOrder) {
        this.order = newOrder;
        ByteBuffer body = buf(16);
        body.putInt(0x1A2B3C4D).putShort((short) 1).putShort((short) 0).putLong(-1L);
        return block(0x0A0D0D0A, body);
    }

    /** Interface Description Block; {@code tsresol} &lt; 0 means no if_tsresol option (microseconds). */
    CaptureWriter interfaceBlock(int linkType, int snapLen, int tsresol) {
        ByteBuffer body = buf(32);
        body.putShort((short) linkType).putShort((short) 0).putInt(snapLen);
        if (tsresol >= 0) {
            body.putShort((short) 9).putShort((short) 1).put((byte) tsresol).put(new byte[3]);
        }
        body.putShort((short) 0).putShort((short) 0); // opt_endofopt
        return block(0x00000001, body);
    }

    /** Enhanced Packet Block; {@code ts} in the interface's units. */
    CaptureWriter enhancedPacket(int iface, long ts, byte[] data) {
        ByteBuffer body = buf(20 + pad(data.length));
        body.putInt(iface).putInt((int) (ts >>> 32)).putInt((int) ts).putInt(data.length).putInt(data.length);
        body.put(data).position(20 + pad(data.length));
        return block(0x00000006, body);
    }

    /** Simple Packet Block (interface 0, no timestamp). */
    CaptureWriter simplePacket(byte[] data) {
        ByteBuffer body = buf(4 + pad(data.length));
        body.putInt(data.length).put(data).position(4 + pad(data.length));
        return block(0x00000003, body);
    }

    /** The obsolete Packet Block (16-bit interface id and drops count). */
    CaptureWriter packetBlock(int iface, long ts, byte[] data) {
        ByteBuffer body = buf(20 + pad(data.length));
        body.putShort((short) iface).putShort((short) 0).putInt((int) (ts >>> 32)).putInt((int) ts)
                .putInt(data.length).putInt(data.length);
        body.put(data).position(20 + pad(data.length));
        return block(0x00000002, body);
    }

    /** A block the reader must skip (e.g. Name Resolution 4, Interface Statistics 5). */
    CaptureWriter otherBlock(int type, int bodyBytes) {
        ByteBuffer body = buf(pad(bodyBytes));
        body.position(pad(bodyBytes));
        return block(type, body);
    }

    private CaptureWriter block(int type, ByteBuffer body) {
        int len = 12 + body.position();
        ByteBuffer b = buf(len);
        b.putInt(type).putInt(len).put(body.array(), 0, body.position()).putInt(len);
        put(b);
        return this;
    }

    private static int pad(int n) {
        return (n + 3) & ~3;
    }
}
