package org.ikescope.dissector.isakmp;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Per-SA decoding contexts keyed by initiator cookie, least recently used evicted past
 * {@link #DEFAULT_CAPACITY} (a bound on memory whatever the capture's size). Wireshark keys its
 * IKEv1 decryption state the same way.
 */
public final class SaContextTable {
    public static final int DEFAULT_CAPACITY = 65536;

    private final int capacity;
    private long evicted;
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
            c = new SaContext(initiatorCookie);
            map.put(initiatorCookie, c);
        }
        return c;
    }

    /** Contexts evicted because the table was full. */
    public long evicted() {
        return evicted;
    }

    public int size() {
        return map.size();
    }
}
