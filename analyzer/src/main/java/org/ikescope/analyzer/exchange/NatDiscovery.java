package org.ikescope.analyzer.exchange;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.ikescope.api.plugin.NatDiscoveryResult;
import org.ikescope.api.plugin.Side;
import org.ikescope.api.protocol.IkeHashAlgorithm;
import org.ikescope.api.protocol.PayloadType;
import org.ikescope.dissector.crypto.IkeHash;
import org.ikescope.dissector.crypto.NatDiscoveryHash;
import org.ikescope.dissector.event.MessageEvent;
import org.ikescope.dissector.isakmp.BytesBody;
import org.ikescope.dissector.isakmp.IsakmpMessage;
import org.ikescope.dissector.isakmp.Payload;
import org.ikescope.dissector.model.Addresses;


/**
 * NAT detection the way the peers do it (RFC 3947 section 3.2), checked against the capture.
 *
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * | Next Payload  |    RESERVED   |        Payload length         |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * ~                 HASH of the address and port                  ~
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *
 * HASH = HASH(CKY-I | CKY-R | IP | Port)
 * </pre>
 *
 * with the phase-1 SA's negotiated hash algorithm, IP 4 or 16 bytes and Port 2 bytes, network
 * order. "The first NAT-D payload contains the remote end's IP address and port (i.e., the
 * destination address of the UDP packet). The remaining NAT-D payloads contain possible local-end
 * IP addresses and ports (i.e., all possible source addresses of the UDP packet)." Draft NAT-T
 * (payload 130, and 15 in draft-02 phase 1) uses the same hash and order.
 *
 * <p>So for each message carrying NAT-D (MM3/MM4, AM2/AM3) two questions have an answer: does the
 * sender's own hash match its source address and port as captured (no: its address was translated
 * before the capture point), and does the first hash match the destination as captured (no: the
 * receiver's address was translated between the sender and the capture point). One instance per
 * IKE SA, created on its first NAT-D message or keepalive; it keeps a few flags, no bytes.
 */
final class NatDiscovery {
    static final int PORT_IKE = 500;
    static final int PORT_NATT = 4500;

    /** Per side (by {@link Side#ordinal()}): its own source hashes vs its captured source; null when not checked. */
    private final Boolean[] ownMatched = new Boolean[2];
    /** Per side: the peer's first hash (of this side's address) vs this side's captured address. */
    private final Boolean[] seenByPeerMatched = new Boolean[2];
    /** Per side: its address and port as captured in the checked message. */
    private final String[] seenHere = new String[2];
    private final boolean[] checked = new boolean[2];
    private final long[] keepalives = new long[2];
    private boolean stepSeen;
    private boolean payloadsSeen;
    private int hashesChecked;
    /** Why hashes could not be checked, or null. */
    private String unchecked;
    /** The NAT-D digests made for this SA, for the other side's message ({@link #hash}). */
    private final Digest[] digests = new Digest[4];
    private int digestCount;

    /** A NAT-T keepalive (RFC 3948 section 2.3) from {@code from}. */
    void keepalive(Side from) {
        keepalives[from.ordinal()]++;
    }

    /**
     * Checks the NAT-D payloads of {@code m}, the first copy of a phase-1 message of {@code from}
     * that may carry them (MM3/MM4, AM2/AM3), once per side.
     *
     * @param alg the phase-1 hash algorithm, or null when not known
     */
    void message(MessageEvent e, Side from, IsakmpMessage m, IkeHashAlgorithm alg) {
        if (m.encrypted() && !m.decrypted()) {
            return;
        }
        stepSeen = true;
        List<BytesBody> natD = null;
        for (Payload p : m.payloads()) {
            if (p.is(PayloadType.NAT_D) && p.body() instanceof BytesBody b) {
                if (natD == null) {
                    natD = new ArrayList<>(3);
                }
                natD.add(b);
            }
        }
        if (natD == null || checked[from.ordinal()]) {
            return;
        }
        payloadsSeen = true;
        if (IkeHash.digestName(alg) == null) {
            if (unchecked == null) {
                unchecked = alg == null ? "the phase-1 hash algorithm is not in the capture (no MM2/AM2 SA)"
                        : "no digest for the phase-1 hash algorithm " + IkeHashAlgorithm.nameOf(alg.code());
            }
            return;
        }
        checked[from.ordinal()] = true;
        long ispi = m.initiatorCookie();
        long rspi = m.responderCookie();
        byte[] dst = e.dst().address();
        byte[] src = e.src().address();
        Side to = from.opposite();
        seenHere[from.ordinal()] = endpoint(src, e.src().port());
        seenHere[to.ordinal()] = endpoint(dst, e.dst().port());
        seenByPeerMatched[to.ordinal()] = matches(natD.get(0), hash(alg, ispi, rspi, dst, e.dst().port()));
        hashesChecked++;
        if (natD.size() > 1) {
            byte[] own = hash(alg, ispi, rspi, src, e.src().port());
            boolean any = false;
            for (int i = 1; i < natD.size(); i++) {
                any |= matches(natD.get(i), own);
                hashesChecked++;
            }
            ownMatched[from.ordinal()] = any;
        }
    }

    /**
     * NatDiscoveryHash.of, remembered: the other side's NAT-D message hashes the same two
     * addresses and ports under the same cookies (its destination is this side's source), so
     * the second message of an SA mostly finds its digests made.
     */
    private byte[] hash(IkeHashAlgorithm alg, long ispi, long rspi, byte[] address, int port) {
        for (int i = 0; i < digestCount; i++) {
            Digest d = digests[i];
            if (d.alg() == alg && d.ispi() == ispi && d.rspi() == rspi && d.port() == port
                    && Arrays.equals(d.address(), address)) {
                return d.hash();
            }
        }
        byte[] hash = NatDiscoveryHash.of(alg, ispi, rspi, address, port);
        if (digestCount < digests.length) {
            digests[digestCount++] = new Digest(alg, ispi, rspi, address, port, hash);
        }
        return hash;
    }

    /** One NAT-D digest made for this SA (each side checks once: at most two each). */
    private record Digest(IkeHashAlgorithm alg, long ispi, long rspi, byte[] address, int port, byte[] hash) {
    }

    private static boolean matches(BytesBody b, byte[] hash) {
        return Arrays.equals(b.message(), b.from(), b.to(), hash, 0, hash.length);
    }

    static String endpoint(byte[] address, int port) {
        String ip = Addresses.format(address);
        return (address.length == 16 ? "[" + ip + "]" : ip) + ":" + port;
    }

    /** A port other than 500 and 4500 (a NAT rewrote it), the first one used when it is such, or -1. */
    private static int oddPort(int first, Set<Integer> ports) {
        if (first > 0 && first != PORT_IKE && first != PORT_NATT) {
            return first;
        }
        for (int p : ports) {
            if (p != PORT_IKE && p != PORT_NATT) {
                return p;
            }
        }
        return -1;
    }

    /**
     * The verdict for one IKE SA. {@code d} may be null (no NAT-D step, no keepalive seen); the
     * peers give the UDP ports each side used at the capture point.
     */
    static NatDetection detect(NatDiscovery d, int version, PeerSightings initiator, PeerSightings responder) {
        int[] odd = {oddPort(initiator.firstPort, initiator.ports), oddPort(responder.firstPort, responder.ports)};
        if (d == null) {
            return decide(null, version, odd);
        }
        // Every SA of the same two peers and outcome has the same verdict and note (a few hundred
        // characters made of several parts): made once per distinct input, not once per SA.
        Verdict key = new Verdict(d, version, odd);
        NatDetection known = VERDICTS.get(key);
        if (known == null) {
            known = decide(d, version, odd);
            if (VERDICTS.size() >= MAX_VERDICTS) {
                VERDICTS.clear();
            }
            VERDICTS.put(key, known);
        }
        return known;
    }

    /** Distinct verdicts kept (peer pairs times outcomes); past it the table starts over. */
    private static final int MAX_VERDICTS = 1_024;
    private static final Map<Verdict, NatDetection> VERDICTS = new ConcurrentHashMap<>();

    /** Everything {@link #decide} reads of a NatDiscovery, the version and the odd ports. */
    private static final class Verdict {
        private final long flags;
        private final int hashesChecked;
        private final int odd0;
        private final int odd1;
        private final String seen0;
        private final String seen1;
        private final String unchecked;
        private final int hash;

        Verdict(NatDiscovery d, int version, int[] odd) {
            long f = version;
            f = f << 2 | tri(d.ownMatched[0]);
            f = f << 2 | tri(d.ownMatched[1]);
            f = f << 2 | tri(d.seenByPeerMatched[0]);
            f = f << 2 | tri(d.seenByPeerMatched[1]);
            f = f << 1 | (d.keepalives[0] > 0 ? 1 : 0);
            f = f << 1 | (d.keepalives[1] > 0 ? 1 : 0);
            f = f << 1 | (d.payloadsSeen ? 1 : 0);
            f = f << 1 | (d.stepSeen ? 1 : 0);
            flags = f;
            hashesChecked = d.hashesChecked;
            odd0 = odd[0];
            odd1 = odd[1];
            seen0 = d.seenHere[0];
            seen1 = d.seenHere[1];
            unchecked = d.unchecked;
            hash = Objects.hash(flags, hashesChecked, odd0, odd1, seen0, seen1, unchecked);
        }

        private static int tri(Boolean b) {
            return b == null ? 0 : b ? 1 : 2;
        }

        @Override
        public int hashCode() {
            return hash;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Verdict v && v.flags == flags && v.hashesChecked == hashesChecked && v.odd0 == odd0
                    && v.odd1 == odd1 && Objects.equals(v.seen0, seen0) && Objects.equals(v.seen1, seen1)
                    && Objects.equals(v.unchecked, unchecked);
        }
    }

    private static NatDetection decide(NatDiscovery d, int version, int[] odd) {
        Boolean[] behind = new Boolean[2];
        String[] why = new String[2];
        boolean bothOwnMismatch = false;
        NatDiscoveryResult status = NatDiscoveryResult.UNKNOWN;
        if (d != null) {
            bothOwnMismatch = Boolean.FALSE.equals(d.ownMatched[0]) && Boolean.FALSE.equals(d.ownMatched[1]);
            for (Side s : Side.values()) {
                int i = s.ordinal();
                if (Boolean.FALSE.equals(d.seenByPeerMatched[i])) {
                    // Nobody fakes the first (destination) hash: the address was translated on the way.
                    behind[i] = true;
                    why[i] = "the " + s.opposite().label() + "'s NAT-D hash of its address does not match the "
                            + d.seenHere[i] + " seen here";
                } else if (Boolean.FALSE.equals(d.ownMatched[i]) && !bothOwnMismatch) {
                    behind[i] = true;
                    why[i] = "its NAT-D hash does not match the " + d.seenHere[i] + " seen here";
                } else if (Boolean.TRUE.equals(d.ownMatched[i]) && Boolean.TRUE.equals(d.seenByPeerMatched[i])) {
                    behind[i] = false;
                    why[i] = "its hashes match " + d.seenHere[i];
                }
            }
            if (d.hashesChecked > 0) {
                boolean mismatch = false;
                for (int i = 0; i < 2; i++) {
                    mismatch |= Boolean.FALSE.equals(d.ownMatched[i]) || Boolean.FALSE.equals(d.seenByPeerMatched[i]);
                }
                status = mismatch ? NatDiscoveryResult.MISMATCH : NatDiscoveryResult.MATCHED;
            } else if (!d.payloadsSeen && d.stepSeen && version == 1) {
                status = NatDiscoveryResult.ABSENT;
            }
        }
        // Evidence beyond the hashes, for a side they leave open.
        for (Side s : Side.values()) {
            int i = s.ordinal();
            if (behind[i] != null) {
                continue;
            }
            if (odd[i] > 0) {
                behind[i] = true;
                why[i] = "its port " + odd[i] + " is neither 500 nor 4500: a NAT rewrote it";
            } else if (d != null && d.keepalives[i] > 0) {
                // RFC 3948 section 4: keepalives keep a NAT mapping open; peers send them when they
                // find themselves behind one (strongSwan, Cisco), not for forced encapsulation.
                behind[i] = true;
                why[i] = "it sends NAT-T keepalives, as a peer behind a NAT does";
            }
        }
        if (bothOwnMismatch) {
            for (Side s : Side.values()) {
                int i = s.ordinal();
                int o = s.opposite().ordinal();
                if (behind[i] == null && Boolean.TRUE.equals(behind[o]) && d.keepalives[o] > 0 && d.keepalives[i] == 0
                        && odd[i] < 0) {
                    behind[i] = false;
                    why[i] = "no NAT evident (its mismatch fits forced encapsulation; unlike the "
                            + s.opposite().label() + " it sends no keepalives)";
                }
            }
        }
        String note = d == null || !d.payloadsSeen ? null : note(d, status, bothOwnMismatch, behind, why);
        return new NatDetection(behind[0], behind[1], status, d == null ? 0 : d.hashesChecked, note);
    }

    private static String note(NatDiscovery d, NatDiscoveryResult status, boolean bothOwnMismatch, Boolean[] behind, String[] why) {
        if (status == NatDiscoveryResult.UNKNOWN) {
            return "not checked: " + (d.unchecked != null ? d.unchecked : "no NAT-D message of a known hash algorithm");
        }
        if (status == NatDiscoveryResult.MATCHED && behind[0] == null && behind[1] == null) {
            return "the NAT-D hashes checked match the addresses and ports seen here, but one side's NAT-D message"
                    + " is missing: not enough to rule out a NAT";
        }
        if (status == NatDiscoveryResult.MATCHED && Boolean.FALSE.equals(behind[0]) && Boolean.FALSE.equals(behind[1])) {
            return "no NAT (every NAT-D hash matches the addresses and ports seen here)";
        }
        List<String> parts = new ArrayList<>(3);
        if (bothOwnMismatch) {
            parts.add("mismatch on both sides (NAT or forced encapsulation): neither peer's hash of its own address"
                    + " matches the " + d.seenHere[0] + " and " + d.seenHere[1] + " seen here (strongSwan with"
                    + " kernel-libipsec sends such hashes on purpose, to force UDP encapsulation)");
        }
        for (Side s : Side.values()) {
            int i = s.ordinal();
            if (Boolean.TRUE.equals(behind[i])) {
                parts.add(s.label() + " behind NAT (" + why[i] + ")");
            } else if (Boolean.FALSE.equals(behind[i])) {
                parts.add(s.label() + ": " + (why[i].startsWith("no NAT") ? why[i] : "no NAT (" + why[i] + ")"));
            } else if (!bothOwnMismatch) {
                parts.add(s.label() + ": not known");
            }
        }
        return String.join("; ", parts);
    }
}
