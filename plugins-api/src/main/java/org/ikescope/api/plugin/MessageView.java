package org.ikescope.api.plugin;

import java.util.List;
import org.ikescope.api.protocol.ExchangeType;
import org.ikescope.api.protocol.PayloadType;

/** Read-only view of one ISAKMP message as it crossed the capture point. */
public interface MessageView {
    /**
     * The message's step in its exchange: MM1..MM6, AM1..AM3, QM1..QM3, INFORMATIONAL,
     * TRANSACTION, or for IKEv2 IKE_SA_INIT request, IKE_AUTH response and the like;
     * {@link Step#OTHER} for other exchange types (see {@link #exchangeType()}). Encrypted
     * main-mode messages after MM4 are MM5 (initiator) and MM6 (responder) by direction and order.
     */
    Step step();

    /** The side that sent it. */
    Side from();

    /** 1-based frame number in its capture file (for IP-fragmented datagrams, the last fragment's). */
    long frame();

    /** Capture time, nanoseconds since the epoch. */
    long timeNanos();

    /** Sender IP address as text. */
    String sourceIp();

    /** Sender UDP port. */
    int sourcePort();

    /** Receiver IP address as text. */
    String destinationIp();

    /** Receiver UDP port. */
    int destinationPort();

    /** True when it came on a NAT-T port after the 4-byte non-ESP marker (RFC 3948). */
    boolean nonEspMarker();

    /** True when it was encrypted on the wire (IKEv1 E flag, IKEv2 SK payload). */
    boolean encrypted();

    /** True when it was encrypted and ikescope decrypted it; {@link #payloads()} are then the plaintext's. */
    boolean decrypted();

    /** ISAKMP message length in bytes (the header's Length field). */
    long length();

    /** Frame of the first copy when this message is a retransmission of it, else 0. */
    long retransmissionOf();

    /** True when {@link #retransmissionOf()} is set. */
    default boolean isRetransmission() {
        return retransmissionOf() != 0;
    }

    /** Exchange type code of the header (2 main mode, 4 aggressive, 5 informational, 32 quick mode...). */
    int exchangeTypeCode();

    /** {@link #exchangeTypeCode()} in its registry ({@link ExchangeType#UNKNOWN} for an unassigned code). */
    default ExchangeType exchangeType() {
        return ExchangeType.of(exchangeTypeCode());
    }

    /** Message ID, an unsigned 32-bit value (0 in phase 1); see {@link Integer#toUnsignedString(int)}. */
    int messageId();

    /**
     * The payloads in order: the cleartext ones, or the decrypted ones when {@link #decrypted()};
     * empty for an encrypted message that was not decrypted. Type and name are always there; the
     * bodies only when {@link PayloadView#bodyAvailable()} (the analyzer keeps message bytes
     * within a memory budget, until the exchange was diagnosed; {@link #notifyTypes()} and the
     * exchange's other views hold what it extracted in any case).
     */
    List<PayloadView> payloads();

    /** Types of {@link #payloads()}, in order. */
    default List<Integer> payloadTypes() {
        return payloads().stream().map(PayloadView::type).toList();
    }

    /** True when a payload of wire type {@code type} is present. */
    default boolean has(int type) {
        for (PayloadView p : payloads()) {
            if (p.type() == type) {
                return true;
            }
        }
        return false;
    }

    /**
     * True when a payload of this kind is present, whatever number it travelled under: kinds are
     * compared by {@link PayloadType#abbreviation()}, so {@link PayloadType#NAT_D} matches NAT-D as
     * 20, as draft 130 and as draft 15 (see {@link PayloadView#payloadType()}), and
     * {@link PayloadType#SA} the IKEv1 and the IKEv2 SA.
     */
    default boolean has(PayloadType kind) {
        if (kind == PayloadType.UNKNOWN) {
            return false;
        }
        for (PayloadView p : payloads()) {
            if (p.payloadType().abbreviation().equals(kind.abbreviation())) {
                return true;
            }
        }
        return false;
    }

    /** Notify message types of the readable (cleartext or decrypted) N payloads, in order. */
    List<Integer> notifyTypes();

    /** Frames of the IP fragments it arrived in, in arrival order; empty when not fragmented. */
    List<Long> ipFragmentFrames();

    /** For a message rebuilt from IKE fragments (Cisco payload 132, RFC 7383), their frames; else empty. */
    List<Long> ikeFragmentFrames();
}
