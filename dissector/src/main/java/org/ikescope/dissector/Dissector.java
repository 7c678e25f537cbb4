package org.ikescope.dissector;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Set;
import org.ikescope.dissector.capture.Frame;
import org.ikescope.dissector.capture.PacketSource;
import org.ikescope.dissector.isakmp.IsakmpDecoder;
import org.ikescope.dissector.isakmp.IsakmpMessage;
import org.ikescope.dissector.isakmp.SaContextTable;
import org.ikescope.dissector.net.Datagram;
import org.ikescope.dissector.net.IpReassembler;
import org.ikescope.dissector.net.NetDecoder;
import org.ikescope.dissector.net.NetKind;

/**
 * The dissection pipeline: frames from a {@link PacketSource}, through link/IP/UDP, to ISAKMP
 * messages, ESP packets and NAT-T keepalives for a {@link DissectionListener}, with every frame
 * counted in {@link CaptureStats}. One instance per capture timeline (it keeps per-SA context
 * and fragments across files when reused).
 */
public final class Dissector {
    public static final int IKE_PORT = 500;
    public static final int NATT_PORT = 4500;
    /** RFC 3948 section 2.2: four zero octets where an ESP SPI would be. */
    static final int NON_ESP_MARKER_BYTES = 4;
    static final int ESP_HEADER_BYTES = 8;
    /** Cisco-style IKE fragmentation payload type. */
    static final int FRAGMENT_PAYLOAD = 132;

    /**
     * @param ikePorts        UDP ports that carry plain ISAKMP (500 and any added with --ike-port)
     * @param nattPorts       UDP ports with RFC 3948 encapsulation (4500)
     * @param detectDuplicates mark exact SPAN duplicates (counted as {@code duplicates})
     */
    public record Options(Set<Integer> ikePorts, Set<Integer> nattPorts, boolean detectDuplicates) {
        public static Options defaults() {
            return new Options(Set.of(IKE_PORT), Set.of(NATT_PORT), true);
        }
    }

    private final Options options;
    private final NetDecoder net;
    private final IpReassembler reassembler;
    private final IsakmpDecoder isakmp;
    private final DuplicateDetector duplicates = new DuplicateDetector(DuplicateDetector.DEFAULT_WINDOW_NANOS);
    private final Frame frame = new Frame();
    private final Datagram datagram = new Datagram();
    /** Where the current frame's bytes start in its buffer (the decoders move the buffer's position). */
    private int frameStart;
    private long firstTimestamp = Long.MIN_VALUE;
    private boolean timestampsAdvance;

    public Dissector(Options options) {
        this(options, IpReassemblers.standard());
    }

    public Dissector(Options options, IpReassembler reassembler) {
        this.options = options;
        this.reassembler = reassembler;
        this.net = new NetDecoder(reassembler);
        this.isakmp = new IsakmpDecoder(new SaContextTable());
    }

    /** The ISAKMP decoder (and through it the per-SA contexts) this pipeline uses. */
    public IsakmpDecoder isakmpDecoder() {
        return isakmp;
    }

    /**
     * Reads {@code source} to its end (or its first damage; see {@link PacketSource#error()}) and
     * reports to {@code listener}.
     *
     * @return this capture's frame accounting
     */
    public CaptureStats run(PacketSource source, DissectionListener listener) throws IOException {
        CaptureStats stats = new CaptureStats();
        String file = source.name();
        while (source.next(frame)) {
            stats.frames++;
            frameStart = frame.data.position();
            int frameEnd = frame.data.limit();
            stats.bytes += frameEnd - frameStart;
            ByteBuffer frameBuf = frame.data;
            NetKind kind = net.decode(frame, datagram);
            if (datagram.vlan >= 0) {
                stats.vlanTagged++;
            }
            if (datagram.ipVersion == 6) {
                stats.ipv6++;
            }
            long duplicateOf = 0;
            if (firstTimestamp == Long.MIN_VALUE) {
                firstTimestamp = frame.timestampNanos;
            } else if (frame.timestampNanos != firstTimestamp) {
                timestampsAdvance = true;
            }
            // Copies are recognised by time as well as bytes; a capture whose timestamps never move
            // (some test captures have all zero) cannot tell a SPAN copy from a retransmission.
            if (options.detectDuplicates() && timestampsAdvance && datagram.ipOffset >= 0 && kind != NetKind.MALFORMED) {
                // The decoders narrowed the frame buffer to the UDP payload; widen it for the hash, then restore.
                int pos = frameBuf.position();
                int lim = frameBuf.limit();
                frameBuf.limit(frameEnd);
                duplicateOf = duplicates.check(frameBuf, frameStart + datagram.ipOffset, frameEnd, frame.timestampNanos, frame.number);
                frameBuf.limit(lim);
                frameBuf.position(pos);
            }
            switch (kind) {
                case MALFORMED -> {
                    stats.malformed++;
                    listener.frame(new FrameEvent(file, frame.number, frame.timestampNanos, FrameEvent.MALFORMED,
                            null, null, net.diagnostic()));
                }
                case IP_FRAGMENT -> {
                    if (duplicateOf != 0) {
                        stats.duplicates++;
                    } else {
                        stats.fragments++;
                    }
                }
                case ESP -> {
                    count(stats, duplicateOf, Category.ESP);
                    if (duplicateOf == 0) {
                        esp(file, false, listener);
                    }
                }
                case OTHER -> count(stats, duplicateOf, Category.OTHER);
                case ICMP_ERROR -> {
                    count(stats, duplicateOf, Category.OTHER);
                    stats.icmpErrors++;
                    icmpError(file, stats, listener, duplicateOf);
                }
                case UDP -> udp(file, stats, listener, duplicateOf);
                default -> throw new IllegalStateException("unhandled " + kind);
            }
        }
        return stats;
    }

    private enum Category { ISAKMP, ESP, KEEPALIVE, OTHER, MALFORMED }

    private static void count(CaptureStats stats, long duplicateOf, Category c) {
        if (duplicateOf != 0) {
            stats.duplicates++;
            return;
        }
        switch (c) {
            case ISAKMP -> stats.isakmp++;
            case ESP -> stats.esp++;
            case KEEPALIVE -> stats.natKeepalive++;
            case OTHER -> stats.other++;
            case MALFORMED -> stats.malformed++;
            default -> throw new IllegalStateException();
        }
    }

    private boolean isNatt(Datagram d) {
        return options.nattPorts().contains(d.srcPort) || options.nattPorts().contains(d.dstPort);
    }

    private boolean isIke(Datagram d) {
        return options.ikePorts().contains(d.srcPort) || options.ikePorts().contains(d.dstPort);
    }

    private void udp(String file, CaptureStats stats, DissectionListener listener, long duplicateOf) {
        Datagram d = datagram;
        ByteBuffer p = d.payload;
        int len = p.remaining();
        int at = p.position();
        if (d.reassembled) {
            stats.ipReassembled++;
        }
        if (isNatt(d)) {
            if (len == 1 && (p.get(at) & 0xff) == 0xff) {
                count(stats, duplicateOf, Category.KEEPALIVE);
                if (duplicateOf == 0) {
                    listener.frame(new FrameEvent(file, frame.number, frame.timestampNanos, FrameEvent.NAT_KEEPALIVE,
                            endpoint(d.src, d, d.srcPort), endpoint(d.dst, d, d.dstPort), null));
                }
                return;
            }
            if (len >= NON_ESP_MARKER_BYTES && p.getInt(at) == 0) {
                p.position(at + NON_ESP_MARKER_BYTES);
                isakmpMessage(file, stats, listener, duplicateOf, true, -1, -1);
                return;
            }
            if (len >= ESP_HEADER_BYTES) {
                count(stats, duplicateOf, Category.ESP);
                if (duplicateOf == 0) {
                    esp(file, true, listener);
                }
                return;
            }
            count(stats, duplicateOf, Category.MALFORMED);
            listener.frame(new FrameEvent(file, frame.number, frame.timestampNanos, FrameEvent.MALFORMED,
                    endpoint(d.src, d, d.srcPort), endpoint(d.dst, d, d.dstPort),
                    new Diagnostic("udpencap.truncated", Math.max(d.payloadFrameOffset, 0),
                            "UDP-encapsulated payload: " + len + " bytes (expected: 1 for a keepalive, >= 8 for ESP or the non-ESP marker and ISAKMP)")));
            return;
        }
        if (isIke(d)) {
            isakmpMessage(file, stats, listener, duplicateOf, false, -1, -1);
            return;
        }
        count(stats, duplicateOf, Category.OTHER);
    }

    private void icmpError(String file, CaptureStats stats, DissectionListener listener, long duplicateOf) {
        Datagram d = datagram;
        ByteBuffer p = d.payload;
        boolean marker = false;
        if (isNatt(d)) {
            if (p.remaining() < NON_ESP_MARKER_BYTES || p.getInt(p.position()) != 0) {
                return;
            }
            p.position(p.position() + NON_ESP_MARKER_BYTES);
            marker = true;
        } else if (!isIke(d)) {
            return;
        }
        if (p.remaining() < IsakmpMessage.HEADER_BYTES) {
            return;
        }
        emit(file, stats, listener, duplicateOf, marker, d.icmpType, d.icmpCode, false);
    }

    private void isakmpMessage(String file, CaptureStats stats, DissectionListener listener, long duplicateOf,
                               boolean marker, int icmpType, int icmpCode) {
        emit(file, stats, listener, duplicateOf, marker, icmpType, icmpCode, true);
    }

    private void emit(String file, CaptureStats stats, DissectionListener listener, long duplicateOf, boolean marker,
                      int icmpType, int icmpCode, boolean countFrame) {
        Datagram d = datagram;
        int offset = d.reassembled ? -1 : d.payload.position() - frameStart;
        IsakmpMessage msg = isakmp.decode(d.payload, frame.number);
        if (countFrame) {
            count(stats, duplicateOf, msg.malformed() ? Category.MALFORMED : Category.ISAKMP);
        }
        Endpoint src = endpoint(d.src, d, d.srcPort);
        Endpoint dst = endpoint(d.dst, d, d.dstPort);
        List<Long> ipFrames = d.reassembled ? d.fragmentFrames : List.of();
        stats.messages++;
        if (msg.has(FRAGMENT_PAYLOAD)) {
            stats.ikeFragments++;
        }
        listener.message(new MessageEvent(file, frame.number, frame.timestampNanos, src, dst, marker, msg, d.vlan,
                d.fragmentCount, ipFrames, List.of(), duplicateOf, icmpType, icmpCode, offset));
        IsakmpMessage whole = isakmp.reassembled();
        if (whole != null && icmpType < 0) {
            stats.messages++;
            listener.message(new MessageEvent(file, frame.number, frame.timestampNanos, src, dst, marker, whole, d.vlan,
                    d.fragmentCount, ipFrames, isakmp.reassembledFrames(), duplicateOf, icmpType, icmpCode, -1));
        }
    }

    private void esp(String file, boolean udp, DissectionListener listener) {
        Datagram d = datagram;
        ByteBuffer p = d.payload;
        int at = p.position();
        int len = p.remaining();
        int spi = len >= 4 ? p.getInt(at) : 0;
        long seq = len >= 8 ? p.getInt(at + 4) & 0xffffffffL : 0;
        listener.esp(new EspEvent(file, frame.number, frame.timestampNanos, endpoint(d.src, d, udp ? d.srcPort : 0),
                endpoint(d.dst, d, udp ? d.dstPort : 0), udp, spi, seq, len));
    }

    private static Endpoint endpoint(byte[] addr, Datagram d, int port) {
        byte[] a = new byte[d.addressLength()];
        System.arraycopy(addr, 0, a, 0, a.length);
        return new Endpoint(a, port);
    }
}
