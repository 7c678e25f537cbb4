package org.ikescope.analyzer.output;

import org.ikescope.api.plugin.Phase1State;
import org.ikescope.api.protocol.AuthMethod;
import org.ikescope.api.protocol.DhGroup;
import org.ikescope.api.protocol.EspTransformId;
import org.ikescope.api.protocol.IkeEncryptionAlgorithm;
import org.ikescope.api.protocol.IkeHashAlgorithm;
import org.ikescope.api.protocol.Ikev2EncryptionAlgorithm;
import org.ikescope.api.protocol.Ikev2IntegrityAlgorithm;
import org.ikescope.api.protocol.Ikev2NotifyType;
import org.ikescope.api.protocol.Ikev2PrfAlgorithm;
import org.ikescope.api.protocol.IpsecAuthAlgorithm;
import org.ikescope.api.protocol.NotifyType;
import org.ikescope.dissector.isakmp.Suite;

/**
 * The names the output writers give typed values: the one place where codes and enums become
 * text. Registry values keep the registry's own name (an unassigned code its range's name); the
 * text report's display names ({@link #hash}, {@link #prf}, {@link #group}) are marked as such.
 */
public final class Names {
    private Names() {
    }

    /** The state's name, or null for {@link Phase1State#NONE} (the side sent nothing). */
    public static String state(Phase1State s) {
        return s == null || s == Phase1State.NONE ? null : s.name();
    }

    /** A notify type's name in the registry of its version. */
    public static String notify(boolean ikev2, int type) {
        return ikev2 ? Ikev2NotifyType.nameOf(type) : NotifyType.nameOf(type);
    }

    /**
     * The encryption algorithm of a suite in its registry ({@code AES-CBC}; IKEv2 {@code ENCR_AES_CBC};
     * IKEv1 phase 2 the ESP transform ID, {@code ESP_AES}), or null when absent.
     */
    public static String encryption(Suite s) {
        if (s.encryption() == 0) {
            return null;
        }
        if (s.ikev2()) {
            return Ikev2EncryptionAlgorithm.nameOf(s.encryption());
        }
        return s.phase1() ? IkeEncryptionAlgorithm.nameOf(s.encryption()) : EspTransformId.nameOf(s.encryption());
    }

    /** Display name of the IKEv1 hash ({@code SHA1} rather than the registry's {@code SHA}, so the name says which SHA), or null. */
    public static String hash(Suite s) {
        if (s.hash() == 0) {
            return null;
        }
        IkeHashAlgorithm h = IkeHashAlgorithm.of(s.hash());
        if (h == IkeHashAlgorithm.SHA) {
            return "SHA1";
        }
        return h == IkeHashAlgorithm.UNKNOWN ? IkeHashAlgorithm.nameOf(s.hash()) : h.label();
    }

    /** The IKEv1 hash in its registry ({@code SHA}, {@code SHA2-256}), or null (absent, IKEv2, phase 2). */
    public static String hashName(Suite s) {
        return s.hash() == 0 || s.ikev2() ? null : IkeHashAlgorithm.nameOf(s.hash());
    }

    /**
     * The integrity algorithm in its registry (IKEv2 {@code AUTH_HMAC_SHA2_256_128}; IKEv1 phase 2 the
     * IPsec authentication algorithm, {@code HMAC-SHA}), or null.
     */
    public static String integrity(Suite s) {
        if (s.integrity() == 0) {
            return null;
        }
        return s.ikev2() ? Ikev2IntegrityAlgorithm.nameOf(s.integrity()) : IpsecAuthAlgorithm.nameOf(s.integrity());
    }

    /** Display name of the PRF (IKEv2 {@code PRF_HMAC_SHA2_256}; the IKEv1 attribute's number), or null. */
    public static String prf(Suite s) {
        if (s.prf() == 0) {
            return null;
        }
        return s.ikev2() ? Ikev2PrfAlgorithm.nameOf(s.prf()) : String.valueOf(s.prf());
    }

    /**
     * The PRF in its registry: IKEv2 {@code PRF_HMAC_SHA2_256}; the IKEv1 PRF attribute (class 13) has
     * no assigned values (RFC 2409 Appendix A, IANA), so its value is named by the range of IKE
     * attribute values it falls in. Null when absent.
     */
    public static String prfName(Suite s) {
        if (s.prf() == 0) {
            return null;
        }
        if (s.ikev2()) {
            return Ikev2PrfAlgorithm.nameOf(s.prf());
        }
        return s.prf() < 0 || s.prf() > 0xFFFF ? "INVALID" : s.prf() >= 65001 ? "PRIVATE_USE" : "UNASSIGNED";
    }

    /** The IKEv1 authentication method ({@code PSK}...), or null. */
    public static String auth(Suite s) {
        return s.authMethod() == 0 || s.ikev2() ? null : AuthMethod.nameOf(s.authMethod());
    }

    /** Display name of a Diffie-Hellman group: its short name ({@code MODP2048}), or null when absent. */
    public static String group(int group) {
        if (group <= 0) {
            return null;
        }
        DhGroup g = DhGroup.of(group);
        return g == DhGroup.UNKNOWN ? DhGroup.nameOf(group) : g.shortName();
    }

    /** A Diffie-Hellman group in its registry ({@code 2048-bit MODP group}), or null when absent. */
    public static String groupName(int group) {
        return group <= 0 ? null : DhGroup.nameOf(group);
    }
}
