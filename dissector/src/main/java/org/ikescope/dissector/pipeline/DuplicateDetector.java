package org.ikescope.dissector.pipeline;

import java.nio.ByteBuffer;

/**
 * Finds exact duplicates: the same IP packet bytes seen again within a short time, as a SPAN
 * session that mirrors both directions of two links delivers them (the copies may differ in
 * their link layer, e.g. one 802.1Q-tagged, so the IP packet is compared, not the frame).
 * Keeps the last {@link #RING} packets' 64-bit hashes; no packet bytes are stored.
 *
 * <p>A SPAN capture is mostly unique packets, so the common answer is "no": a counting filter
 * over the ring's hashes ({@link #FILTER} buckets, about 3% of them in use) says it for nearly
 * every packet without looking at the ring; the ring is scanned only when the packet's bucket
 * holds some hash, and then exactly as before.
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
    /** Buckets of the counting filter: a power of two, 32 per ring entry. */
    static final int FILTER = 8192;
    /** Ring entries (with a frame number) whose hash falls in each bucket. */
    private final short[] filter = new short[FILTER];
    private int next;

    DuplicateDetector(long windowNanos) {
        this.windowNanos = windowNanos;
    }

    /** Returns the frame number this packet duplicates, or 0; remembers it either way. */
    long check(ByteBuffer b, int from, int to, long time, long frame) {
        long h = hash(b, from, to);
        int len = to - from;
        if (filter[bucket(h)] != 0) {
            for (int i = 0; i < RING; i++) {
                if (frames[i] != 0 && hashes[i] == h && lengths[i] == len && Math.abs(time - times[i]) <= windowNanos) {
                    return frames[i];
                }
            }
        }
        if (frames[next] != 0) {
            filter[bucket(hashes[next])]--;
        }
        if (frame != 0) {
            filter[bucket(h)]++;
        }
        hashes[next] = h;
        times[next] = time;
        frames[next] = frame;
        lengths[next] = len;
        next = (next + 1) & (RING - 1);
        return 0;
    }

    private static int bucket(long h) {
        return (int) (h >>> 51) & (FILTER - 1);
    }

    /**
     * FNV-1a style over 8-byte words in four independent lanes (so the multiplications overlap),
     * the lanes folded together, with a final avalanche (murmur3 fmix64): fast, no allocation.
     */
    static long hash(ByteBuffer b, int from, int to) {
        long h0 = 0xcbf29ce484222325L;
        long h1 = 0x84222325cbf29ce4L;
        long h2 = 0x9e3779b97f4a7c15L;
        long h3 = 0xc2b2ae3d27d4eb4fL;
        int i = from;
        for (; i + 32 <= to; i += 32) {
            h0 = Long.rotateLeft((h0 ^ b.getLong(i)) * 0x100000001b3L, 31);
            h1 = Long.rotateLeft((h1 ^ b.getLong(i + 8)) * 0x100000001b3L, 31);
            h2 = Long.rotateLeft((h2 ^ b.getLong(i + 16)) * 0x100000001b3L, 31);
            h3 = Long.rotateLeft((h3 ^ b.getLong(i + 24)) * 0x100000001b3L, 31);
        }
        long h = h0 ^ Long.rotateLeft(h1, 17) ^ Long.rotateLeft(h2, 29) ^ Long.rotateLeft(h3, 43);
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
