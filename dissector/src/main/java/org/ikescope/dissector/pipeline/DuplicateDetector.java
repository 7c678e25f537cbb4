package org.ikescope.dissector.pipeline;

import java.nio.ByteBuffer;

/**
 * Finds exact duplicates: the same IP packet bytes seen again within a short time, as a SPAN
 * session that mirrors both directions of two links delivers them (the copies may differ in
 * their link layer, e.g. one 802.1Q-tagged, so the IP packet is compared, not the frame).
 * Keeps the last {@link #RING} packets' 64-bit hashes; no packet bytes are stored.
 */
final class DuplicateDetector {
    static final int RING = 256;
    /** SPAN copies arrive microseconds apart; a peer's retransmission comes seconds later. */
    static final long DEFAULT_WINDOW_NANOS = 50_000_000L;

    private final long windowNanos;
    private final long[] hashes = new long[RING];
    private final long[] times = new long[RING];
    private final long[] frames = new long[RING];
    private final int[] lengths = new int[RING];
    private int next;

    DuplicateDetector(long windowNanos) {
        this.windowNanos = windowNanos;
    }

    /** Returns the frame number this packet duplicates, or 0; remembers it either way. */
    long check(ByteBuffer b, int from, int to, long time, long frame) {
        long h = hash(b, from, to);
        int len = to - from;
        for (int i = 0; i < RING; i++) {
            if (frames[i] != 0 && hashes[i] == h && lengths[i] == len && Math.abs(time - times[i]) <= windowNanos) {
                return frames[i];
            }
        }
        hashes[next] = h;
        times[next] = time;
        frames[next] = frame;
        lengths[next] = len;
        next = (next + 1) & (RING - 1);
        return 0;
    }

    /** FNV-1a over 8-byte words with a final avalanche (murmur3 fmix64): fast, no allocation. */
    static long hash(ByteBuffer b, int from, int to) {
        long h = 0xcbf29ce484222325L;
        int i = from;
        for (; i + 8 <= to; i += 8) {
            h ^= b.getLong(i);
            h *= 0x100000001b3L;
            h = Long.rotateLeft(h, 31);
        }
        for (; i < to; i++) {
            h ^= b.get(i) & 0xff;
            h *= 0x100000001b3L;
        }
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        h ^= h >>> 33;
        return h;
    }
}
