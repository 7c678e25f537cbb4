package org.ikescope.dissector.pipeline;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Set;
import org.ikescope.dissector.capture.Frame;
import org.ikescope.dissector.capture.PacketSource;
import org.ikescope.dissector.event.CaptureStats;
import org.ikescope.dissector.event.DissectionListener;
import org.ikescope.dissector.event.EspEvent;
import org.ikescope.dissector.event.FrameEvent;
import org.ikescope.dissector.event.IncompleteFragmentsEvent;
import org.ikescope.dissector.event.MessageEvent;
import org.ikescope.dissector.isakmp.IncompleteIkeFragments;
import org.ikescope.dissector.isakmp.IsakmpDecoder;
import org.ikescope.dissector.isakmp.IsakmpMessage;
import org.ikescope.dissector.isakmp.SaContext;
import org.ikescope.dissector.isakmp.SaContextTable;
import org.ikescope.dissector.model.Diagnostic;
import org.ikescope.dissector.model.Endpoint;
import org.ikescope.dissector.net.Datagram;
import org.ikescope.dissector.net.IpReassembler;
import org.ikescope.dissector.net.NetDecoder;
import org.ikescope.dissector.net.NetKind;

/**
 * The dissection pipeline: frames from a {@link PacketSource}, through link/IP/UDP, to ISAKMP
 * messages, ESP packets and NAT-T keepalives for a {@link DissectionListener}, with every frame
 * counted in {@link CaptureStats}. One instance per capture timeline (it keeps per-SA context
 * and fragments across files when reused).
 *
 * <p>Fragment sets (IP and IKE) that never complete are reported as
 * {@link IncompleteFragmentsEvent}s: when dropped during the run (timeout, caps) and, for those
 * still waiting, at the end of each {@link #run}. A set reported at the end of one file is not
 * reported again; should the next file of a reused instance complete it, the message still comes.
 */
public final class Dissector {
    public static final int IKE_PORT = 500;
    public static final int NATT_PORT = 4500;
    /** RFC 3948 section 2.2: four zero octets where an ESP SPI would be. */
    static final int NON_ESP_MARKER_BYTES = 4;
    static final int ESP_HEADER_BYTES = 8;
    /** Cisco-style IKE fragmentation payload type. */
    static final int FRAGMENT_PAYLOAD = 132;
    static final int UDP_PROTOCOL = 17;
    static final int UDP_HEADER_BYTES = 8;
    /** SAs with an IKE fragment set waiting for its timeout check; past it the end-of-run sweep still reports them. */
    static final int MAX_FRAGMENT_WATCH = 65536;

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
    private final SaContextTable contexts = new SaContextTable();
    /** SAs that started an IKE fragment set, roughly oldest first, for the timeout (see {@link #expireIkeFragments}). */
    private final ArrayDeque<SaContext> fragmentWatch = new ArrayDeque<>();
    /** {@link IpReassembler#dropped()} when its dropped sets were last drained. */
    private long reassemblerDropped;
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
        this.isakmp = new IsakmpDecoder(contexts);
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
        long evictedBefore = contexts.evicted();
        while (source.next(frame)) {
            stats.frames++;
            expireFragments(file, listener, frame.timestampNanos);
            frameStart = frame.data.position();
            int frameEnd = frame.data.limit();
            stats.bytes += frameEnd - frameStart;
            ByteBuffer frameBuf = frame.data;
            NetKind kind = net.decode(frame, datagram);
            if (reassembler != null && reassembler.dropped() != reassemblerDropped) {
                reassemblerDropped = reassembler.dropped();
                ipSets(file, stats, listener, reassembler.drainIncompleteSets());
            }
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
        pendingFragments(file, stats, listener);
        stats.saContextsEvicted = contexts.evicted() - evictedBefore;
        return stats;
    }

    // ---------------------------------------------------------------- incomplete fragment sets

    /** Drops the IP and IKE fragment sets that waited too long by {@code now} (capture time). */
    private void expireFragments(String file, DissectionListener listener, long now) {
        if (reassembler != null) {
            reassembler.expire(now);
        }
        expireIkeFragments(now);
        ikeSetsDropped(file, listener);
    }

    /**
     * The IKE half of the timeout. Contexts enter the queue when they start a set, so the head is
     * (nearly) the oldest; a context with sets left after its check goes to the back. One peek per
     * frame when nothing is due.
     */
    private void expireIkeFragments(long now) {
        SaContext sa;
        while ((sa = fragmentWatch.peekFirst()) != null) {
            long oldest = sa.oldestFragmentNanos();
            if (oldest != Long.MAX_VALUE && now - oldest <= SaContext.FRAGMENT_TIMEOUT_NANOS) {
                return;
            }
            fragmentWatch.pollFirst();
            sa.expireFragments(now);
            if (sa.hasPendingFragments() && sa.oldestFragmentNanos() != Long.MAX_VALUE) {
                fragmentWatch.addLast(sa);
            }
        }
    }

    private void ikeSetsDropped(String file, DissectionListener listener) {
        if (contexts.hasDroppedFragmentSets()) {
            for (IncompleteIkeFragments f : contexts.drainDroppedFragmentSets()) {
                ikeSet(file, listener, f);
            }
        }
    }

    /** At the end of a run: every set still waiting, reported once. */
    private void pendingFragments(String file, CaptureStats stats, DissectionListener listener) {
        if (reassembler != null) {
            ipSets(file, stats, listener, reassembler.drainIncompleteSets());
            ipSets(file, stats, listener, reassembler.takePendingSets());
            reassemblerDropped = reassembler.dropped();
        }
        ikeSetsDropped(file, listener);
        for (SaContext sa : contexts.withPendingFragments()) {
            for (IncompleteIkeFragments f : sa.takePendingFragmentSets()) {
                ikeSet(file, listener, f);
            }
        }
    }

    private void ikeSet(String file, DissectionListener listener, IncompleteIkeFragments f) {
        listener.incompleteFragments(new IncompleteFragmentsEvent(file, IncompleteFragmentsEvent.IKE, f.src(), f.dst(),
                f.initiatorCookie(), f.frames(), f.firstNanos(), f.lastNanos(), f.bytes(), f.reason()));
    }

    /**
     * IP sets: every one counts in {@code fragmentsIncomplete}; those that may carry IKE (UDP, and
     * when the first fragment came, an IKE or NAT-T port and not ESP in UDP) become events.
     */
    private void ipSets(String file, CaptureStats stats, DissectionListener listener, List<IpReassembler.IncompleteSet> sets) {
        for (IpReassembler.IncompleteSet s : sets) {
            stats.fragmentsIncomplete += s.frames().size();
            if (s.protocol() != UDP_PROTOCOL) {
                continue;
            }
            byte[] h = s.head();
            int srcPort = 0;
            int dstPort = 0;
            long cookie = 0;
            if (h.length >= UDP_HEADER_BYTES) {
                ByteBuffer b = ByteBuffer.wrap(h);
                srcPort = b.getShort(0) & 0xffff;
                dstPort = b.getShort(2) & 0xffff;
                boolean natt = options.nattPorts().contains(srcPort) || options.nattPorts().contains(dstPort);
                boolean ike = options.ikePorts().contains(srcPort) || options.ikePorts().contains(dstPort);
                int at = UDP_HEADER_BYTES;
                if (natt) {
                    if (h.length >= at + NON_ESP_MARKER_BYTES && b.getInt(at) != 0) {
                        continue; // ESP in UDP
                    }
                    at += NON_ESP_MARKER_BYTES;
                } else if (!ike) {
                    continue;
                }
                if (h.length >= at + Long.BYTES) {
                    cookie = b.getLong(at);
                }
            }
            listener.incompleteFragments(new IncompleteFragmentsEvent(file, IncompleteFragmentsEvent.IP,
                    new Endpoint(s.src(), srcPort), new Endpoint(s.dst(), dstPort), cookie, s.frames(), s.firstNanos(),
                    s.lastNanos(), s.bytesReceived(), s.reason()));
        }
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
                emit(file, stats, listener, duplicateOf, true, -1, -1, true);
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
            emit(file, stats, listener, duplicateOf, false, -1, -1, true);
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

    private void emit(String file, CaptureStats stats, DissectionListener listener, long duplicateOf, boolean marker,
                      int icmpType, int icmpCode, boolean countFrame) {
        Datagram d = datagram;
        int offset = d.reassembled ? -1 : d.payload.position() - frameStart;
        Endpoint src = endpoint(d.src, d, d.srcPort);
        Endpoint dst = endpoint(d.dst, d, d.dstPort);
        IsakmpMessage msg = isakmp.decode(d.payload, frame.number, src.hashCode());
        if (msg.has(FRAGMENT_PAYLOAD) && icmpType < 0) {
            // The decoder keeps fragments by frame number; the set learns its times and peers here.
            SaContext sa = contexts.find(msg.initiatorCookie());
            if (sa != null && sa.fragmentSeen(frame.number, frame.timestampNanos, src, dst)
                    && fragmentWatch.size() < MAX_FRAGMENT_WATCH) {
                fragmentWatch.addLast(sa);
            }
        }
        ikeSetsDropped(file, listener);
        if (countFrame) {
            count(stats, duplicateOf, msg.malformed() ? Category.MALFORMED : Category.ISAKMP);
        }
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
