package org.ikescope.analyzer.output;

import org.ikescope.api.plugin.Phase1State;
import org.ikescope.api.protocol.AuthMethod;
import org.ikescope.api.protocol.DhGroup;
import org.ikescope.api.protocol.IkeEncryptionAlgorithm;
import org.ikescope.api.protocol.IkeHashAlgorithm;
import org.ikescope.api.protocol.Ikev2EncryptionAlgorithm;
import org.ikescope.api.protocol.Ikev2IntegrityAlgorithm;
import org.ikescope.api.protocol.Ikev2NotifyType;
import org.ikescope.api.protocol.Ikev2PrfAlgorithm;
import org.ikescope.api.protocol.NotifyType;
import org.ikescope.dissector.isakmp.Suite;

/**
 * The names the output writers give typed values: the one place where codes and enums become
 * text. Registry values keep the registry's own name (an unassigned code its range's name).
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

    /** The encryption algorithm of a suite ({@code AES-CBC}; IKEv2 {@code ENCR_AES_CBC}), or null when absent. */
    public static String encryption(Suite s) {
        if (s.encryption() == 0) {
            return null;
        }
        if (s.ikev2()) {
            return Ikev2EncryptionAlgorithm.nameOf(s.encryption());
        }
        IkeEncryptionAlgorithm a = IkeEncryptionAlgorithm.of(s.encryption());
        return a == IkeEncryptionAlgorithm.UNKNOWN ? IkeEncryptionAlgorithm.nameOf(s.encryption()) : a.label();
    }

    /** The IKEv1 hash ({@code SHA1} rather than the registry's {@code SHA}, so the name says which SHA), or null. */
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

    /** The IKEv2 integrity algorithm ({@code AUTH_HMAC_SHA2_256_128}), or null. */
    public static String integrity(Suite s) {
        return s.integrity() == 0 || !s.ikev2() ? null : Ikev2IntegrityAlgorithm.nameOf(s.integrity());
    }

    /** The PRF (IKEv2 {@code PRF_HMAC_SHA2_256}; the IKEv1 attribute's number), or null. */
    public static String prf(Suite s) {
        if (s.prf() == 0) {
            return null;
        }
        return s.ikev2() ? Ikev2PrfAlgorithm.nameOf(s.prf()) : String.valueOf(s.prf());
    }

    /** The IKEv1 authentication method ({@code PSK}...), or null. */
    public static String auth(Suite s) {
        if (s.authMethod() == 0) {
            return null;
        }
        AuthMethod a = AuthMethod.of(s.authMethod());
        return a == AuthMethod.UNKNOWN ? AuthMethod.nameOf(s.authMethod()) : a.label();
    }

    /** The short name of a Diffie-Hellman group ({@code MODP2048}), or null when absent. */
    public static String group(int group) {
        if (group <= 0) {
            return null;
        }
        DhGroup g = DhGroup.of(group);
        return g == DhGroup.UNKNOWN ? DhGroup.nameOf(group) : g.shortName();
    }
}
