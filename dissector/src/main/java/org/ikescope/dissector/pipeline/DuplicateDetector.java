package org.ikescope.dissector.pipeline;

import java.nio.ByteBuffer;

/**
 * Finds exact duplicates: the same IP packet bytes seen again within a short time, as a SPAN
 * session that mirrors both directions of two links delivers them (the copies may differ in
 * their link layer, e.g. one 802.1Q-tagged, so the IP packet is compared, not the frame).
 * Keeps the last {@link #RING} packets (a copy of each, or for a large one a hash).
 *
 * <p>A SPAN capture is mostly unique packets, so the common answer must be cheap: each packet
 * gets a key from its length and first {@link #KEY_BYTES} bytes (the IP header with its ID and
 * checksum, the ESP SPI and sequence number, the ISAKMP cookies), and a counting filter over the
 * ring's keys ({@link #FILTER} buckets, about 3% of them in use) says "no" for nearly every
 * packet without looking at the ring. Only when the packet's bucket holds a key is the ring
 * scanned, and a packet with the same key, length and time window is compared byte for byte.
 * Why copies rather than a hash of the whole packet: a hash read every byte of every packet with
 * a chain of multiplications (a sixth of the SPAN run); a copy is one bulk move, and the full
 * compare runs only on a key hit.
 */
final class DuplicateDetector {
    static final int RING = 256;
    /** SPAN copies arrive microseconds apart; a peer's retransmission comes seconds later. */
    static final long DEFAULT_WINDOW_NANOS = 50_000_000L;
    /** Bytes of the packet in its key: an IPv4 header and the 12 bytes after it. */
    static final int KEY_BYTES = 32;
    /** Buckets of the counting filter: a power of two, 32 per ring entry. */
    static final int FILTER = 8192;
    /**
     * Larger packets (jumbo frames, reassembled datagrams) keep a 64-bit hash of their bytes
     * instead of a copy, so the ring stays within 256 x 2 KiB per capture point.
     */
    static final int MAX_COPY = 2048;

    private final long windowNanos;
    private final long[] keys = new long[RING];
    private final long[] times = new long[RING];
    private final long[] frames = new long[RING];
    private final int[] lengths = new int[RING];
    /** Each ring entry's packet bytes (its first {@code lengths[i]} bytes), arrays reused as they fit. */
    private final byte[][] packets = new byte[RING][];
    /** The hash of the bytes of each entry longer than {@link #MAX_COPY}. */
    private final long[] hashes = new long[RING];
    /** Ring entries (with a frame number) whose key falls in each bucket. */
    private final short[] filter = new short[FILTER];
    private int next;

    DuplicateDetector(long windowNanos) {
        this.windowNanos = windowNanos;
    }

    /** Returns the frame number this packet duplicates, or 0; remembers it either way. */
    long check(ByteBuffer b, int from, int to, long time, long frame) {
        int len = to - from;
        long k = key(b, from, to);
        boolean copied = len <= MAX_COPY;
        long h = 0;
        if (!copied) {
            h = hash(b, from, to);
        }
        if (filter[bucket(k)] != 0) {
            for (int i = 0; i < RING; i++) {
                if (frames[i] != 0 && keys[i] == k && lengths[i] == len && Math.abs(time - times[i]) <= windowNanos
                        && (copied ? same(packets[i], b, from, len) : hashes[i] == h)) {
                    return frames[i];
                }
            }
        }
        if (frames[next] != 0) {
            filter[bucket(keys[next])]--;
        }
        if (frame != 0) {
            filter[bucket(k)]++;
        }
        if (copied) {
            byte[] copy = packets[next];
            if (copy == null || copy.length < len) {
                copy = new byte[Math.max(len, 256)];
                packets[next] = copy;
            }
            b.get(from, copy, 0, len);
        }
        hashes[next] = h;
        keys[next] = k;
        times[next] = time;
        frames[next] = frame;
        lengths[next] = len;
        next = (next + 1) & (RING - 1);
        return 0;
    }

    private static boolean same(byte[] kept, ByteBuffer b, int from, int len) {
        return b.slice(from, len).equals(ByteBuffer.wrap(kept, 0, len));
    }

    private static int bucket(long k) {
        return (int) (k >>> 51) & (FILTER - 1);
    }

    /** The length and the first {@link #KEY_BYTES} bytes (fewer in a shorter packet), mixed (murmur3 fmix64). */
    static long key(ByteBuffer b, int from, int to) {
        long h = to - from;
        if (to - from >= KEY_BYTES) {
            h = h * 0x9e3779b97f4a7c15L ^ b.getLong(from);
            h = h * 0x9e3779b97f4a7c15L ^ b.getLong(from + 8);
            h = h * 0x9e3779b97f4a7c15L ^ b.getLong(from + 16);
            h = h * 0x9e3779b97f4a7c15L ^ b.getLong(from + 24);
        } else {
            for (int i = from; i < to; i++) {
                h = h * 31 + (b.get(i) & 0xff);
            }
        }
        return fmix(h);
    }

    /**
     * FNV-1a style over 8-byte words in four independent lanes (so the multiplications overlap),
     * the lanes folded together, with a final avalanche (murmur3 fmix64).
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
        for (; i < to; i++) {
            h ^= b.get(i) & 0xff;
            h *= 0x100000001b3L;
        }
        return fmix(h);
    }

    private static long fmix(long h) {
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        h ^= h >>> 33;
        return h;
    }
}
