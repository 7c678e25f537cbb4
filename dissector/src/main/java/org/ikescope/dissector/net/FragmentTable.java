package org.ikescope.dissector.net;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ikescope.dissector.capture.Frame;

/**
 * IPv4 (RFC 791) and IPv6 (RFC 8200 section 4.5) fragment reassembly, bounded: at most
 * {@link #MAX_DATAGRAMS} datagrams in progress (oldest dropped first), each at most
 * {@link #MAX_DATAGRAM_BYTES}, and a set incomplete {@link #TIMEOUT_NANOS} after its first
 * fragment (in capture time) is dropped. Overlapping fragments: the first copy of a byte stands.
 */
public final class FragmentTable implements IpReassembler {
    static final int MAX_DATAGRAMS = 1024;
    /** IPv4 total length is 16 bits; an IPv6 payload without jumbograms likewise. */
    static final int MAX_DATAGRAM_BYTES = 65535;
    /** RFC 8200 section 4.5 and Linux's ipfrag_time: 60 s; we give 30 s of capture time. */
    static final long TIMEOUT_NANOS = 30_000_000_000L;

    private final LinkedHashMap<Key, Pending> pending = new LinkedHashMap<>();
    private final List<Long> incomplete = new ArrayList<>();
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
                drop(it.next().getValue());
                it.remove();
            }
            p = new Pending(frame.timestampNanos);
            pending.put(key, p);
        }
        int len = to - from;
        if (offset + len > MAX_DATAGRAM_BYTES) {
            pending.remove(key);
            drop(p);
            return null;
        }
        p.frames.add(frame.number);
        p.ensure(offset + len);
        for (int i = 0; i < len; i++) {
            int at = offset + i;
            if (!p.have[at]) {
                p.bytes[at] = data.get(from + i);
                p.have[at] = true;
                p.received++;
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
            return ByteBuffer.wrap(p.bytes, 0, p.total);
        }
        return null;
    }

    private void expire(long now) {
        Iterator<Map.Entry<Key, Pending>> it = pending.entrySet().iterator();
        while (it.hasNext()) {
            Pending p = it.next().getValue();
            if (now - p.firstSeen <= TIMEOUT_NANOS) {
                break; // insertion order: the rest are younger
            }
            drop(p);
            it.remove();
        }
    }

    private void drop(Pending p) {
        dropped++;
        incomplete.addAll(p.frames);
    }

    @Override
    public long dropped() {
        return dropped;
    }

    @Override
    public long[] drainIncomplete() {
        long[] r = incomplete.stream().mapToLong(Long::longValue).toArray();
        incomplete.clear();
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
        final long firstSeen;
        final List<Long> frames = new ArrayList<>(4);
        byte[] bytes = new byte[2048];
        boolean[] have = new boolean[2048];
        int received;
        int total = -1;

        Pending(long firstSeen) {
            this.firstSeen = firstSeen;
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
