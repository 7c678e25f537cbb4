package org.ikescope.analyzer.exchange;

import org.ikescope.api.plugin.NatDiscoveryResult;
import org.ikescope.api.plugin.Side;

/**
 * Which side of an IKE SA a NAT translates, decided as the peers decide it (RFC 3947 section
 * 3.2: their NAT-D hashes checked against the addresses and ports captured), and from ports and
 * keepalives where the hashes leave it open; see {@link NatDiscovery}.
 *
 * @param initiatorBehindNat true, false, or null when the capture cannot tell
 * @param responderBehindNat likewise
 * @param natDiscovery       what the NAT-D hashes showed
 * @param hashesChecked      NAT-D hashes compared
 * @param note               one line for people, or null when no NAT-D was seen
 */
public record NatDetection(Boolean initiatorBehindNat, Boolean responderBehindNat, NatDiscoveryResult natDiscovery,
                           int hashesChecked, String note) {
    public static final NatDetection NONE = new NatDetection(null, null, NatDiscoveryResult.UNKNOWN, 0, null);

    public Boolean behindNat(Side side) {
        return side == Side.INITIATOR ? initiatorBehindNat : responderBehindNat;
    }
}
