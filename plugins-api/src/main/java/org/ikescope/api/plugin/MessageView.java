package org.ikescope.api.plugin;

import java.util.List;
import org.ikescope.api.protocol.ExchangeType;

/** Read-only view of one ISAKMP message as it crossed the capture point. */
public interface MessageView {
    /**
     * The message's step in its exchange: {@code MM1}..{@code MM6}, {@code AM1}..{@code AM3},
     * {@code QM1}..{@code QM3}, {@code INFORMATIONAL}, {@code TRANSACTION}, or for IKEv2
     * {@code IKE_SA_INIT request}, {@code IKE_AUTH response} and the like. Encrypted main-mode
     * messages after MM4 are MM5 (initiator) and MM6 (responder) by direction and order.
     */
    String step();

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
    int exchangeType();

    /** Registry name of {@link #exchangeType()} ({@code IDENTITY_PROTECTION}, {@code QUICK_MODE}, ...). */
    default String exchangeTypeName() {
        return ExchangeType.nameOf(exchangeType());
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

    /** True when a payload of {@code type} is present (see {@link org.ikescope.api.protocol.PayloadType}). */
    default boolean has(int type) {
        for (PayloadView p : payloads()) {
            if (p.type() == type) {
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
