package org.ikescope.dissector.crypto;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import javax.crypto.Mac;
import org.ikescope.api.protocol.IkeHashAlgorithm;
import org.ikescope.api.protocol.Ikev2PrfAlgorithm;

/**
 * The one place that maps IKE's hash and PRF codes to JDK algorithms. IKEv1 negotiates a Hash
 * Algorithm and, unless a PRF attribute says otherwise, uses its HMAC as the PRF (RFC 2409
 * section 4: "the HMAC version of the negotiated hash algorithm is used as a default prf"); the
 * NAT-D hashes use the bare hash (RFC 3947 section 3.2). IKEv2 negotiates the PRF itself
 * (RFC 7296 section 3.3.2). The JCE providers of the JDK serve all of them; instances are
 * cloned from one prototype per algorithm rather than looked up per call.
 */
public final class IkeHash {
    private IkeHash() {
    }

    /** The JDK {@link MessageDigest} name of an IKEv1 hash algorithm, or null (Tiger, unknown, null). */
    public static String digestName(IkeHashAlgorithm alg) {
        if (alg == null) {
            return null;
        }
        return switch (alg) {
            case MD5 -> "MD5";
            case SHA -> "SHA-1";
            case SHA2_256 -> "SHA-256";
            case SHA2_384 -> "SHA-384";
            case SHA2_512 -> "SHA-512";
            default -> null;
        };
    }

    /** The JDK {@link Mac} name of the HMAC of an IKEv1 hash algorithm (its default PRF), or null. */
    public static String hmacName(IkeHashAlgorithm alg) {
        String d = digestName(alg);
        return d == null ? null : "Hmac" + d.replace("-", "");
    }

    /** The JDK {@link Mac} name of an IKEv2 PRF, or null (AES-XCBC/CMAC and unknown codes). */
    public static String hmacName(Ikev2PrfAlgorithm prf) {
        if (prf == null) {
            return null;
        }
        return switch (prf) {
            case PRF_HMAC_MD5 -> "HmacMD5";
            case PRF_HMAC_SHA1 -> "HmacSHA1";
            case PRF_HMAC_SHA2_256 -> "HmacSHA256";
            case PRF_HMAC_SHA2_384 -> "HmacSHA384";
            case PRF_HMAC_SHA2_512 -> "HmacSHA512";
            default -> null;
        };
    }

    /** A fresh digest of {@code alg}, or null when the JDK has none for it. */
    public static MessageDigest digest(IkeHashAlgorithm alg) {
        String name = digestName(alg);
        if (name == null) {
            return null;
        }
        MessageDigest prototype = Prototypes.DIGESTS[alg.ordinal()];
        try {
            return prototype != null ? (MessageDigest) prototype.clone() : MessageDigest.getInstance(name);
        } catch (CloneNotSupportedException | NoSuchAlgorithmException e) {
            return null;
        }
    }

    /** A fresh, uninitialised HMAC named {@code name} (see {@link #hmacName}), or null when the JDK has none. */
    public static Mac hmac(String name) {
        if (name == null) {
            return null;
        }
        try {
            return Mac.getInstance(name);
        } catch (GeneralSecurityException e) {
            return null;
        }
    }

    /** One digest per IKEv1 hash algorithm, made once, cloned per use. */
    private static final class Prototypes {
        static final MessageDigest[] DIGESTS = new MessageDigest[IkeHashAlgorithm.values().length];

        static {
            for (IkeHashAlgorithm a : IkeHashAlgorithm.values()) {
                String name = digestName(a);
                if (name != null) {
                    try {
                        DIGESTS[a.ordinal()] = MessageDigest.getInstance(name);
                    } catch (NoSuchAlgorithmException e) {
                        DIGESTS[a.ordinal()] = null;
                    }
                }
            }
        }
    }
}
