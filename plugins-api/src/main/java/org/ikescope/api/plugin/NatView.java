package org.ikescope.api.plugin;

import java.util.List;
import java.util.Optional;

/** What an exchange shows of NAT and NAT traversal (RFC 3947, and its drafts). */
public interface NatView {
    /** True when the peers moved from UDP 500 to 4500 (or a mapping of it) mid-exchange. */
    boolean floatedTo4500();

    /** True when NAT-D payloads (RFC 3947 or draft) were seen (false also when the analyzer did not keep payload types). */
    boolean natDiscoverySeen();

    /** The NAT-T vendor IDs the initiator sent ({@code RFC 3947}, {@code draft-ietf-ipsec-nat-t-ike-02}...). */
    List<VendorIdView> initiatorNatTVendorIds();

    /** The NAT-T vendor IDs the responder sent. */
    List<VendorIdView> responderNatTVendorIds();

    /** NAT-T vendor IDs of one side. */
    default List<VendorIdView> natTVendorIds(Side side) {
        return side == Side.INITIATOR ? initiatorNatTVendorIds() : responderNatTVendorIds();
    }

    /** True when both sides announced NAT traversal. */
    default boolean natTNegotiated() {
        return !initiatorNatTVendorIds().isEmpty() && !responderNatTVendorIds().isEmpty();
    }

    /**
     * Whether a NAT is evident on the path: a side found {@linkplain #behindNat(Side) behind a NAT}
     * (NAT-D hashes that do not match the addresses seen), else a peer's source port other than
     * 500/4500. False when the NAT-D hashes of both sides match. Empty when the capture cannot tell.
     */
    Optional<Boolean> natDetected();

    /**
     * Whether a NAT translates the initiator's address, decided as the peers decide it (RFC 3947
     * section 3.2): its NAT-D hash of its own address does not match its source address and port
     * at the capture point, or the responder's hash of the initiator's address does not match the
     * destination. A port other than 500/4500, or NAT-T keepalives from it, also count. Empty when
     * the capture cannot tell, in particular when neither side's own hash matches and nothing else
     * tells them apart: strongSwan with kernel-libipsec sends a deliberately wrong hash to force UDP
     * encapsulation, so that "NAT" and "forced encapsulation" look the same.
     *
     * @return true behind a NAT, false when the evidence shows none, empty when unknown
     */
    Optional<Boolean> initiatorBehindNat();

    /** As {@link #initiatorBehindNat()}, for the responder. */
    Optional<Boolean> responderBehindNat();

    /** {@link #initiatorBehindNat()} or {@link #responderBehindNat()}. */
    default Optional<Boolean> behindNat(Side side) {
        return side == Side.INITIATOR ? initiatorBehindNat() : responderBehindNat();
    }

    /** What checking the NAT-D hashes against the captured addresses showed. */
    NatDiscoveryResult natDiscovery();

    /** One line for people on what the NAT-D hashes showed (empty when none were seen). */
    String natDiscoveryNote();
}
