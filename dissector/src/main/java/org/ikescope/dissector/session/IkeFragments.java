package org.ikescope.dissector.session;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.ikescope.api.plugin.Side;
import org.ikescope.dissector.isakmp.FragmentBody;
import org.ikescope.dissector.model.Endpoint;
import org.ikescope.dissector.model.FragmentsLost;

/**
 * The IKE fragments (Cisco payload 132; RFC 7383 works alike) of one IKE SA that wait for the
 * rest of their set. Sets are kept per sender and Fragment ID: IKEv1 headers do not say which way
 * a message goes, and both peers number their fragment IDs from 1 (strongSwan does). Bounded: at
 * most {@link #MAX_FRAGMENT_SETS} sets of at most {@link #MAX_FRAGMENTS_PER_SET} fragments and
 * {@link #MAX_REASSEMBLED_BYTES} bytes. A set that never completes (evicted, invalid, timed out,
 * or still waiting at the end of a capture) is reported once as an {@link IncompleteIkeFragments}.
 */
public final class IkeFragments {
    /** Cisco's implementation allows 16 fragments; strongSwan sends at most a few. */
    static final int MAX_FRAGMENTS_PER_SET = 64;
    static final int MAX_FRAGMENT_SETS = 4;
    /** An IKE message is at most 64 KiB on UDP. */
    static final int MAX_REASSEMBLED_BYTES = 65535;
    /** As for IP fragments ({@code FragmentTable}): a set still incomplete 30 s of capture time after its first fragment is dropped. */
    public static final long TIMEOUT_NANOS = 30_000_000_000L;

    private final SaSession session;
    /** Sets by sender and Fragment ID, oldest first. */
    private final LinkedHashMap<Long, FragmentSet> sets = new LinkedHashMap<>();
    /** Where sets given up go (the session table's list, drained by the pipeline). */
    private final Consumer<IncompleteIkeFragments> dropped;

    IkeFragments(SaSession session, Consumer<IncompleteIkeFragments> dropped) {
        this.session = session;
        this.dropped = dropped;
    }

    /**
     * Adds one fragment {@code from} sent; when it completes its set, returns the reassembled
     * message bytes (a fresh array) with the frames of its fragments in {@code framesOut}, in
     * fragment order, and forgets the set; otherwise null. A repeated fragment number is a
     * retransmission: the first copy stands.
     */
    public byte[] add(Side from, FragmentBody f, long frame, long timeNanos, Endpoint src, Endpoint dst,
                      List<Long> framesOut) {
        long key = ((long) from.ordinal() << 32) | (f.fragmentId() & 0xffffffffL);
        FragmentSet set = sets.get(key);
        if (set == null) {
            if (sets.size() >= MAX_FRAGMENT_SETS) {
                Iterator<FragmentSet> oldest = sets.values().iterator();
                FragmentSet gone = oldest.next();
                oldest.remove();
                drop(gone, FragmentsLost.EVICTED);
            }
            set = new FragmentSet(from, f.fragmentId(), timeNanos, src, dst);
            sets.put(key, set);
        }
        set.lastNanos = Math.max(set.lastNanos, timeNanos);
        int size = f.dataTo() - f.dataFrom();
        if (f.number() < 1 || f.number() > MAX_FRAGMENTS_PER_SET || set.bytes + size > MAX_REASSEMBLED_BYTES) {
            sets.remove(key);
            drop(set, FragmentsLost.INVALID);
            return null;
        }
        if (set.parts.containsKey(f.number())) {
            return null;
        }
        byte[] part = new byte[size];
        System.arraycopy(f.message(), f.dataFrom(), part, 0, size);
        set.parts.put(f.number(), part);
        set.frames.put(f.number(), frame);
        set.bytes += size;
        if (f.last()) {
            set.last = f.number();
        }
        if (set.last > 0 && set.parts.size() == set.last && set.parts.lastKey() == set.last) {
            ByteArrayOutputStream whole = new ByteArrayOutputStream(set.bytes);
            for (byte[] p : set.parts.values()) {
                whole.writeBytes(p);
            }
            framesOut.addAll(set.frames.values());
            sets.remove(key);
            return whole.toByteArray();
        }
        return null;
    }

    /** Capture time of the first fragment of the oldest set still waiting, or {@link Long#MAX_VALUE}. */
    long oldestNanos() {
        long t = Long.MAX_VALUE;
        for (FragmentSet s : sets.values()) {
            t = Math.min(t, s.firstNanos);
        }
        return t;
    }

    /** Drops the sets whose first fragment is older than {@link #TIMEOUT_NANOS} at {@code nowNanos}. */
    void expire(long nowNanos) {
        Iterator<FragmentSet> it = sets.values().iterator();
        while (it.hasNext()) {
            FragmentSet s = it.next();
            if (nowNanos - s.firstNanos > TIMEOUT_NANOS) {
                it.remove();
                drop(s, FragmentsLost.TIMEOUT);
            }
        }
    }

    /** Drops every set (the session itself is evicted). */
    void dropAll(FragmentsLost reason) {
        for (FragmentSet s : sets.values()) {
            drop(s, reason);
        }
        sets.clear();
    }

    /**
     * The sets still waiting that were not returned before, as {@link FragmentsLost#PENDING};
     * they stay, so that a capture continued in another file can still complete them.
     */
    List<IncompleteIkeFragments> takePending() {
        List<IncompleteIkeFragments> r = new ArrayList<>();
        for (FragmentSet s : sets.values()) {
            if (!s.reported && !s.frames.isEmpty()) {
                r.add(s.incomplete(session, FragmentsLost.PENDING));
                s.reported = true;
            }
        }
        return r;
    }

    /** True when fragments wait for the rest of their set. */
    public boolean pending() {
        return !sets.isEmpty();
    }

    /** Frame numbers of fragments still waiting for the rest of their set. */
    public List<Long> pendingFrames() {
        List<Long> frames = new ArrayList<>();
        for (FragmentSet s : sets.values()) {
            frames.addAll(s.frames.values());
        }
        return frames;
    }

    private void drop(FragmentSet set, FragmentsLost reason) {
        session.droppedFragmentSets++;
        if (!set.reported && !set.frames.isEmpty()) {
            dropped.accept(set.incomplete(session, reason));
        }
    }

    private static final class FragmentSet {
        final Side from;
        final int id;
        final TreeMap<Integer, byte[]> parts = new TreeMap<>();
        final TreeMap<Integer, Long> frames = new TreeMap<>();
        final long firstNanos;
        long lastNanos;
        final Endpoint src;
        final Endpoint dst;
        int bytes;
        int last;
        /** Returned by {@link #takePending()}: not reported again when dropped. */
        boolean reported;

        FragmentSet(Side from, int id, long firstNanos, Endpoint src, Endpoint dst) {
            this.from = from;
            this.id = id;
            this.firstNanos = firstNanos;
            this.lastNanos = firstNanos;
            this.src = src;
            this.dst = dst;
        }

        IncompleteIkeFragments incomplete(SaSession session, FragmentsLost reason) {
            // Arrival order: the fragment numbers say where each belongs, the frame numbers when it came.
            List<Long> arrival = new ArrayList<>(frames.values());
            arrival.sort(null);
            return new IncompleteIkeFragments(session, from, id, arrival, new ArrayList<>(frames.keySet()), last,
                    firstNanos, lastNanos, src, dst, bytes, reason);
        }
    }
}
