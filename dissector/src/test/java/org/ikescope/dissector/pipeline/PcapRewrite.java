package org.ikescope.dissector.pipeline;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Copies a little-endian classic pcap of Ethernet/IPv4/UDP frames with one frame's UDP payload
 * replaced (test helper): how a test makes "the same exchange, but this message sent otherwise"
 * from a real capture. The IPv4 total length and header checksum and the UDP length are
 * rewritten; the UDP checksum is set to zero (none, which IPv4 allows: RFC 768).
 */
public final class PcapRewrite {
    private static final int GLOBAL_HEADER = 24;
    private static final int RECORD_HEADER = 16;
    private static final int ETHERNET_HEADER = 14;
    private static final int UDP_HEADER = 8;

    private PcapRewrite() {
    }

    /** Writes {@code in} to {@code out} with the UDP payload of the 1-based {@code frame} replaced by {@code payload}. */
    public static void replaceUdpPayload(Path in, Path out, long frame, byte[] payload) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(in)).order(ByteOrder.LITTLE_ENDIAN);
        if (b.getInt(0) != 0xa1b2c3d4 || b.getInt(20) != 1) {
            throw new IOException(in + ": not a little-endian classic pcap of Ethernet frames");
        }
        ByteArrayOutputStream o = new ByteArrayOutputStream(b.capacity() + payload.length);
        o.write(b.array(), 0, GLOBAL_HEADER);
        int at = GLOBAL_HEADER;
        long n = 0;
        while (at + RECORD_HEADER <= b.capacity()) {
            int captured = b.getInt(at + 8);
            int end = at + RECORD_HEADER + captured;
            if (++n != frame) {
                o.write(b.array(), at, end - at);
            } else {
                byte[] f = rewrite(b.array(), at + RECORD_HEADER, captured, payload);
                ByteBuffer h = ByteBuffer.allocate(RECORD_HEADER).order(ByteOrder.LITTLE_ENDIAN);
                h.putInt(b.getInt(at)).putInt(b.getInt(at + 4)).putInt(f.length).putInt(f.length);
                o.write(h.array());
                o.write(f);
            }
            at = end;
        }
        Files.write(out, o.toByteArray());
    }

    private static byte[] rewrite(byte[] data, int start, int length, byte[] payload) throws IOException {
        int ip = start + ETHERNET_HEADER;
        int ihl = (data[ip] & 0x0f) * 4;
        if ((data[ip] & 0xf0) != 0x40 || data[ip + 9] != 17) {
            throw new IOException("frame is not IPv4/UDP");
        }
        int headers = ETHERNET_HEADER + ihl + UDP_HEADER;
        ByteBuffer f = ByteBuffer.allocate(headers + payload.length);
        f.put(data, start, headers).put(payload);
        int ipAt = ETHERNET_HEADER;
        f.putShort(ipAt + 2, (short) (ihl + UDP_HEADER + payload.length));
        f.putShort(ipAt + 10, (short) 0);
        int sum = 0;
        for (int i = 0; i < ihl; i += 2) {
            sum += f.getShort(ipAt + i) & 0xffff;
        }
        while (sum > 0xffff) {
            sum = (sum & 0xffff) + (sum >>> 16);
        }
        f.putShort(ipAt + 10, (short) ~sum);
        f.putShort(ipAt + ihl + 4, (short) (UDP_HEADER + payload.length));
        f.putShort(ipAt + ihl + 6, (short) 0);
        return f.array();
    }
}
