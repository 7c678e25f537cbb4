package org.ikescope.analyzer.exchange;

import java.util.Arrays;
import org.ikescope.api.plugin.ImmutableBytes;
import org.ikescope.dissector.isakmp.IsakmpMessage;
import org.ikescope.dissector.isakmp.Payload;

/**
 * The bytes of one message and where its payloads lie, kept while its exchange is open so that
 * plugins can read payload bodies when the exchange is emitted. The {@link ExchangeTracker}
 * charges them to its budget when the message is added and {@link #release releases} them once
 * the exchange was diagnosed and written: an {@link Exchange} kept longer (for the end-of-capture
 * diagnosis) then holds no bytes, and {@link #available()} is false.
 *
 * <p>Not a copy: {@link IsakmpMessage#bytes()} is already the one private copy the dissector made
 * of the datagram, which nobody modifies; the payload views are slices of it.
 */
public final class MessageBytes {
    /** No bytes: an encrypted message, one beyond the budget, or one released. */
    public static final MessageBytes NONE = new MessageBytes(null, null, 0);

    /**
     * Heap charged per message beyond its bytes, as a 64-bit JVM with compressed references lays
     * it out: this object (12-byte header, two references, a long: 32), the headers of the two
     * arrays (2 x 16) and their padding (up to 8). The charge is what the message keeps alive.
     */
    static final int OVERHEAD_BYTES = 72;
    /** The generic payload header (RFC 2408 section 3.2): Next Payload, RESERVED, Payload Length. */
    static final int GENERIC_HEADER_BYTES = 4;
    /** Per payload: its offset and length in the bounds array. */
    static final int BYTES_PER_PAYLOAD = 2 * Integer.BYTES;

    private byte[] bytes;
    /** Offset and Payload Length of each payload, in order; null once released. */
    private int[] bounds;
    private final long charge;

    private MessageBytes(byte[] bytes, int[] bounds, long charge) {
        this.bytes = bytes;
        this.bounds = bounds;
        this.charge = charge;
    }

    /** What keeping {@code m}'s bytes would cost (see {@link #OVERHEAD_BYTES}). */
    static long charge(IsakmpMessage m) {
        return (long) m.bytes().length + (long) BYTES_PER_PAYLOAD * m.payloads().size() + OVERHEAD_BYTES;
    }

    /** Keeps {@code m}'s bytes and payload bounds; the caller has charged {@link #charge(IsakmpMessage)}. */
    static MessageBytes of(IsakmpMessage m) {
        int[] b = new int[2 * m.payloads().size()];
        int i = 0;
        for (Payload p : m.payloads()) {
            b[i++] = p.offset();
            b[i++] = p.length();
        }
        return new MessageBytes(m.bytes(), b, charge(m));
    }

    /** True when the bytes are here (kept, and not yet released). */
    public boolean available() {
        return bytes != null;
    }

    /** True when {@code other} holds the same bytes (a retransmission may share its original's). */
    boolean sameBytes(byte[] other) {
        return bytes != null && Arrays.equals(bytes, other);
    }

    /** Payloads whose bounds are kept (0 when not {@link #available()}). */
    public int payloadCount() {
        return bounds == null ? 0 : bounds.length / 2;
    }

    /** Offset of payload {@code i}'s generic header from the start of the ISAKMP header. */
    public int offset(int i) {
        return bounds[2 * i];
    }

    /**
     * The body of payload {@code i}: after its 4-byte generic header up to its Payload Length,
     * cut at the end of the message (a truncated payload); empty when there is none. A slice of
     * the kept bytes, not a copy (see the class comment).
     */
    public ImmutableBytes body(int i) {
        int from = bounds[2 * i] + GENERIC_HEADER_BYTES;
        int to = Math.min(bounds[2 * i] + bounds[2 * i + 1], bytes.length);
        return from < 0 || to <= from ? ImmutableBytes.EMPTY : ImmutableBytes.wrap(bytes, from, to - from);
    }

    /** Drops the bytes; returns what they were charged, or 0 when already released (or shared and released). */
    long release() {
        if (bytes == null) {
            return 0;
        }
        bytes = null;
        bounds = null;
        return charge;
    }
}
