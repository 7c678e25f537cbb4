package org.ikescope.dissector.event;

import java.util.List;
import org.ikescope.api.plugin.Side;
import org.ikescope.dissector.isakmp.IsakmpMessage;
import org.ikescope.dissector.session.Decryption;
import org.ikescope.dissector.session.SaSession;
import org.ikescope.dissector.model.Endpoint;

/**
 * One ISAKMP message as it crossed the capture point.
 *
 * @param file            the capture it came from
 * @param frame           1-based frame number (for IP-fragmented datagrams, the frame that completed it)
 * @param timeNanos       capture time, nanoseconds since the epoch
 * @param src             sender
 * @param dst             receiver
 * @param nonEspMarker    it came on a NAT-T port after the 4-byte non-ESP marker (RFC 3948)
 * @param message         the decoded message
 * @param vlan            outermost 802.1Q VLAN id, or -1
 * @param ipFragments     number of IP fragments it arrived in (1 when not fragmented)
 * @param ipFragmentFrames frames of those fragments, in arrival order (empty when not fragmented)
 * @param ikeFragmentFrames for a message rebuilt from IKE fragments (payload 132), their frames; else empty
 * @param duplicateOf     frame number of the identical earlier frame this one duplicates (SPAN), or 0
 * @param icmpType        when an ICMP error quoted this message: its type; else -1
 * @param icmpCode        ICMP code, or -1
 * @param frameOffset     offset of the ISAKMP header within the frame (-1 when reassembled)
 * @param session         the IKE SA's session (roles, cookies, negotiated suite); for a message
 *                        quoted by an ICMP error, the session of an SA already seen, else null
 * @param from            the side that sent it (null when {@code session} is)
 * @param decryption      for an encrypted IKEv1 message when key material was given: what became
 *                        of it ({@code message} is then the decrypted one when it could be); else null
 */
public record MessageEvent(String file, long frame, long timeNanos, Endpoint src, Endpoint dst, boolean nonEspMarker,
                           IsakmpMessage message, int vlan, int ipFragments, List<Long> ipFragmentFrames,
                           List<Long> ikeFragmentFrames, long duplicateOf, int icmpType, int icmpCode, int frameOffset,
                           SaSession session, Side from, Decryption decryption) {
    public MessageEvent {
        ipFragmentFrames = List.copyOf(ipFragmentFrames);
        ikeFragmentFrames = List.copyOf(ikeFragmentFrames);
    }

    /** True when this is a copy of an ISAKMP message quoted inside an ICMP error, not the message itself. */
    public boolean quotedByIcmp() {
        return icmpType >= 0;
    }
}
