package org.ikescope.dissector.isakmp;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * What decoding later messages of one IKE SA needs from earlier ones: which NAT-T variant the
 * peers announced (it decides whether payloads 15/16 or 130/131 are NAT-D/NAT-OA), and IKE
 * fragments (payload 132) waiting for the rest of their set. Keys and the IV chain will live
 * here too. Bounded: at most {@link #MAX_FRAGMENT_SETS} sets of at most
 * {@link #MAX_FRAGMENTS_PER_SET} fragments and {@link #MAX_REASSEMBLED_BYTES} bytes.
 */
public final class SaContext {
    /** Cisco's implementation allows 16 fragments; strongSwan sends at most a few. */
    static final int MAX_FRAGMENTS_PER_SET = 64;
    static final int MAX_FRAGMENT_SETS = 4;
    /** An IKE message is at most 64 KiB on UDP. */
    static final int MAX_REASSEMBLED_BYTES = 65535;

    private final long initiatorCookie;
    /** Highest NAT-T draft number announced in this SA's vendor IDs; -1 when none. */
    private int natTraversalDraft = -1;
    private boolean natTraversalRfc;
    /** Bits: 1 = NAT-D as 15, 2 = as 20, 4 = as 130, announced by the VIDs seen. */
    private int natDiscoveryPayloads;
    private final TreeMap<Integer, FragmentSet> fragments = new TreeMap<>();
    private long droppedFragmentSets;

    SaContext(long initiatorCookie) {
        this.initiatorCookie = initiatorCookie;
    }

    public long initiatorCookie() {
        return initiatorCookie;
    }

    /** Records a NAT-T vendor ID: {@code draft} >= 0 for draft-ietf-ipsec-nat-t-ike-0N, or {@code rfc}. */
    public void natTraversalVendorId(int draft, boolean rfc) {
        if (rfc) {
            natTraversalRfc = true;
        } else if (draft > natTraversalDraft) {
            natTraversalDraft = draft;
        }
    }

    /**
     * Records the NAT-D payload number a NAT-T vendor ID announces (20 for RFC 3947, 130 for
     * drafts 00-03, 15 for drafts 04-08 and Apple's unnumbered draft).
     */
    public void natDiscoveryPayload(int type) {
        if (type > 0 && type < 256) {
            natDiscoveryPayloads |= type == 15 ? 1 : type == 20 ? 2 : type == 130 ? 4 : 0;
        }
    }

    /** True when a NAT-T vendor ID of this SA announced NAT-D under payload number {@code type} (15, 20 or 130). */
    public boolean natDiscoveryAnnounced(int type) {
        int bit = type == 15 ? 1 : type == 20 ? 2 : type == 130 ? 4 : 0;
        return (natDiscoveryPayloads & bit) != 0;
    }

    /** True when any NAT-T vendor ID was seen in this SA. */
    public boolean natTraversalAnnounced() {
        return natDiscoveryPayloads != 0 || natTraversalRfc || natTraversalDraft >= 0;
    }

    public int natTraversalDraft() {
        return natTraversalDraft;
    }

    public boolean natTraversalRfc() {
        return natTraversalRfc;
    }

    public long droppedFragmentSets() {
        return droppedFragmentSets;
    }

    /**
     * Adds one fragment; when it completes its set, returns the reassembled message bytes and
     * forgets the set; otherwise null.
     */
    byte[] addFragment(int id, int number, boolean last, byte[] msg, int from, int to, long frame, List<Long> framesOut) {
        FragmentSet set = fragments.get(id);
        if (set == null) {
            if (fragments.size() >= MAX_FRAGMENT_SETS) {
                fragments.pollFirstEntry();
                droppedFragmentSets++;
            }
            set = new FragmentSet();
            fragments.put(id, set);
        }
        if (number < 1 || number > MAX_FRAGMENTS_PER_SET || set.bytes + (to - from) > MAX_REASSEMBLED_BYTES) {
            fragments.remove(id);
            droppedFragmentSets++;
            return null;
        }
        if (set.parts.containsKey(number)) {
            return null; // a retransmitted fragment; the first copy stands
        }
        byte[] part = new byte[to - from];
        System.arraycopy(msg, from, part, 0, part.length);
        set.parts.put(number, part);
        set.frames.put(number, frame);
        set.bytes += part.length;
        if (last) {
            set.last = number;
        }
        if (set.last > 0 && set.parts.size() == set.last && set.parts.lastKey() == set.last) {
            ByteArrayOutputStream whole = new ByteArrayOutputStream(set.bytes);
            for (byte[] p : set.parts.values()) {
                whole.writeBytes(p);
            }
            framesOut.addAll(set.frames.values());
            fragments.remove(id);
            return whole.toByteArray();
        }
        return null;
    }

    /** Frame numbers of fragments still waiting for the rest of their set. */
    public List<Long> pendingFragmentFrames() {
        List<Long> frames = new ArrayList<>();
        for (FragmentSet s : fragments.values()) {
            frames.addAll(s.frames.values());
        }
        return frames;
    }

    private static final class FragmentSet {
        final TreeMap<Integer, byte[]> parts = new TreeMap<>();
        final TreeMap<Integer, Long> frames = new TreeMap<>();
        int bytes;
        int last;
    }
}
