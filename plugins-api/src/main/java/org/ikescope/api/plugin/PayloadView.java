package org.ikescope.api.plugin;

import org.ikescope.api.protocol.PayloadType;

/**
 * Read-only view of one payload of a message.
 *
 * <p>The host keeps the bytes of a message only while its exchange is open and within a memory
 * budget (a capture of any size must analyse in a fixed heap). When it did not keep them,
 * {@link #bodyAvailable()} is false, {@link #offset()} is -1 and {@link #body()} is empty: type
 * and name are always there.
 */
public interface PayloadView {
    /** Wire payload type: the previous payload's Next Payload value. */
    int type();

    /**
     * What the payload is in this message's context: usually {@code PayloadType.of(type())}, but
     * 15 and 16 between peers that announced draft NAT-T are {@link PayloadType#NAT_D_DRAFT} and
     * {@link PayloadType#NAT_OA_DRAFT} (the wire number stays in {@link #type()});
     * {@link PayloadType#UNKNOWN} for an unassigned number.
     */
    PayloadType payloadType();

    /** Registry name in this message's context ({@code SA}, {@code VID}, {@code NAT_D}, {@code NAT_D_DRAFT}...). */
    default String name() {
        PayloadType t = payloadType();
        return t != PayloadType.UNKNOWN ? t.wireName() : PayloadType.nameOf(type());
    }

    /**
     * Offset of the payload's generic header from the start of the ISAKMP header (for a decrypted
     * message: of the plaintext that follows the header); -1 when the host did not keep it (see
     * {@link #bodyAvailable()}).
     */
    int offset();

    /**
     * The payload body: the bytes after the 4-byte generic payload header, up to the Payload
     * Length (cut at the end of the message when the payload is truncated). Empty when the
     * payload has no body, and when the host did not keep it: tell the two apart with
     * {@link #bodyAvailable()}.
     */
    ImmutableBytes body();

    /**
     * True when {@link #body()} holds the payload's bytes; false when the host did not keep them
     * (the analyzer's per-capture budget of message bytes was spent, or the view was built after
     * the exchange was emitted, as for {@link EndOfCaptureHook}). The default follows
     * {@link #offset()}: a host that keeps a body also knows where it was.
     *
     * @since 1.1 (kept in 2.0)
     */
    default boolean bodyAvailable() {
        return offset() >= 0;
    }
}
