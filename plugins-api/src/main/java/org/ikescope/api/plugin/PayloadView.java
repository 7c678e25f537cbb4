package org.ikescope.api.plugin;

/** Read-only view of one payload of a message. */
public interface PayloadView {
    /** Wire payload type (see {@link org.ikescope.api.protocol.PayloadType}). */
    int type();

    /**
     * Registry name in this message's context ({@code SA}, {@code VID}, {@code NAT_D}; 15 is
     * {@code NAT_D_DRAFT} between peers using draft NAT-T).
     */
    String name();

    /** Offset of the payload's generic header from the start of the ISAKMP header. */
    int offset();

    /** The payload body: the bytes after the 4-byte generic payload header. */
    ImmutableBytes body();
}
