package org.ikescope.api.plugin;

import java.util.ArrayList;
import java.util.List;
import org.ikescope.api.protocol.AuthMethod;
import org.ikescope.api.protocol.DhGroup;
import org.ikescope.api.protocol.EncapsulationMode;
import org.ikescope.api.protocol.EspTransformId;
import org.ikescope.api.protocol.IkeEncryptionAlgorithm;
import org.ikescope.api.protocol.IkeHashAlgorithm;
import org.ikescope.api.protocol.Ikev2EncryptionAlgorithm;
import org.ikescope.api.protocol.Ikev2IntegrityAlgorithm;
import org.ikescope.api.protocol.Ikev2PrfAlgorithm;
import org.ikescope.api.protocol.IpsecAuthAlgorithm;
import org.ikescope.api.protocol.ProtocolId;

/**
 * Read-only view of one choosable suite of an SA payload: for IKEv1 one transform of one
 * proposal (a complete set of attributes), for IKEv2 one proposal (its first transform of each
 * type). Every algorithm is the raw code of its registry, so an unassigned code keeps its number;
 * 0 means absent. The registry depends on the version and the protocol:
 *
 * <table>
 *   <caption>registries by member</caption>
 *   <tr><th>member</th><th>IKEv1 phase 1</th><th>IKEv1 phase 2 (ESP, AH)</th><th>IKEv2</th></tr>
 *   <tr><td>{@link #encryption()}</td><td>{@link IkeEncryptionAlgorithm}</td><td>{@link EspTransformId}</td>
 *       <td>{@link Ikev2EncryptionAlgorithm}</td></tr>
 *   <tr><td>{@link #hash()}</td><td>{@link IkeHashAlgorithm}</td><td>0</td><td>0</td></tr>
 *   <tr><td>{@link #integrity()}</td><td>0</td><td>{@link IpsecAuthAlgorithm}</td><td>{@link Ikev2IntegrityAlgorithm}</td></tr>
 *   <tr><td>{@link #prf()}</td><td>the rare PRF attribute</td><td>0</td><td>{@link Ikev2PrfAlgorithm}</td></tr>
 *   <tr><td>{@link #authMethod()}</td><td>{@link AuthMethod}</td><td>0</td><td>0</td></tr>
 *   <tr><td>{@link #group()}</td><td>{@link DhGroup}</td><td>{@link DhGroup} (PFS)</td><td>{@link DhGroup}</td></tr>
 * </table>
 */
public interface ProposalView {
    /** Protocol ID of ISAKMP (phase 1; RFC 2407 section 4.4.1). */
    int PROTO_ISAKMP = 1;
    /** Protocol ID of ESP. */
    int PROTO_IPSEC_ESP = 3;

    /** True for an IKEv2 proposal (codes from the IKEv2 registries). */
    boolean ikev2();

    /** Proposal number. */
    int proposalNumber();

    /** Transform number within the proposal (IKEv1), or 0. */
    int transformNumber();

    /** Protocol ID (1 ISAKMP/IKE, 2 AH, 3 ESP). */
    int protocolId();

    /** The SPI of the proposal (empty in IKEv1 phase 1). */
    ImmutableBytes spi();

    /** Transform ID (IKEv1: KEY_IKE, ESP_AES, ...; IKEv2: the ENCR transform's id). */
    int transformId();

    /** Encryption algorithm code (see the class comment for its registry), or 0. */
    int encryption();

    /** Key length in bits, or 0 when not sent (the algorithm's is fixed). */
    int keyLength();

    /** IKEv1 phase-1 Hash-Algorithm ({@link IkeHashAlgorithm}), or 0. */
    int hash();

    /** Integrity: IKEv2 INTEG transform, IKEv1 phase-2 Authentication-Algorithm; 0 otherwise. */
    int integrity();

    /** IKEv2 PRF transform; the IKEv1 PRF attribute when sent (rare); 0 otherwise. */
    int prf();

    /** IKEv1 authentication method (1 PSK, 3 RSA signatures, 65001+ XAUTH...), or 0. */
    int authMethod();

    /** Diffie-Hellman group number (phase 2: the PFS group), or 0. */
    int group();

    /** Lifetime in seconds, or 0 when not given. */
    long lifetimeSeconds();

    /** Lifetime in kilobytes, or 0 when not given. */
    long lifetimeKilobytes();

    /** Every attribute as on the wire (IKEv1), in order. */
    List<AttributeView> attributes();

    /** True for a phase-1 suite (ISAKMP SA or IKE SA). */
    default boolean phase1() {
        return protocolId() == PROTO_ISAKMP;
    }

    /** Name of {@link #encryption()} in its registry ({@code AES-CBC}, {@code ENCR_AES_CBC}, {@code ESP_AES}), or empty when absent. */
    default String encryptionName() {
        if (encryption() == 0) {
            return "";
        }
        if (ikev2()) {
            return Ikev2EncryptionAlgorithm.nameOf(encryption());
        }
        return phase1() ? IkeEncryptionAlgorithm.nameOf(encryption()) : EspTransformId.nameOf(encryption());
    }

    /** Name of {@link #hash()} ({@code SHA}, {@code SHA2-256}, ...), or empty when absent. */
    default String hashName() {
        return hash() == 0 ? "" : IkeHashAlgorithm.nameOf(hash());
    }

    /** Name of {@link #integrity()} ({@code AUTH_HMAC_SHA1_96}, {@code HMAC-SHA}, ...), or empty when absent. */
    default String integrityName() {
        if (integrity() == 0) {
            return "";
        }
        return ikev2() ? Ikev2IntegrityAlgorithm.nameOf(integrity()) : IpsecAuthAlgorithm.nameOf(integrity());
    }

    /** Name of {@link #prf()} ({@code PRF_HMAC_SHA2_256}, ...), or empty when absent. */
    default String prfName() {
        if (prf() == 0) {
            return "";
        }
        return ikev2() ? Ikev2PrfAlgorithm.nameOf(prf()) : String.valueOf(prf());
    }

    /** Name of {@link #authMethod()} ({@code Pre-shared key}, ...), or empty when absent. */
    default String authMethodName() {
        return authMethod() == 0 ? "" : AuthMethod.nameOf(authMethod());
    }

    /** Name of {@link #group()} ({@code 2048-bit MODP group}, ...), or empty when absent. */
    default String groupName() {
        return group() == 0 ? "" : DhGroup.nameOf(group());
    }

    /**
     * The suite as people read it. An IKEv1 phase-2 suite reads as ASA transform sets do:
     * {@code ESP AES-128/HMAC-SHA/PFS group 14 (MODP2048)/Tunnel/3600 s spi 5f8f70e5} ({@code no
     * PFS} without a group; the encapsulation mode from {@link #attributes()}); a phase-1 or IKEv2
     * suite as its registry names joined by {@code /}.
     *
     * @since 2.1
     */
    default String describe() {
        List<String> s = new ArrayList<>();
        if (ikev2() || phase1()) {
            for (String n : List.of(encryptionName() + (keyLength() > 0 ? "-" + keyLength() : ""), hashName(),
                    integrity() == 0 ? "" : integrityName(), prf() == 0 ? "" : "PRF " + prfName(), authMethodName(),
                    groupName())) {
                if (!n.isEmpty()) {
                    s.add(n);
                }
            }
        } else {
            EspTransformId t = EspTransformId.of(transformId());
            String cipher = t == EspTransformId.UNKNOWN ? EspTransformId.nameOf(transformId()) : t.label();
            s.add(keyLength() > 0 ? cipher + "-" + keyLength() : cipher);
            if (integrity() != 0) {
                IpsecAuthAlgorithm a = IpsecAuthAlgorithm.of(integrity());
                s.add(a == IpsecAuthAlgorithm.UNKNOWN ? IpsecAuthAlgorithm.nameOf(integrity()) : a.label());
            }
            DhGroup g = DhGroup.of(group());
            s.add(group() > 0 ? "PFS group " + group() + " (" + (g == DhGroup.UNKNOWN ? DhGroup.nameOf(group())
                    : g.shortName()) + ")" : "no PFS");
            for (AttributeView a : attributes()) {
                if (a.type() == ENCAPSULATION_MODE && a.value() >= 0) {
                    EncapsulationMode m = EncapsulationMode.of((int) a.value());
                    s.add(m == EncapsulationMode.UNKNOWN ? EncapsulationMode.nameOf((int) a.value()) : m.label());
                }
            }
        }
        if (lifetimeSeconds() > 0) {
            s.add(lifetimeSeconds() + " s");
        }
        if (lifetimeKilobytes() > 0) {
            s.add(lifetimeKilobytes() + " KB");
        }
        if (ikev2() || phase1()) {
            return String.join("/", s);
        }
        String proto = ProtocolId.nameOf(protocolId()).replace("PROTO_", "").replace("IPSEC_", "");
        return proto + " " + String.join("/", s) + (spi().isEmpty() ? "" : " spi " + spi().hex());
    }

    /** The IPsec DOI's Encapsulation Mode attribute type (RFC 2407 section 4.5). */
    int ENCAPSULATION_MODE = 4;
}
