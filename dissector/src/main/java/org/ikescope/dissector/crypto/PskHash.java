package org.ikescope.dissector.crypto;

import java.security.MessageDigest;
import org.ikescope.api.protocol.IkeHashAlgorithm;

/**
 * An aggressive-mode HASH_R or HASH_I as it crossed the wire in the clear, with everything it was
 * computed from except SKEYID: enough to tell whether a pre-shared key is the one its sender used,
 * without g^xy (RFC 2409 section 5, pre-shared key authentication):
 * <pre>
 * SKEYID = prf(pre-shared-key, Ni_b | Nr_b)
 * HASH_R = prf(SKEYID, g^xr | g^xi | CKY-R | CKY-I | SAi_b | IDir_b)    AM2: always in the clear
 * HASH_I = prf(SKEYID, g^xi | g^xr | CKY-I | CKY-R | SAi_b | IDii_b)    AM3: when it is not encrypted
 * </pre>
 * Two PRF calls per candidate: what ike-scan's psk-crack computes for each word of its dictionary
 * from the same nine values (it takes the hash from the length of HASH_R; here it is the SA's
 * negotiated one, so SHA-2 works too). The data is laid out by {@link Phase1Crypto}, the one place
 * that knows the order. Immutable; {@link #matches} takes the caller's {@link Prf}, which is not
 * thread-safe: one per thread.
 */
public final class PskHash {
    private final IkeHashAlgorithm hash;
    /** Ni_b | Nr_b. */
    private final byte[] nonces;
    /** What prf(SKEYID, .) covers. */
    private final byte[] hashed;
    private final byte[] expected;

    private PskHash(IkeHashAlgorithm hash, byte[] ni, byte[] nr, byte[] hashed, byte[] expected) {
        this.hash = hash;
        this.nonces = Bytes.concat(Bytes.required(ni, "Ni_b"), Bytes.required(nr, "Nr_b"));
        this.hashed = hashed;
        this.expected = Bytes.required(expected, "the HASH payload").clone();
    }

    /**
     * The responder's HASH_R of AM2.
     *
     * @param hash  the SA's hash algorithm (its HMAC is the PRF)
     * @param saiB  the body of the initiator's SA payload (AM1), after its generic header
     * @param idirB the body of the responder's ID payload (AM2), after its generic header
     * @param hashR the body of AM2's HASH payload
     * @throws IllegalArgumentException when a value is missing
     */
    public static PskHash hashR(IkeHashAlgorithm hash, byte[] ni, byte[] nr, byte[] gxi, byte[] gxr, long ckyI, long ckyR,
                                byte[] saiB, byte[] idirB, byte[] hashR) {
        return new PskHash(hash, ni, nr, Phase1Crypto.hashRData(gxi, gxr, ckyI, ckyR, saiB, idirB), hashR);
    }

    /**
     * The initiator's HASH_I of AM3, when AM3 is not encrypted.
     *
     * @param idiiB the body of the initiator's ID payload (AM1), after its generic header
     * @param hashI the body of AM3's HASH payload
     * @throws IllegalArgumentException when a value is missing
     */
    public static PskHash hashI(IkeHashAlgorithm hash, byte[] ni, byte[] nr, byte[] gxi, byte[] gxr, long ckyI, long ckyR,
                                byte[] saiB, byte[] idiiB, byte[] hashI) {
        return new PskHash(hash, ni, nr, Phase1Crypto.hashIData(gxi, gxr, ckyI, ckyR, saiB, idiiB), hashI);
    }

    /** The hash algorithm whose HMAC is the PRF. */
    public IkeHashAlgorithm hash() {
        return hash;
    }

    /**
     * A PRF for {@link #matches}, for one thread.
     *
     * @throws UnsupportedAlgorithmException when the JDK has no HMAC of the hash (Tiger)
     */
    public Prf prf() {
        return Prf.hmac(hash);
    }

    /**
     * Whether {@code psk} is the pre-shared key the sender used: prf(prf(psk, Ni_b | Nr_b), data)
     * equals the HASH payload (compared in constant time).
     *
     * @param prf a PRF of {@link #hash()} ({@link #prf()})
     */
    public boolean matches(Prf prf, byte[] psk) {
        return MessageDigest.isEqual(prf.apply(Phase1Keys.skeyid(prf, psk, nonces), hashed), expected);
    }

    @Override
    public String toString() {
        return "PskHash[" + hash.label() + ", " + expected.length + "-byte HASH]";
    }
}
