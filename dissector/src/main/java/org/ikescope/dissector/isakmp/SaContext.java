package org.ikescope.dissector.isakmp;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.TreeMap;
import org.ikescope.dissector.model.Endpoint;

/**
 * What decoding later messages of one IKE SA needs from earlier ones: which NAT-T variant the
 * peers announced (it decides whether payloads 15/16 or 130/131 are NAT-D/NAT-OA), and IKE
 * fragments (payload 132) waiting for the rest of their set. Keys and the IV chain will live
 * here too. Bounded: at most {@link #MAX_FRAGMENT_SETS} sets of at most
 * {@link #MAX_FRAGMENTS_PER_SET} fragments and {@link #MAX_REASSEMBLED_BYTES} bytes. A set that
 * never completes (evicted, invalid, timed out, or still waiting at the end of a capture) is
 * reported once as an {@link IncompleteIkeFragments}.
 */
public final class SaContext {
    /** Cisco's implementation allows 16 fragments; strongSwan sends at most a few. */
    static final int MAX_FRAGMENTS_PER_SET = 64;
    static final int MAX_FRAGMENT_SETS = 4;
    /** An IKE message is at most 64 KiB on UDP. */
    static final int MAX_REASSEMBLED_BYTES = 65535;
    /** As for IP fragments ({@code FragmentTable}): a set still incomplete 30 s of capture time after its first fragment is dropped. */
    public static final long FRAGMENT_TIMEOUT_NANOS = 30_000_000_000L;

    private final long initiatorCookie;
    /** Highest NAT-T draft number announced in this SA's vendor IDs; -1 when none. */
    private int natTraversalDraft = -1;
    private boolean natTraversalRfc;
    /** Bits: 1 = NAT-D as 15, 2 = as 20, 4 = as 130, announced by the VIDs seen. */
    private int natDiscoveryPayloads;
    /**
     * Sets by sender and Fragment ID, oldest first. The sender matters: IKEv1 headers do not say
     * which way a message goes, and both peers number their fragment IDs from 1 (strongSwan does).
     */
    private final LinkedHashMap<Long, FragmentSet> fragments = new LinkedHashMap<>();
    private long droppedFragmentSets;
    /** Where dropped sets go: the table's list, shared by its contexts. */
    private final List<IncompleteIkeFragments> dropped;

    SaContext(long initiatorCookie) {
        this(initiatorCookie, new ArrayList<>());
    }

    SaContext(long initiatorCookie, List<IncompleteIkeFragments> dropped) {
        this.initiatorCookie = initiatorCookie;
        this.dropped = dropped;
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
     * Adds one fragment of the message {@code sender} sent (any stable hash of its address and
     * port; 0 when unknown); when it completes its set, returns the reassembled message bytes and
     * forgets the set; otherwise null.
     */
    byte[] addFragment(int sender, int id, int number, boolean last, byte[] msg, int from, int to, long frame,
                       List<Long> framesOut) {
        long key = ((long) sender << 32) | (id & 0xffffffffL);
        FragmentSet set = fragments.get(key);
        if (set == null) {
            if (fragments.size() >= MAX_FRAGMENT_SETS) {
                Iterator<FragmentSet> oldest = fragments.values().iterator();
                FragmentSet gone = oldest.next();
                oldest.remove();
                drop(gone, IncompleteIkeFragments.EVICTED);
            }
            set = new FragmentSet(id);
            fragments.put(key, set);
        }
        if (number < 1 || number > MAX_FRAGMENTS_PER_SET || set.bytes + (to - from) > MAX_REASSEMBLED_BYTES) {
            fragments.remove(key);
            drop(set, IncompleteIkeFragments.INVALID);
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
            fragments.remove(key);
            return whole.toByteArray();
        }
        return null;
    }

    private void drop(FragmentSet set, String reason) {
        droppedFragmentSets++;
        if (!set.reported && !set.frames.isEmpty() && dropped.size() < SaContextTable.MAX_UNDRAINED) {
            dropped.add(set.incomplete(initiatorCookie, reason));
        }
    }

    /**
     * Tells the set that holds the fragment of {@code frame} when and between whom it travelled
     * (the decoder knows only frame numbers).
     *
     * @return true when that fragment was the first of its set
     */
    public boolean fragmentSeen(long frame, long timeNanos, Endpoint src, Endpoint dst) {
        for (FragmentSet s : fragments.values()) {
            if (s.frames.containsValue(frame)) {
                boolean first = s.firstNanos == Long.MIN_VALUE;
                if (first) {
                    s.firstNanos = timeNanos;
                    s.src = src;
                    s.dst = dst;
                }
                s.lastNanos = Math.max(s.lastNanos, timeNanos);
                return first;
            }
        }
        return false;
    }

    /** Capture time of the first fragment of the oldest set still waiting, or {@link Long#MAX_VALUE}. */
    public long oldestFragmentNanos() {
        long t = Long.MAX_VALUE;
        for (FragmentSet s : fragments.values()) {
            if (s.firstNanos != Long.MIN_VALUE) {
                t = Math.min(t, s.firstNanos);
            }
        }
        return t;
    }

    /** Drops the sets whose first fragment is older than {@link #FRAGMENT_TIMEOUT_NANOS} at {@code nowNanos}. */
    public void expireFragments(long nowNanos) {
        Iterator<FragmentSet> it = fragments.values().iterator();
        while (it.hasNext()) {
            FragmentSet s = it.next();
            if (s.firstNanos != Long.MIN_VALUE && nowNanos - s.firstNanos > FRAGMENT_TIMEOUT_NANOS) {
                it.remove();
                drop(s, IncompleteIkeFragments.TIMEOUT);
            }
        }
    }

    /** Drops every set (the context itself is evicted). */
    void dropAllFragments(String reason) {
        for (FragmentSet s : fragments.values()) {
            drop(s, reason);
        }
        fragments.clear();
    }

    /**
     * The sets still waiting that were not returned before, as {@link IncompleteIkeFragments#PENDING};
     * they stay, so that a capture continued in another file can still complete them.
     */
    public List<IncompleteIkeFragments> takePendingFragmentSets() {
        List<IncompleteIkeFragments> r = new ArrayList<>();
        for (FragmentSet s : fragments.values()) {
            if (!s.reported && !s.frames.isEmpty()) {
                r.add(s.incomplete(initiatorCookie, IncompleteIkeFragments.PENDING));
                s.reported = true;
            }
        }
        return r;
    }

    /** True when fragments wait for the rest of their set. */
    public boolean hasPendingFragments() {
        return !fragments.isEmpty();
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
        final int id;
        final TreeMap<Integer, byte[]> parts = new TreeMap<>();
        final TreeMap<Integer, Long> frames = new TreeMap<>();
        int bytes;
        int last;
        long firstNanos = Long.MIN_VALUE;
        long lastNanos = Long.MIN_VALUE;
        Endpoint src;
        Endpoint dst;
        /** Returned by {@link #takePendingFragmentSets()}: not reported again when dropped. */
        boolean reported;

        FragmentSet(int id) {
            this.id = id;
        }

        IncompleteIkeFragments incomplete(long initiatorCookie, String reason) {
            // Arrival order: the fragment numbers say where each belongs, the frame numbers when it came.
            List<Long> arrival = new ArrayList<>(frames.values());
            arrival.sort(null);
            return new IncompleteIkeFragments(initiatorCookie, id, arrival, new ArrayList<>(frames.keySet()), last,
                    firstNanos == Long.MIN_VALUE ? 0 : firstNanos, lastNanos == Long.MIN_VALUE ? 0 : lastNanos,
                    src, dst, bytes, reason);
        }
    }
}
