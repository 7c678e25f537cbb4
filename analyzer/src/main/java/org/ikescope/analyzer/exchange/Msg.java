package org.ikescope.analyzer.exchange;

import java.util.List;
import org.ikescope.api.plugin.Side;
import org.ikescope.api.plugin.Step;
import org.ikescope.dissector.session.Decryption;

/**
 * One message while its SA is followed: what the exchange keeps of it (a fingerprint and about a
 * hundred bytes however large the message was), and the links the tracker finds (retransmission,
 * answer). {@link ExchangeBuilder#freeze} turns it into an {@link ExchangeMessage}.
 */
final class Msg {
    static final int DPD_REQUEST = 1;
    static final int DPD_ACK = 2;

    long frame;
    long time;
    String file;
    Step step;
    Side from;
    boolean ikev2;
    int exchangeType;
    int messageId;
    boolean response;
    boolean encrypted;
    boolean decrypted;
    /** The dissector's decryption outcome, for an encrypted IKEv1 message when key material was given; else null. */
    Decryption decryption;
    int size;
    int srcPort;
    int dstPort;
    boolean marker;
    int vlan;
    /** FNV-1a of the bytes: tells identical copies (retransmissions) apart from new messages. */
    long hash;
    /** The first copy this one repeats, or null. */
    Msg original;
    int retransmissionNumber;
    int retransmissions;
    long inResponseTo;
    long rtt = -1;
    long answeredBy;
    List<Integer> notifyTypes = List.of();
    List<Long> ipFragments = List.of();
    List<Long> ikeFragments = List.of();
    boolean deletes;
    /** Delete payloads, when readable. */
    List<Deletion> deletions = List.of();
    /** RFC 3706: {@link #DPD_REQUEST} (R-U-THERE), {@link #DPD_ACK} (R-U-THERE-ACK) or 0; with its sequence number. */
    int dpd;
    long dpdSequence = -1;
    boolean hasSa;
    PayloadShape payloads = PayloadShape.NONE;
    /** Bytes and payload bounds, until the record is emitted ({@link MessageBytes#NONE} when not kept). */
    MessageBytes bytes = MessageBytes.NONE;

    boolean isRetransmission() {
        return original != null;
    }

    /** Links this message to {@code of} (or to the first copy {@code of} repeats) as a retransmission. */
    void repeats(Msg of) {
        Msg first = of.original != null ? of.original : of;
        original = first;
        first.retransmissions++;
        retransmissionNumber = first.retransmissions;
        step = first.step;
    }

    /** FNV-1a over the message bytes. */
    static long fingerprint(byte[] b) {
        long h = 0xcbf29ce484222325L;
        int i = 0;
        // Four bytes a round (the same hash): C1 does not unroll loops, and this one runs over every message.
        for (int end = b.length & ~3; i < end; i += 4) {
            h = (h ^ (b[i] & 0xff)) * 0x100000001b3L;
            h = (h ^ (b[i + 1] & 0xff)) * 0x100000001b3L;
            h = (h ^ (b[i + 2] & 0xff)) * 0x100000001b3L;
            h = (h ^ (b[i + 3] & 0xff)) * 0x100000001b3L;
        }
        for (; i < b.length; i++) {
            h = (h ^ (b[i] & 0xff)) * 0x100000001b3L;
        }
        return h ^ b.length;
    }

    ExchangeMessage freeze() {
        return new ExchangeMessage(frame, time, file, step, from, ikev2, exchangeType, messageId, response, encrypted,
                decrypted, size, srcPort, dstPort, marker, vlan, original == null ? 0 : original.frame,
                retransmissionNumber, retransmissions, inResponseTo, rtt, answeredBy, notifyTypes, ipFragments,
                ikeFragments, payloads, bytes);
    }
}
