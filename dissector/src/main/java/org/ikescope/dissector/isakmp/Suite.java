package org.ikescope.dissector.isakmp;

import java.util.ArrayList;
import java.util.List;
import org.ikescope.api.plugin.ImmutableBytes;

/**
 * One choosable suite of an SA payload as registry codes: for IKEv1 one transform of one proposal
 * (a complete set of attributes; phase 1 or phase 2), for IKEv2 one proposal (its first transform
 * of each type). Nothing is turned into a name here: an unassigned code keeps its number, absent
 * values are 0, and a suite holds no reference to the message it came from (the per-SA session
 * keeps the chosen one for as long as the SA lives).
 *
 * <table>
 *   <caption>registries by member</caption>
 *   <tr><th>member</th><th>IKEv1 phase 1</th><th>IKEv1 phase 2</th><th>IKEv2</th></tr>
 *   <tr><td>encryption</td><td>IkeEncryptionAlgorithm</td><td>EspTransformId (AH: AhTransformId)</td><td>Ikev2EncryptionAlgorithm</td></tr>
 *   <tr><td>hash</td><td>IkeHashAlgorithm</td><td>0</td><td>0</td></tr>
 *   <tr><td>integrity</td><td>0</td><td>IpsecAuthAlgorithm</td><td>Ikev2IntegrityAlgorithm</td></tr>
 *   <tr><td>prf</td><td>PRF attribute (rare)</td><td>0</td><td>Ikev2PrfAlgorithm</td></tr>
 *   <tr><td>authMethod</td><td>AuthMethod</td><td>0</td><td>0</td></tr>
 *   <tr><td>group</td><td>DhGroup</td><td>DhGroup (PFS)</td><td>DhGroup</td></tr>
 * </table>
 *
 * @param ikev2             codes from the IKEv2 registries
 * @param proposalNumber    Proposal #
 * @param transformNumber   Transform # (IKEv1), or 0
 * @param protocolId        Protocol-Id (1 ISAKMP, 2 AH, 3 ESP, 4 IPCOMP)
 * @param spi               the proposal's SPI (a copy: phase 2's ESP or AH SPI, the sender's
 *                          inbound one), empty when the SPI size is 0
 * @param transformId       Transform-Id (IKEv1: KEY_IKE, ESP_*; IKEv2: the ENCR transform's id)
 * @param encryption        encryption algorithm, or 0
 * @param keyLength         key length in bits, or 0 when not sent
 * @param hash              IKEv1 phase-1 hash algorithm, or 0
 * @param integrity         IKEv2 integrity, IKEv1 phase-2 authentication algorithm, or 0
 * @param prf               IKEv2 PRF, IKEv1 PRF attribute, or 0
 * @param authMethod        IKEv1 phase-1 authentication method (XAUTH 65001+ included), or 0
 * @param group             Diffie-Hellman group (phase 2: PFS), or 0
 * @param lifetimeSeconds   Life-Duration in seconds, or 0
 * @param lifetimeKilobytes Life-Duration in kilobytes, or 0
 * @param attributes        the IKEv1 attributes as type and value, in wire order (empty for IKEv2)
 */
public record Suite(boolean ikev2, int proposalNumber, int transformNumber, int protocolId, ImmutableBytes spi,
                   int transformId, int encryption, int keyLength, int hash, int integrity, int prf, int authMethod, int group,
                   long lifetimeSeconds, long lifetimeKilobytes, List<TypedValue> attributes) {
    /** Protocol-Id of ISAKMP, RFC 2407 section 4.4.1. */
    public static final int PROTO_ISAKMP = 1;

    /**
     * One SA attribute as its type and value (RFC 2408 section 3.3): the value of a TV attribute, or
     * of a TLV attribute of up to 8 bytes; -1 for a longer one.
     */
    public record TypedValue(int type, long value) {
    }

    public Suite {
        spi = spi == null ? ImmutableBytes.EMPTY : spi;
        attributes = List.copyOf(attributes);
    }

    /** True for a phase-1 suite (the ISAKMP SA or the IKE SA). */
    public boolean phase1() {
        return protocolId == PROTO_ISAKMP;
    }

    /** The suite of IKEv1 transform {@code t} of proposal {@code p}. */
    public static Suite of(Proposal p, Transform t) {
        List<TypedValue> attrs = new ArrayList<>(t.attributes().size());
        for (Attribute a : t.attributes()) {
            attrs.add(new TypedValue(a.type(), a.value()));
        }
        return new Suite(false, p.number(), t.number(), p.protocolId(), spi(p.message(), p.spiFrom(), p.spiTo()), t.id(),
                zeroIfAbsent(t.encryption()),
                zeroIfAbsent(t.keyLength()), zeroIfAbsent(t.hash()), zeroIfAbsent(t.authAlgorithm()),
                zeroIfAbsent(t.prf()), zeroIfAbsent(t.authMethod()), zeroIfAbsent(t.group()),
                Math.max(t.lifeSeconds(), 0), Math.max(t.lifeKilobytes(), 0), attrs);
    }

    /** The suite of IKEv2 proposal {@code p}: the first transform of each type. */
    public static Suite of(Ikev2Proposal p) {
        Ikev2Transform enc = first(p, Ikev2Transform.ENCR);
        Ikev2Transform integ = first(p, Ikev2Transform.INTEG);
        Ikev2Transform prf = first(p, Ikev2Transform.PRF);
        Ikev2Transform dh = first(p, Ikev2Transform.DH);
        return new Suite(true, p.number(), 0, p.protocolId(), spi(p.message(), p.spiFrom(), p.spiTo()),
                enc == null ? 0 : enc.id(), enc == null ? 0 : enc.id(),
                enc == null ? 0 : Math.max(enc.keyLength(), 0), 0, integ == null ? 0 : integ.id(),
                prf == null ? 0 : prf.id(), 0, dh == null ? 0 : dh.id(), 0, 0, List.of());
    }

    /** Every suite of an SA payload body ({@link SaBody} or {@link Ikev2SaBody}), in wire order. */
    public static List<Suite> all(PayloadBody sa) {
        List<Suite> out = new ArrayList<>();
        if (sa instanceof SaBody s) {
            for (Proposal p : s.proposals()) {
                for (Transform t : p.transforms()) {
                    out.add(of(p, t));
                }
            }
        } else if (sa instanceof Ikev2SaBody s) {
            for (Ikev2Proposal p : s.proposals()) {
                out.add(of(p));
            }
        }
        return out;
    }

    private static ImmutableBytes spi(byte[] message, int from, int to) {
        return to > from ? ImmutableBytes.copyOfRange(message, from, to) : ImmutableBytes.EMPTY;
    }

    private static Ikev2Transform first(Ikev2Proposal p, int type) {
        for (Ikev2Transform t : p.transforms()) {
            if (t.type() == type) {
                return t;
            }
        }
        return null;
    }

    private static int zeroIfAbsent(int v) {
        return Math.max(v, 0);
    }
}
