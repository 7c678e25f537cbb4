package org.ikescope.analyzer.exchange;

import java.util.List;
import org.ikescope.api.plugin.Side;
import org.ikescope.api.plugin.Step;
import org.ikescope.api.protocol.ExchangeType;
import org.ikescope.dissector.isakmp.IsakmpMessage;

/**
 * One message of an IKE SA as it crossed the capture point.
 *
 * @param frame                frame number (for an IP-fragmented datagram, its last fragment)
 * @param timeNanos            capture time, nanoseconds since the epoch
 * @param file                 the capture it came from
 * @param step                 what it is ({@link Step#OTHER} for exchange types without steps)
 * @param from                 the side that sent it
 * @param ikev2                an IKEv2 message
 * @param exchangeType         ISAKMP exchange type code
 * @param messageId            Message ID (0 in main and aggressive mode)
 * @param response             IKEv2 R flag (always false in IKEv1)
 * @param encrypted            the body was encrypted on the wire
 * @param decrypted            it was encrypted and ikescope decrypted it: {@code payloads} are the plaintext's
 * @param size                 bytes of the ISAKMP message (header included)
 * @param srcPort              sender's UDP port
 * @param dstPort              receiver's UDP port
 * @param nonEspMarker         carried on a NAT-T port after the non-ESP marker
 * @param vlan                 outermost 802.1Q VLAN id, or -1
 * @param retransmissionOf     frame of the first copy this one repeats, or 0
 * @param retransmissionNumber 1 for the first repeat, 2 for the second...; 0 when not a repeat
 * @param retransmissions      for a first copy: how many times it was repeated
 * @param inResponseTo         frame of the message from the other side this one answers, or 0
 * @param rttNanos             time since that message (a round trip seen from the capture point), or -1
 * @param answeredBy           frame of the first answer from the other side, or 0
 * @param notifyTypes          notify message types of its readable N payloads (registry of its version)
 * @param ipFragmentFrames     frames of its IP fragments (empty when not fragmented)
 * @param ikeFragmentFrames    frames of the IKE fragments it was rebuilt from (empty when none)
 * @param payloads             its payloads in order when in clear text or decrypted; empty when encrypted
 * @param payloadBytes         the message's bytes and payload bounds, for the plugins: kept within the
 *                             tracker's budget and only until the record was diagnosed and written
 *                             ({@link MessageBytes#available()} is false after that, or when not kept)
 */
public record ExchangeMessage(long frame, long timeNanos, String file, Step step, Side from, boolean ikev2,
                              int exchangeType, int messageId, boolean response, boolean encrypted, boolean decrypted,
                              int size, int srcPort, int dstPort, boolean nonEspMarker, int vlan, long retransmissionOf,
                              int retransmissionNumber, int retransmissions, long inResponseTo, long rttNanos,
                              long answeredBy, List<Integer> notifyTypes, List<Long> ipFragmentFrames,
                              List<Long> ikeFragmentFrames, PayloadShape payloads, MessageBytes payloadBytes) {
    public ExchangeMessage {
        payloadBytes = payloadBytes == null ? MessageBytes.NONE : payloadBytes;
        payloads = payloads == null ? PayloadShape.NONE : payloads;
        notifyTypes = List.copyOf(notifyTypes);
        ipFragmentFrames = List.copyOf(ipFragmentFrames);
        ikeFragmentFrames = List.copyOf(ikeFragmentFrames);
    }

    /** The step's label ({@code MM1}, {@code IKE_AUTH request}); for {@link Step#OTHER} the exchange's name. */
    public String label() {
        return label(step, ikev2, exchangeType, response);
    }

    /** The label of a message of {@code step}; for {@link Step#OTHER} the exchange's name (and IKEv2 request or response). */
    static String label(Step step, boolean ikev2, int exchangeType, boolean response) {
        if (step != Step.OTHER) {
            return step.label();
        }
        String name = ExchangeType.nameOf(exchangeType);
        return ikev2 ? name + (response ? " response" : " request") : name;
    }

    public boolean isRetransmission() {
        return retransmissionOf != 0;
    }

    /** Message ID as 8 lowercase hex digits. */
    public String messageIdHex() {
        return IsakmpMessage.hex32(messageId);
    }
}
