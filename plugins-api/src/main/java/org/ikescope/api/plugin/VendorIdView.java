package org.ikescope.api.plugin;

/** One vendor ID payload's content, and its meaning when ikescope's catalogue knows it. */
public interface VendorIdView {
    /** The vendor ID bytes (for a catalogue entry that matches by prefix, the prefix); empty when not kept. */
    ImmutableBytes bytes();

    /** The catalogue label ("RFC 3947", "Cisco Unity", "Dead Peer Detection v1.0", ...), or {@code null}. */
    String name();

    /** True when this VID announces NAT traversal (RFC 3947 or a draft-ietf-ipsec-nat-t-ike version). */
    boolean natTraversal();

    /** Lower-case hex of {@link #bytes()}. */
    default String hex() {
        return bytes().hex();
    }
}
