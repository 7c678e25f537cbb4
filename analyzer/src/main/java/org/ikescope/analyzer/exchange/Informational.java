package org.ikescope.analyzer.exchange;

import java.util.List;
import org.ikescope.api.plugin.Side;
import org.ikescope.dissector.isakmp.IsakmpMessage;

/**
 * One informational exchange under an IKE SA (IKEv1: one message and its retransmissions; IKEv2:
 * an INFORMATIONAL request).
 *
 * @param frame           frame of its first copy
 * @param retransmissions how often it was repeated
 * @param inResponseTo    the frame from the other side it answers, or 0
 * @param answeredBy      the frame from the other side that answered it, or 0
 * @param rttNanos        time to that answer, or -1
 * @param notifyTypes     notify types it carried when readable (registry of the SA's version)
 * @param deletes         it deletes the IKE SA
 * @param deletions       its Delete payloads, when readable
 * @param dpdSequence     the sequence number of its R-U-THERE or R-U-THERE-ACK, or -1
 */
public record Informational(int messageId, long frame, long timeNanos, Side from, boolean encrypted, int size,
                            int retransmissions, long inResponseTo, long answeredBy, long rttNanos,
                            List<Integer> notifyTypes, boolean deletes, List<Deletion> deletions, long dpdSequence) {
    public Informational {
        notifyTypes = List.copyOf(notifyTypes);
        deletions = List.copyOf(deletions);
    }

    public String messageIdHex() {
        return IsakmpMessage.hex32(messageId);
    }
}
