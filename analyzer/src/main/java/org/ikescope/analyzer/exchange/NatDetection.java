package org.ikescope.analyzer.exchange;

import org.ikescope.api.plugin.Side;

/**
 * Where a NAT sits between the peers, decided as the peers decide it: from their NAT-D payloads
 * (RFC 3947 section 3.2), checked against the addresses and ports of the captured packets, with
 * the port rewrites and NAT-T keepalives of the capture as further evidence.
 *
 * <p>A side is <em>behind a NAT</em> when its address as the capture point sees it is not the one
 * it (or its peer) hashed. Each Boolean is null when the capture cannot tell: no NAT-D payloads,
 * no known hash algorithm, or hashes that fit a NAT and forced UDP encapsulation alike (strongSwan
 * with kernel-libipsec sends a deliberately wrong hash of its own address, so that both sides
 * mismatch although no NAT exists).
 *
 * @param initiatorBehindNat true when a NAT translates the initiator's address, false when the
 *                           evidence shows none, null when unknown
 * @param responderBehindNat the same for the responder
 * @param natDiscovery       {@link #MATCHED}, {@link #MISMATCH}, {@link #ABSENT} or {@link #UNKNOWN}
 * @param hashesChecked      NAT-D hashes compared with the captured addresses
 * @param note               one line for people (what matched, what did not, and what that means),
 *                           or null when no NAT-D payload was seen
 */
public record NatDetection(Boolean initiatorBehindNat, Boolean responderBehindNat, String natDiscovery,
                           int hashesChecked, String note) {
    /** Every NAT-D hash checked matches the captured address and port of the side it describes. */
    public static final String MATCHED = "matched";
    /** At least one NAT-D hash does not match. */
    public static final String MISMATCH = "mismatch";
    /** Phase 1 reached the NAT-D step (MM3/MM4, AM2/AM3) in clear, but no NAT-D payload was sent. */
    public static final String ABSENT = "absent";
    /** Not checked: no NAT-D step in the capture, encrypted, IKEv2, or the hash algorithm is unknown. */
    public static final String UNKNOWN = "unknown";

    /** Nothing known. */
    public static final NatDetection NONE = new NatDetection(null, null, UNKNOWN, 0, null);

    /** Whether {@code side} is behind a NAT (null: unknown). */
    public Boolean behindNat(Side side) {
        return side == Side.INITIATOR ? initiatorBehindNat : responderBehindNat;
    }
}
