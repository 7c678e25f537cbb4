package org.ikescope.analyzer.exchange;

import java.util.List;
import org.ikescope.api.plugin.Side;

/**
 * One IKEv1 informational exchange (one message ID; IKEv1 informationals are one message, so an
 * answer, such as a DPD R-U-THERE-ACK, has its own message ID). Without keys only its size,
 * direction, timing and whether the other side answered are known.
 *
 * @param messageId       Message ID
 * @param frame           its (first) frame
 * @param timeNanos       its time
 * @param from            who sent it
 * @param encrypted       encrypted on the wire
 * @param size            bytes of the ISAKMP message
 * @param retransmissions how many identical copies followed
 * @param inResponseTo    frame of the message from the other side it answers (within a few seconds), or 0
 * @param answeredBy      frame of a message from the other side that answered it, or 0
 * @param rttNanos        time from the message it answers, or -1
 * @param notifications   notify types in clear text (empty when encrypted)
 * @param deletes         true when a clear-text Delete payload was seen
 */
public record Informational(int messageId, long frame, long timeNanos, Side from, boolean encrypted, int size,
                            int retransmissions, long inResponseTo, long answeredBy, long rttNanos,
                            List<String> notifications, boolean deletes) {
    public Informational {
        notifications = List.copyOf(notifications);
    }

    public String messageIdHex() {
        return org.ikescope.dissector.isakmp.IsakmpMessage.hex32(messageId);
    }
}
