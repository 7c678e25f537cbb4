package org.ikescope.dissector.net;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import org.ikescope.dissector.model.Addresses;

/**
 * The UDP datagram a frame carried, as a reusable holder filled by {@link NetDecoder}. Addresses
 * are raw bytes (4 for IPv4, 16 for IPv6); the payload is a window, not a copy.
 */
public final class Datagram {
    /** 4 or 6. */
    public int ipVersion;
    public final byte[] src = new byte[16];
    public final byte[] dst = new byte[16];
    public int srcPort;
    public int dstPort;
    /** UDP payload: [position, limit). For a reassembled datagram, a window on the reassembly buffer. */
    public ByteBuffer payload;
    /** Offset of the UDP payload from the start of the frame (-1 when reassembled from fragments). */
    public int payloadFrameOffset;
    /** Offset in the frame of the innermost IP header (-1 when none): the duplicate detector hashes from here. */
    public int ipOffset;
    /** Outermost VLAN id, or -1 when untagged. */
    public int vlan;
    /** True when IP fragments were reassembled to produce this datagram. */
    public boolean reassembled;
    /** First frame number of the fragment set, when reassembled. */
    public long firstFragmentFrame;
    /** Frames of the IP fragments, in arrival order, when reassembled; else empty. */
    public List<Long> fragmentFrames = List.of();
    /** Number of IP fragments the datagram arrived in (1 when not fragmented). */
    public int fragmentCount;
    /** ICMP error that quoted this datagram (type, code, 4 or 6), when {@link NetKind#ICMP_ERROR}. */
    public int icmpType;
    public int icmpCode;
    public int icmpVersion;

    public int addressLength() {
        return ipVersion == 6 ? 16 : 4;
    }

    public byte[] srcAddress() {
        return Arrays.copyOf(src, addressLength());
    }

    public byte[] dstAddress() {
        return Arrays.copyOf(dst, addressLength());
    }

    public String srcString() {
        return Addresses.format(src, addressLength());
    }

    public String dstString() {
        return Addresses.format(dst, addressLength());
    }

    /**
     * For a reassembled datagram: how many bytes a later overlapping fragment gave differently
     * (the first copy stands), and the first frame that did; 0 when the copies agreed.
     */
    public int overlapConflicts;
    public long overlapConflictFrame;

    void reset() {
        overlapConflicts = 0;
        overlapConflictFrame = 0;
        ipVersion = 0;
        srcPort = 0;
        dstPort = 0;
        payload = null;
        payloadFrameOffset = -1;
        vlan = -1;
        ipOffset = -1;
        reassembled = false;
        firstFragmentFrame = 0;
        fragmentCount = 1;
        fragmentFrames = List.of();
        icmpType = -1;
        icmpCode = -1;
        icmpVersion = 0;
    }
}
