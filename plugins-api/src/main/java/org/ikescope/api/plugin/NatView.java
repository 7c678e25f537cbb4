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
     * Whether a NAT is evident on the path: a side found {@linkplain #behindNat(Side) behind a NAT}
     * (NAT-D hashes that do not match the addresses seen), else a peer's source port other than
     * 500/4500. False when the NAT-D hashes of both sides match. Empty when the capture cannot tell.
     */
    Optional<Boolean> natDetected();

    /** {@link #natDiscovery()}: every NAT-D hash checked matches the captured address and port it describes. */
    String NAT_DISCOVERY_MATCHED = "matched";
    /** {@link #natDiscovery()}: at least one NAT-D hash does not match. */
    String NAT_DISCOVERY_MISMATCH = "mismatch";
    /** {@link #natDiscovery()}: phase 1 reached MM3/MM4 (AM2/AM3) in clear and no NAT-D payload was sent. */
    String NAT_DISCOVERY_ABSENT = "absent";
    /** {@link #natDiscovery()}: not checked (no such message, encrypted, IKEv2, unknown hash algorithm). */
    String NAT_DISCOVERY_UNKNOWN = "unknown";

    /**
     * Whether a NAT translates the initiator's address, decided as the peers decide it (RFC 3947
     * section 3.2): its NAT-D hash of its own address does not match its source address and port
     * at the capture point, or the responder's hash of the initiator's address does not match the
     * destination. A port other than 500/4500, or NAT-T keepalives from it, also count. Empty when
     * the capture cannot tell, in particular when neither side's own hash matches and nothing else
     * tells them apart: strongSwan with kernel-libipsec sends a deliberately wrong hash to force UDP
     * encapsulation, so that "NAT" and "forced encapsulation" look the same. Since API 1.1.
     *
     * @return true behind a NAT, false when the evidence shows none, empty when unknown
     */
    default Optional<Boolean> initiatorBehindNat() {
        return Optional.empty();
    }

    /** As {@link #initiatorBehindNat()}, for the responder. Since API 1.1. */
    default Optional<Boolean> responderBehindNat() {
        return Optional.empty();
    }

    /** {@link #initiatorBehindNat()} or {@link #responderBehindNat()}. Since API 1.1. */
    default Optional<Boolean> behindNat(Side side) {
        return side == Side.INITIATOR ? initiatorBehindNat() : responderBehindNat();
    }

    /**
     * What the NAT-D hashes showed: {@link #NAT_DISCOVERY_MATCHED}, {@link #NAT_DISCOVERY_MISMATCH},
     * {@link #NAT_DISCOVERY_ABSENT} or {@link #NAT_DISCOVERY_UNKNOWN}. Since API 1.1.
     */
    default String natDiscovery() {
        return NAT_DISCOVERY_UNKNOWN;
    }

    /** One line for people on what the NAT-D hashes showed (empty when none were seen). Since API 1.1. */
    default String natDiscoveryNote() {
        return "";
    }
}
