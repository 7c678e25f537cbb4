package org.ikescope.api.plugin;

import java.util.List;
import java.util.Optional;

/** What an exchange shows of NAT and NAT traversal (RFC 3947, and its drafts). */
public interface NatView {
    /** True when the peers moved from UDP 500 to 4500 (or a mapping of it) mid-exchange. */
    boolean floatedTo4500();

    /** True when NAT-D payloads (RFC 3947 or draft) were seen (false also when the analyzer did not keep payload types). */
    boolean natDiscoverySeen();

    /** Names of the NAT-T vendor IDs the initiator sent ({@code RFC 3947}, {@code draft-ietf-ipsec-nat-t-ike-02}...). */
    List<String> initiatorNatTVendorIds();

    /** Names of the NAT-T vendor IDs the responder sent. */
    List<String> responderNatTVendorIds();

    /** NAT-T vendor ID names of one side. */
    default List<String> natTVendorIds(Side side) {
        return side == Side.INITIATOR ? initiatorNatTVendorIds() : responderNatTVendorIds();
    }

    /** True when both sides announced NAT traversal. */
    default boolean natTNegotiated() {
        return !initiatorNatTVendorIds().isEmpty() && !responderNatTVendorIds().isEmpty();
    }

    /**
     * Whether a NAT is evident on the path: a peer's source port other than 500/4500, or NAT-D
     * hashes that do not match the addresses seen. Empty when the capture cannot tell.
     */
    Optional<Boolean> natDetected();
}
