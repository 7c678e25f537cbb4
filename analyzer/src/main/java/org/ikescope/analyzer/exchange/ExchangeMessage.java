package org.ikescope.analyzer.exchange;

import java.util.List;
import org.ikescope.api.plugin.Side;
import org.ikescope.api.plugin.Step;

/**
 * One message of an IKE SA as it crossed the capture point.
 *
 * @param frame                frame number (for an IP-fragmented datagram, its last fragment)
 * @param timeNanos            capture time, nanoseconds since the epoch
 * @param file                 the capture it came from
 * @param step                 what it is ({@link Step#OTHER} for exchange types without steps)
 * @param label                the step's label; for {@link Step#OTHER} the exchange name
 * @param from                 the side that sent it
 * @param exchangeType         ISAKMP exchange type code
 * @param messageId            Message ID (0 in main and aggressive mode)
 * @param response             IKEv2 R flag (always false in IKEv1)
 * @param encrypted            the body was encrypted on the wire
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
 * @param notifications        notify types carried in clear text (empty when none or encrypted)
 * @param ipFragmentFrames     frames of its IP fragments (empty when not fragmented)
 * @param ikeFragmentFrames    frames of the IKE fragments it was rebuilt from (empty when none)
 * @param payloads             payload abbreviations in order ({@code SA}, {@code VID}, {@code NAT-D}...) when
 *                             in clear text or decrypted; empty when encrypted
 * @param payloadKinds         the same payloads with their wire types and registry names
 * @param payloadBytes         the message's bytes and payload bounds, for the plugins: kept within the
 *                             tracker's budget and only until the record was diagnosed and written
 *                             ({@link MessageBytes#available()} is false after that, or when not kept)
 */
public record ExchangeMessage(long frame, long timeNanos, String file, Step step, String label, Side from,
                              int exchangeType, int messageId, boolean response, boolean encrypted, int size,
                              int srcPort, int dstPort, boolean nonEspMarker, int vlan, long retransmissionOf,
                              int retransmissionNumber, int retransmissions, long inResponseTo, long rttNanos,
                              long answeredBy, List<String> notifications, List<Long> ipFragmentFrames,
                              List<Long> ikeFragmentFrames, List<String> payloads, List<PayloadKind> payloadKinds,
                              MessageBytes payloadBytes) {
    public ExchangeMessage {
        payloadBytes = payloadBytes == null ? MessageBytes.NONE : payloadBytes;
        payloads = List.copyOf(payloads);
        payloadKinds = List.copyOf(payloadKinds);
        notifications = List.copyOf(notifications);
        ipFragmentFrames = List.copyOf(ipFragmentFrames);
        ikeFragmentFrames = List.copyOf(ikeFragmentFrames);
    }

    /** True when a payload with this abbreviation was seen ({@code NAT-D}, {@code CR}, {@code CERT}...). */
    public boolean has(String payload) {
        return payloads.contains(payload);
    }

    public boolean isRetransmission() {
        return retransmissionOf != 0;
    }

    /** Message ID as 8 lowercase hex digits. */
    public String messageIdHex() {
        return org.ikescope.dissector.isakmp.IsakmpMessage.hex32(messageId);
    }
}
