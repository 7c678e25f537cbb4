package org.ikescope.dissector.net;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ikescope.dissector.capture.Frame;
import org.ikescope.dissector.model.FragmentsLost;
import org.ikescope.dissector.net.IpReassembler.IncompleteSet;

/**
 * IPv4 (RFC 791) and IPv6 (RFC 8200 section 4.5) fragment reassembly, bounded: at most
 * {@link #MAX_DATAGRAMS} datagrams in progress (oldest dropped first), each at most
 * {@link #MAX_DATAGRAM_BYTES}, and a set incomplete {@link #TIMEOUT_NANOS} after its first
 * fragment (in capture time) is dropped. Overlapping fragments: the first copy of a byte stands;
 * copies that disagree are counted in the reassembled {@link Datagram} ({@code overlapConflicts}).
 * Every set that never completes is reported once, with its addresses and frames: when dropped
 * ({@link #drainIncompleteSets()}) or, still pending at the end of a capture, by
 * {@link #takePendingSets()}.
 */
public final class FragmentTable implements IpReassembler {
    static final int MAX_DATAGRAMS = 1024;
    /** IPv4 total length is 16 bits; an IPv6 payload without jumbograms likewise. */
    static final int MAX_DATAGRAM_BYTES = 65535;
    /** RFC 8200 section 4.5 and Linux's ipfrag_time: 60 s; we give 30 s of capture time. */
    static final long TIMEOUT_NANOS = 30_000_000_000L;

    /** Dropped sets kept for {@link #drainIncompleteSets()}; beyond it they are counted only (nobody drains). */
    static final int MAX_UNDRAINED = 4096;

    private final LinkedHashMap<Key, Pending> pending = new LinkedHashMap<>();
    private final List<IncompleteSet> incomplete = new ArrayList<>();
    private long dropped;

    @Override
    public ByteBuffer ipv4Fragment(Frame frame, Datagram out, int id, int protocol, int offset, boolean more,
                                   ByteBuffer data, int from, int to) {
        return add(new Key(4, Arrays.copyOf(out.src, 4), Arrays.copyOf(out.dst, 4), id, protocol), frame, out, offset, more, data, from, to);
    }

    @Override
    public ByteBuffer ipv6Fragment(Frame frame, Datagram out, int id, int protocol, int offset, boolean more,
                                   ByteBuffer data, int from, int to) {
        return add(new Key(6, Arrays.copyOf(out.src, 16), Arrays.copyOf(out.dst, 16), id, protocol), frame, out, offset, more, data, from, to);
    }

    private ByteBuffer add(Key key, Frame frame, Datagram out, int offset, boolean more, ByteBuffer data, int from, int to) {
        expire(frame.timestampNanos);
        Pending p = pending.get(key);
        if (p == null) {
            if (pending.size() >= MAX_DATAGRAMS) {
                Iterator<Map.Entry<Key, Pending>> it = pending.entrySet().iterator();
                drop(it.next().getValue(), FragmentsLost.EVICTED);
                it.remove();
            }
            p = new Pending(key, frame.timestampNanos);
            pending.put(key, p);
        }
        int len = to - from;
        p.frames.add(frame.number);
        p.lastSeen = frame.timestampNanos;
        if (offset + len > MAX_DATAGRAM_BYTES) {
            pending.remove(key);
            drop(p, FragmentsLost.OVERSIZE);
            return null;
        }
        p.ensure(offset + len);
        for (int i = 0; i < len; i++) {
            int at = offset + i;
            if (!p.have[at]) {
                p.bytes[at] = data.get(from + i);
                p.have[at] = true;
                p.received++;
            } else if (p.bytes[at] != data.get(from + i)) {
                // Overlapping fragments that disagree: an evasion technique (RFC 1858, RFC 5722 makes it
                // fatal for IPv6). The first copy stands, and the datagram says so.
                if (p.conflicts++ == 0) {
                    p.conflictFrame = frame.number;
                }
            }
        }
        if (!more) {
            p.total = offset + len;
        }
        if (p.total >= 0 && p.received == p.total) {
            pending.remove(key);
            out.fragmentCount = p.frames.size();
            out.firstFragmentFrame = p.frames.get(0);
            out.fragmentFrames = List.copyOf(p.frames);
            out.overlapConflicts = p.conflicts;
            out.overlapConflictFrame = p.conflictFrame;
            return ByteBuffer.wrap(p.bytes, 0, p.total);
        }
        return null;
    }

    @Override
    public void expire(long now) {
        if (pending.isEmpty()) {
            return; // the usual case: no iterator per frame
        }
        Iterator<Map.Entry<Key, Pending>> it = pending.entrySet().iterator();
        while (it.hasNext()) {
            Pending p = it.next().getValue();
            if (now - p.firstSeen <= TIMEOUT_NANOS) {
                break; // insertion order: the rest are younger
            }
            drop(p, FragmentsLost.TIMEOUT);
            it.remove();
        }
    }

    private void drop(Pending p, FragmentsLost reason) {
        dropped++;
        if (!p.reported && incomplete.size() < MAX_UNDRAINED) {
            incomplete.add(p.incomplete(reason));
        }
    }

    @Override
    public long dropped() {
        return dropped;
    }

    /** As {@link #drainIncompleteSets()}, the frames only (the two drain the same sets). */
    @Override
    public long[] drainIncomplete() {
        return drainIncompleteSets().stream().flatMap(s -> s.frames().stream()).mapToLong(Long::longValue).toArray();
    }

    @Override
    public List<IncompleteSet> drainIncompleteSets() {
        if (incomplete.isEmpty()) {
            return List.of();
        }
        List<IncompleteSet> r = List.copyOf(incomplete);
        incomplete.clear();
        return r;
    }

    @Override
    public List<IncompleteSet> takePendingSets() {
        List<IncompleteSet> r = new ArrayList<>();
        for (Pending p : pending.values()) {
            if (!p.reported) {
                r.add(p.incomplete(FragmentsLost.PENDING));
                p.reported = true;
            }
        }
        return r;
    }

    /** Frames of fragments still waiting (at the end of a capture: sets that never completed). */
    public List<Long> pendingFrames() {
        List<Long> r = new ArrayList<>();
        for (Pending p : pending.values()) {
            r.addAll(p.frames);
        }
        return r;
    }

    private record Key(int version, byte[] src, byte[] dst, int id, int protocol) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && k.version == version && k.id == id && k.protocol == protocol
                    && Arrays.equals(k.src, src) && Arrays.equals(k.dst, dst);
        }

        @Override
        public int hashCode() {
            return ((Arrays.hashCode(src) * 31 + Arrays.hashCode(dst)) * 31 + id) * 31 + protocol;
        }
    }

    private static final class Pending {
        final Key key;
        final long firstSeen;
        long lastSeen;
        /** Already handed out by {@link #takePendingSets()}: not reported again when dropped. */
        boolean reported;
        final List<Long> frames = new ArrayList<>(4);
        byte[] bytes = new byte[2048];
        boolean[] have = new boolean[2048];
        int received;
        int total = -1;
        int conflicts;
        long conflictFrame;

        Pending(Key key, long firstSeen) {
            this.key = key;
            this.firstSeen = firstSeen;
            this.lastSeen = firstSeen;
        }

        IncompleteSet incomplete(FragmentsLost reason) {
            int head = 0;
            while (head < IncompleteSet.HEAD_BYTES && head < have.length && have[head]) {
                head++;
            }
            return new IncompleteSet(key.version, key.src, key.dst, key.protocol, frames, firstSeen, lastSeen,
                    received, Arrays.copyOf(bytes, head), reason);
        }

        void ensure(int n) {
            if (n > bytes.length) {
                int size = Math.min(MAX_DATAGRAM_BYTES, Math.max(n, bytes.length * 2));
                bytes = Arrays.copyOf(bytes, size);
                have = Arrays.copyOf(have, size);
            }
        }
    }
}
