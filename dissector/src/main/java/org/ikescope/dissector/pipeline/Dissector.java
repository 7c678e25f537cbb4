package org.ikescope.dissector.pipeline;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.ikescope.api.plugin.FragmentKind;
import org.ikescope.api.plugin.Side;
import org.ikescope.dissector.capture.Frame;
import org.ikescope.dissector.capture.PacketSource;
import org.ikescope.dissector.event.CaptureStats;
import org.ikescope.dissector.event.DissectionListener;
import org.ikescope.dissector.event.EspCursor;
import org.ikescope.dissector.event.FrameEvent;
import org.ikescope.dissector.event.IncompleteFragmentsEvent;
import org.ikescope.dissector.event.MessageEvent;
import org.ikescope.dissector.isakmp.FragmentBody;
import org.ikescope.dissector.isakmp.IsakmpDecoder;
import org.ikescope.dissector.isakmp.IsakmpMessage;
import org.ikescope.dissector.isakmp.NatTraversalNumbering;
import org.ikescope.dissector.isakmp.Payload;
import org.ikescope.dissector.model.Diagnostic;
import org.ikescope.dissector.model.Endpoint;
import org.ikescope.dissector.net.Datagram;
import org.ikescope.dissector.net.IpReassembler;
import org.ikescope.dissector.net.NetDecoder;
import org.ikescope.dissector.net.NetKind;
import org.ikescope.dissector.keys.KeyMaterial;
import org.ikescope.dissector.session.Ikev1Decryptor;
import org.ikescope.dissector.session.KeyedSessions;
import org.ikescope.dissector.session.IncompleteIkeFragments;
import org.ikescope.dissector.session.SaSession;
import org.ikescope.dissector.session.SaSessions;

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
 *
 * <p>About 500 lines on purpose: the one frame loop, its options and its per-capture-point lanes
 * are the hot path and read best together; the work per layer is in {@code net}, {@code isakmp}
 * and {@code session}.
 */
public final class Dissector {
    public static final int IKE_PORT = 500;
    public static final int NATT_PORT = 4500;
    /** RFC 3948 section 2.2: four zero octets where an ESP SPI would be. */
    static final int NON_ESP_MARKER_BYTES = 4;
    static final int ESP_HEADER_BYTES = 8;
    static final int UDP_PROTOCOL = 17;
    static final int UDP_HEADER_BYTES = 8;

    /**
     * @param ikePorts        UDP ports that carry plain ISAKMP (500 and any added with --ike-port)
     * @param nattPorts       UDP ports with RFC 3948 encapsulation (4500)
     * @param detectDuplicates mark exact SPAN duplicates (counted as {@code duplicates})
     * @param sessions        bounds of the per-SA session table
     * @param keys            key material for decryption ({@link KeyMaterial#NONE}: none)
     */
    public record Options(Set<Integer> ikePorts, Set<Integer> nattPorts, boolean detectDuplicates,
                          SaSessions.Options sessions, KeyMaterial keys) {
        /** The default session table, no key material. */
        public Options(Set<Integer> ikePorts, Set<Integer> nattPorts, boolean detectDuplicates) {
            this(ikePorts, nattPorts, detectDuplicates, SaSessions.Options.defaults(), KeyMaterial.NONE);
        }

        /** No key material. */
        public Options(Set<Integer> ikePorts, Set<Integer> nattPorts, boolean detectDuplicates,
                       SaSessions.Options sessions) {
            this(ikePorts, nattPorts, detectDuplicates, sessions, KeyMaterial.NONE);
        }

        /**
         * These options with key material: encrypted IKEv1 messages are decrypted where it allows,
         * and the sessions keep the KE and nonce payloads the keys are derived from.
         */
        public Options withKeys(KeyMaterial k) {
            SaSessions.Options s = new SaSessions.Options(sessions.capacity(), sessions.idleTimeoutNanos(),
                    sessions.retainKeyExchange() || !k.isEmpty());
            return new Options(ikePorts, nattPorts, detectDuplicates, s, k);
        }

        public static Options defaults() {
            return new Options(Set.of(IKE_PORT), Set.of(NATT_PORT), true);
        }
    }

    /**
     * What is kept per capture point: link/IP decoding with its IP fragment reassembly, and SPAN
     * duplicate detection. Files read one after the other through {@link #run} (a rotated capture)
     * are one capture point; files merged on one timeline (frames carry their {@link Frame#source})
     * are one each. The per-SA sessions are shared: an SA seen at two capture points is one SA.
     */
    private static final class Lane {
        /** The file of the frame being read. */
        String file;
        final IpReassembler reassembler = IpReassemblers.standard();
        final NetDecoder net = new NetDecoder(reassembler);
        final DuplicateDetector duplicates = new DuplicateDetector(DuplicateDetector.DEFAULT_WINDOW_NANOS);
        /** {@link IpReassembler#dropped()} when its dropped sets were last drained. */
        long reassemblerDropped;
        long firstTimestamp = Long.MIN_VALUE;
        boolean timestampsAdvance;

        final String key;

        Lane(String key) {
            this.key = key;
            this.file = key;
        }
    }

    /** The lane of {@code frame}: its source's when it names one, else the one of sequential files. */
    private Lane lane(Frame f, String sourceName) {
        String key = f.source != null ? f.source : "";
        if (lane == null || !lane.key.equals(key)) {
            lane = lanes.get(key);
            if (lane == null) {
                lane = new Lane(key);
                lanes.put(key, lane);
                laneList.add(lane);
            }
        }
        lane.file = f.source != null ? f.source : sourceName;
        return lane;
    }

    private final Options options;
    /** Lanes by capture point ("" for files read one after the other), in order of first frame. */
    private final Map<String, Lane> lanes = new LinkedHashMap<>();
    /** The same lanes in the same order, walked per frame by index (no iterator per frame). */
    private final List<Lane> laneList = new ArrayList<>();
    private Lane lane;
    private final IsakmpDecoder isakmp = new IsakmpDecoder();
    private final SaSessions sessions;
    /** Decryption and the aggressive-mode PSK check; null without key material. */
    private final KeyedSessions keyed;
    /** Frames of the IKE fragments of a message being reassembled (reused). */
    private final List<Long> ikeFragmentFrames = new ArrayList<>();
    private final Frame frame = new Frame();
    private final Datagram datagram = new Datagram();
    /** The ESP packet reported (reused: no allocation per ESP frame). */
    private final EspCursor espCursor = new EspCursor();
    /** Where the current frame's bytes start in its buffer (the decoders move the buffer's position). */
    private int frameStart;

    public Dissector(Options options) {
        this.options = options;
        Options o = options.keys().isEmpty() ? options : options.withKeys(options.keys());
        this.sessions = new SaSessions(o.sessions());
        this.keyed = options.keys().isEmpty() ? null : new KeyedSessions(options.keys(), isakmp);
    }

    /** What the key material gave: keys per SA, aggressive-mode HASHes for a wordlist; null without key material. */
    public KeyedSessions keyed() {
        return keyed;
    }


    /** The per-SA sessions of this pipeline's timeline. */
    public SaSessions sessions() {
        return sessions;
    }

    /**
     * Reads {@code source} to its end (or its first damage; see {@link PacketSource#error()}) and
     * reports to {@code listener}. Events name the file of each frame: its {@link Frame#source}
     * when the source merges several files, else {@code source.name()}.
     *
     * @return this capture's frame accounting
     */
    public CaptureStats run(PacketSource source, DissectionListener listener) throws IOException {
        CaptureStats stats = new CaptureStats();
        String name = source.name();
        long evictedBefore = sessions.evicted();
        long expiredBefore = sessions.expired();
        frame.source = null;
        while (source.next(frame)) {
            stats.frames++;
            listener.clock(frame.timestampNanos);
            Lane in = lane(frame, name);
            String file = in.file;
            NetDecoder net = in.net;
            IpReassembler reassembler = in.reassembler;
            expireFragments(file, listener, frame.timestampNanos);
            frameStart = frame.data.position();
            int frameEnd = frame.data.limit();
            stats.bytes += frameEnd - frameStart;
            ByteBuffer frameBuf = frame.data;
            NetKind kind = net.decode(frame, datagram);
            if (reassembler.dropped() != in.reassemblerDropped) {
                in.reassemblerDropped = reassembler.dropped();
                ipSets(file, stats, listener, reassembler.drainIncompleteSets());
            }
            if (datagram.vlan >= 0) {
                stats.vlanTagged++;
            }
            if (datagram.ipVersion == 6) {
                stats.ipv6++;
            }
            long duplicateOf = 0;
            if (in.firstTimestamp == Long.MIN_VALUE) {
                in.firstTimestamp = frame.timestampNanos;
            } else if (frame.timestampNanos != in.firstTimestamp) {
                in.timestampsAdvance = true;
            }
            // Copies are recognised by time as well as bytes; a capture whose timestamps never move
            // (some test captures have all zero) cannot tell a SPAN copy from a retransmission.
            if (options.detectDuplicates() && in.timestampsAdvance && datagram.ipOffset >= 0 && kind != NetKind.MALFORMED) {
                // The decoders narrowed the frame buffer to the UDP payload; widen it for the hash, then restore.
                int pos = frameBuf.position();
                int lim = frameBuf.limit();
                frameBuf.limit(frameEnd);
                duplicateOf = in.duplicates.check(frameBuf, frameStart + datagram.ipOffset, frameEnd, frame.timestampNanos, frame.number);
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
        pendingFragments(lane == null ? name : lane.file, stats, listener);
        stats.saContextsEvicted = sessions.evicted() - evictedBefore;
        stats.sessionsExpired = sessions.expired() - expiredBefore;
        return stats;
    }

    // ---------------------------------------------------------------- incomplete fragment sets

    /** Drops the IP and IKE fragment sets that waited too long by {@code now} (capture time), and idle sessions. */
    private void expireFragments(String file, DissectionListener listener, long now) {
        for (int i = 0; i < laneList.size(); i++) {
            laneList.get(i).reassembler.expire(now);
        }
        sessions.expire(now);
        ikeSetsDropped(file, listener);
    }

    private void ikeSetsDropped(String file, DissectionListener listener) {
        if (sessions.hasDroppedFragmentSets()) {
            for (IncompleteIkeFragments f : sessions.drainDroppedFragmentSets()) {
                ikeSet(file, listener, f);
            }
        }
    }

    /** At the end of a run: every set still waiting, reported once. */
    private void pendingFragments(String file, CaptureStats stats, DissectionListener listener) {
        for (Lane l : lanes.values()) {
            ipSets(l.file, stats, listener, l.reassembler.drainIncompleteSets());
            ipSets(l.file, stats, listener, l.reassembler.takePendingSets());
            l.reassemblerDropped = l.reassembler.dropped();
        }
        ikeSetsDropped(file, listener);
        for (IncompleteIkeFragments f : sessions.takePendingFragmentSets()) {
            ikeSet(file, listener, f);
        }
    }

    private void ikeSet(String file, DissectionListener listener, IncompleteIkeFragments f) {
        listener.incompleteFragments(new IncompleteFragmentsEvent(file, FragmentKind.IKE, f.src(), f.dst(),
                f.session().initiatorCookie(), f.frames(), f.firstNanos(), f.lastNanos(), f.bytes(), f.reason(),
                f.session(), f.from()));
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
            SaSession session = cookie == 0 ? null : sessions.find(cookie, s.src(), s.dst());
            listener.incompleteFragments(new IncompleteFragmentsEvent(file, FragmentKind.IP,
                    new Endpoint(s.src(), srcPort), new Endpoint(s.dst(), dstPort), cookie, s.frames(), s.firstNanos(),
                    s.lastNanos(), s.bytesReceived(), s.reason(), session, session == null ? null : session.sideOf(s.src())));
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
            if (d.overlapConflicts > 0) {
                listener.frame(new FrameEvent(file, frame.number, frame.timestampNanos, FrameEvent.MALFORMED,
                        endpoint(d.src, d, d.srcPort), endpoint(d.dst, d, d.dstPort), new Diagnostic(
                        "ip.fragment.overlap.conflict", 0, "overlapping IP fragments: " + d.overlapConflicts
                        + " bytes differ, first in frame " + d.overlapConflictFrame + " (expected: identical copies;"
                        + " the first copy was kept)")));
            }
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

    /**
     * One ISAKMP message at the payload's position: decoded with the NAT-T numbering of its SA,
     * given to its session (opened when it is the SA's first; a copy quoted by an ICMP error opens
     * none and teaches nothing), reported, and when it completes a set of IKE fragments, the
     * message they rebuild reported after it (at the same frame, as tshark shows both).
     */
    private void emit(String file, CaptureStats stats, DissectionListener listener, long duplicateOf, boolean marker,
                      int icmpType, int icmpCode, boolean countFrame) {
        Datagram d = datagram;
        ByteBuffer p = d.payload;
        int offset = d.reassembled ? -1 : p.position() - frameStart;
        byte[] srcAddress = Arrays.copyOf(d.src, d.addressLength());
        byte[] dstAddress = Arrays.copyOf(d.dst, d.addressLength());
        Endpoint src = Endpoint.adopt(srcAddress, d.srcPort);
        Endpoint dst = Endpoint.adopt(dstAddress, d.dstPort);
        long ispi = p.remaining() >= Long.BYTES ? p.getLong(p.position()) : 0;
        SaSession session = sessions.find(ispi, srcAddress, dstAddress);
        NatTraversalNumbering natT = session != null ? session.natT() : new NatTraversalNumbering();
        IsakmpMessage msg = isakmp.decode(p, natT);
        List<Long> ipFrames = d.reassembled ? d.fragmentFrames : List.of();
        stats.messages++;
        if (icmpType >= 0) {
            listener.message(new MessageEvent(file, frame.number, frame.timestampNanos, src, dst, marker, msg, d.vlan,
                    d.fragmentCount, ipFrames, List.of(), duplicateOf, icmpType, icmpCode, offset, session,
                    session == null ? null : session.sideOf(srcAddress), null));
            return;
        }
        if (session == null) {
            session = sessions.open(msg, src, dst, natT);
        }
        Side from = session.sideOf(srcAddress);
        sessions.observe(session, msg, from, frame.timestampNanos);
        if (keyed != null) {
            keyed.observe(session, msg, from);
        }
        Ikev1Decryptor.Result decrypted = decrypt(stats, session, msg, from);
        if (decrypted != null) {
            msg = decrypted.message();
        }
        ikeFragmentFrames.clear();
        IsakmpMessage whole = null;
        if (msg.majorVersion() == 1) {
            for (Payload pl : msg.payloads()) {
                if (pl.body() instanceof FragmentBody f) {
                    stats.ikeFragments++;
                    byte[] bytes = sessions.fragment(session, from, f, frame.number, frame.timestampNanos, src, dst,
                            ikeFragmentFrames);
                    if (bytes != null) {
                        whole = isakmp.decode(bytes, session.natT(), ikeFragmentFrames.size());
                    }
                }
            }
        }
        ikeSetsDropped(file, listener);
        if (countFrame) {
            count(stats, duplicateOf, msg.malformed() ? Category.MALFORMED : Category.ISAKMP);
        }
        listener.message(new MessageEvent(file, frame.number, frame.timestampNanos, src, dst, marker, msg, d.vlan,
                d.fragmentCount, ipFrames, List.of(), duplicateOf, icmpType, icmpCode, offset, session, from,
                decrypted == null ? null : decrypted.outcome()));
        if (whole != null) {
            sessions.observe(session, whole, from, frame.timestampNanos);
            Ikev1Decryptor.Result wholeDecrypted = decrypt(stats, session, whole, from);
            stats.messages++;
            listener.message(new MessageEvent(file, frame.number, frame.timestampNanos, src, dst, marker,
                    wholeDecrypted == null ? whole : wholeDecrypted.message(), d.vlan, d.fragmentCount, ipFrames,
                    List.copyOf(ikeFragmentFrames), duplicateOf, icmpType, icmpCode, -1, session, from,
                    wholeDecrypted == null ? null : wholeDecrypted.outcome()));
        }
    }

    /** The decryption of {@code m} when it is an encrypted IKEv1 message and key material was given; else null. */
    private Ikev1Decryptor.Result decrypt(CaptureStats stats, SaSession session, IsakmpMessage m, Side from) {
        Ikev1Decryptor.Result r = keyed == null ? null : keyed.decrypt(session, m, from);
        if (r != null && r.outcome().isDecrypted()) {
            stats.decrypted++;
        }
        return r;
    }

    private void esp(String file, boolean udp, DissectionListener listener) {
        Datagram d = datagram;
        ByteBuffer p = d.payload;
        int at = p.position();
        int len = p.remaining();
        int spi = len >= 4 ? p.getInt(at) : 0;
        long seq = len >= 8 ? p.getInt(at + 4) & 0xffffffffL : 0;
        listener.esp(espCursor.set(file, frame.number, frame.timestampNanos, d.src, d.dst, d.addressLength(),
                udp ? d.srcPort : 0, udp ? d.dstPort : 0, udp, spi, seq, len));
    }

    private static Endpoint endpoint(byte[] addr, Datagram d, int port) {
        byte[] a = new byte[d.addressLength()];
        System.arraycopy(addr, 0, a, 0, a.length);
        return new Endpoint(a, port);
    }
}
