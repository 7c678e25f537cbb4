package org.ikescope.dissector.isakmp;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Per-SA decoding contexts keyed by initiator cookie, least recently used evicted past
 * {@link #DEFAULT_CAPACITY} (a bound on memory whatever the capture's size). Wireshark keys its
 * IKEv1 decryption state the same way.
 */
public final class SaContextTable {
    public static final int DEFAULT_CAPACITY = 65536;
    /** Dropped IKE fragment sets kept until drained; beyond it they are counted only (nobody drains). */
    static final int MAX_UNDRAINED = 4096;

    private final int capacity;
    private long evicted;
    /** IKE fragment sets dropped incomplete by any context, until {@link #drainDroppedFragmentSets()}. */
    private final List<IncompleteIkeFragments> droppedFragmentSets = new ArrayList<>();
    private final LinkedHashMap<Long, SaContext> map;

    public SaContextTable() {
        this(DEFAULT_CAPACITY);
    }

    public SaContextTable(int capacity) {
        this.capacity = capacity;
        this.map = new LinkedHashMap<>(256, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<Long, SaContext> eldest) {
                if (size() > SaContextTable.this.capacity) {
                    evicted++;
                    eldest.getValue().dropAllFragments(IncompleteIkeFragments.EVICTED);
                    return true;
                }
                return false;
            }
        };
    }

    /** The context of {@code initiatorCookie}, created on first use. */
    public SaContext get(long initiatorCookie) {
        SaContext c = map.get(initiatorCookie);
        if (c == null) {
            c = new SaContext(initiatorCookie, droppedFragmentSets);
            map.put(initiatorCookie, c);
        }
        return c;
    }

    /** The context of {@code initiatorCookie}, or null (never creates one). */
    public SaContext find(long initiatorCookie) {
        return map.get(initiatorCookie);
    }

    /** True when IKE fragment sets were dropped incomplete since the last drain (cheap: checked per message). */
    public boolean hasDroppedFragmentSets() {
        return !droppedFragmentSets.isEmpty();
    }

    /** IKE fragment sets dropped incomplete (evicted, invalid, timed out) since the last call, in drop order. */
    public List<IncompleteIkeFragments> drainDroppedFragmentSets() {
        if (droppedFragmentSets.isEmpty()) {
            return List.of();
        }
        List<IncompleteIkeFragments> r = List.copyOf(droppedFragmentSets);
        droppedFragmentSets.clear();
        return r;
    }

    /** The contexts holding IKE fragments that wait for the rest of their set (a snapshot). */
    public List<SaContext> withPendingFragments() {
        List<SaContext> r = new ArrayList<>();
        for (SaContext c : map.values()) {
            if (c.hasPendingFragments()) {
                r.add(c);
            }
        }
        return r;
    }

    /** Contexts evicted because the table was full. */
    public long evicted() {
        return evicted;
    }

    public int size() {
        return map.size();
    }
}
