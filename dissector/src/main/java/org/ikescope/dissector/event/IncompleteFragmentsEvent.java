package org.ikescope.dissector.event;

import java.util.List;
import org.ikescope.api.plugin.FragmentKind;
import org.ikescope.api.plugin.Side;
import org.ikescope.dissector.model.Endpoint;
import org.ikescope.dissector.model.FragmentsLost;
import org.ikescope.dissector.session.SaSession;

/**
 * Fragments that never became a whole datagram or message at the capture point: an IP fragment
 * set (RFC 791, RFC 8200 section 4.5) or a set of IKE fragments (payload 132) that lacked a piece
 * when it was dropped (timeout, a cap) or when the capture ended. The missing pieces were lost
 * before the capture point, or by the capture itself.
 *
 * @param file            the capture being read when the set was given up
 * @param kind            IP or IKE fragments
 * @param src             sender. IP: the fragments' source address, with the UDP port when the
 *                        first fragment (offset 0) arrived, else port 0. IKE: the sender of the first
 *                        fragment
 * @param dst             receiver, likewise
 * @param initiatorCookie ISAKMP initiator cookie: always for IKE; for IP when the first fragment
 *                        carried the ISAKMP header, else 0
 * @param frames          frames of the fragments received (IP: arrival order; IKE: ascending)
 * @param firstNanos      capture time of the first fragment received
 * @param lastNanos       capture time of the last fragment received
 * @param bytes           bytes received (IP: distinct bytes of the fragmented datagram; IKE: fragment data)
 * @param reason          why the set was given up ({@link FragmentsLost#PENDING}: still waiting when
 *                        the capture ended)
 * @param session         the IKE SA's session: always for IKE; for IP when the cookie names a known SA; else null
 * @param from            the side that sent the fragments, when {@code session} is known; else null
 */
public record IncompleteFragmentsEvent(String file, FragmentKind kind, Endpoint src, Endpoint dst, long initiatorCookie,
                                       List<Long> frames, long firstNanos, long lastNanos, long bytes,
                                       FragmentsLost reason, SaSession session, Side from) {
    public IncompleteFragmentsEvent {
        frames = List.copyOf(frames);
    }
}
