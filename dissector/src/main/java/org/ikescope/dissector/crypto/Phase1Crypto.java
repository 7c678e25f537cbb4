package org.ikescope.dissector.crypto;

import java.security.MessageDigest;
import java.util.Arrays;
import org.ikescope.api.protocol.IkeHashAlgorithm;
import org.ikescope.dissector.isakmp.Suite;

/**
 * The algorithms of one IKEv1 phase-1 SA (hash, PRF, cipher), and what RFC 2409 computes with them
 * besides the keys ({@link Phase1Keys}): the encryption key from SKEYID_e, the IVs, and HASH_I and
 * HASH_R.
 *
 * <pre>
 * Ka (the key)        SKEYID_e truncated to the cipher's key length, or when shorter
 *                     K1 = prf(SKEYID_e, 0), K2 = prf(SKEYID_e, K1), ... and Ka the first octets
 *                     of K1 | K2 | ...  (appendix B; 0 is one octet)
 * phase-1 IV          hash(g^xi | g^xr), with the bare hash, truncated to the block size (appendix B)
 * phase-2 IV          hash(last phase-1 CBC block | M-ID), truncated (appendix B; quick mode,
 *                     informational)
 * HASH_I              prf(SKEYID, g^xi | g^xr | CKY-I | CKY-R | SAi_b | IDii_b)   (section 5)
 * HASH_R              prf(SKEYID, g^xr | g^xi | CKY-R | CKY-I | SAi_b | IDir_b)
 * </pre>
 *
 * Holds a {@link Prf} and an {@link IkeCipher}, so it is not thread-safe; make one per SA or per
 * thread.
 */
public final class Phase1Crypto {
    private final IkeHashAlgorithm hash;
    private final Prf prf;
    private final IkeCipher cipher;

    private Phase1Crypto(Prf prf, IkeCipher cipher) {
        this.hash = prf.hash();
        this.prf = prf;
        this.cipher = cipher;
    }

    /**
     * The algorithms of the chosen phase-1 suite.
     *
     * @throws IllegalArgumentException      for an IKEv2 or phase-2 suite
     * @throws UnsupportedAlgorithmException when its hash, PRF or cipher is not supported (see
     *                                       {@link Prf#of(Suite)}, {@link IkeCipher#of(int, int)})
     */
    public static Phase1Crypto of(Suite chosen) {
        if (chosen.ikev2() || !chosen.phase1()) {
            throw new IllegalArgumentException("not an IKEv1 phase-1 suite: " + chosen);
        }
        return new Phase1Crypto(Prf.of(chosen), IkeCipher.of(chosen));
    }

    /**
     * The algorithms named by registry codes, with the default PRF.
     *
     * @param hash          IKEv1 Hash-Algorithm code
     * @param encryption    IKEv1 Encryption-Algorithm code
     * @param keyLengthBits Key-Length attribute, or 0
     */
    public static Phase1Crypto of(int hash, int encryption, int keyLengthBits) {
        return new Phase1Crypto(Prf.hmac(IkeHashAlgorithm.of(hash)), IkeCipher.of(encryption, keyLengthBits));
    }

    public IkeHashAlgorithm hash() {
        return hash;
    }

    public Prf prf() {
        return prf;
    }

    public IkeCipher cipher() {
        return cipher;
    }

    /** The encryption key from SKEYID_e (RFC 2409 appendix B): truncated, or expanded and truncated. */
    public byte[] encryptionKey(byte[] skeyidE) {
        Bytes.required(skeyidE, "SKEYID_e");
        int n = cipher.keyLength();
        if (skeyidE.length >= n) {
            return Arrays.copyOf(skeyidE, n);
        }
        byte[] ka = new byte[n];
        byte[] k = prf.apply(skeyidE, new byte[] {0});
        int at = 0;
        while (true) {
            int take = Math.min(k.length, n - at);
            System.arraycopy(k, 0, ka, at, take);
            at += take;
            if (at == n) {
                return ka;
            }
            k = prf.apply(skeyidE, k);
        }
    }

    /** The IV of the first encrypted phase-1 message: hash(g^xi | g^xr), truncated to the block size. */
    public byte[] phase1Iv(byte[] gxi, byte[] gxr) {
        return truncatedHash(Bytes.required(gxi, "g^xi"), Bytes.required(gxr, "g^xr"));
    }

    /**
     * The IV of the first message of a quick mode or informational exchange: hash(last phase-1 CBC
     * block | M-ID), truncated to the block size.
     *
     * @param lastPhase1Block the last ciphertext block of the last phase-1 message (one block)
     * @param messageId       the exchange's Message ID
     */
    public byte[] phase2Iv(byte[] lastPhase1Block, int messageId) {
        if (lastPhase1Block == null || lastPhase1Block.length != cipher.blockSize()) {
            throw new IllegalArgumentException("the last phase-1 CBC block must be " + cipher.blockSize() + " bytes, got "
                    + (lastPhase1Block == null ? "null" : lastPhase1Block.length));
        }
        return truncatedHash(lastPhase1Block, Bytes.u32(messageId));
    }

    private byte[] truncatedHash(byte[] a, byte[] b) {
        MessageDigest md = IkeHash.digest(hash);
        md.update(a);
        md.update(b);
        return Arrays.copyOf(md.digest(), cipher.blockSize());
    }

    /**
     * HASH_I = prf(SKEYID, g^xi | g^xr | CKY-I | CKY-R | SAi_b | IDii_b) (RFC 2409 section 5): what
     * the initiator sends in MM5 (AM3).
     *
     * @param saiB   the body of the initiator's SA payload, after its generic header
     * @param idiiB  the body of the initiator's ID payload, after its generic header
     */
    public byte[] hashI(byte[] skeyid, byte[] gxi, byte[] gxr, long ckyI, long ckyR, byte[] saiB, byte[] idiiB) {
        return prf.apply(Bytes.required(skeyid, "SKEYID"), hashIData(gxi, gxr, ckyI, ckyR, saiB, idiiB));
    }

    /** What HASH_I covers after SKEYID: g^xi | g^xr | CKY-I | CKY-R | SAi_b | IDii_b. */
    static byte[] hashIData(byte[] gxi, byte[] gxr, long ckyI, long ckyR, byte[] saiB, byte[] idiiB) {
        return Bytes.concat(Bytes.required(gxi, "g^xi"), Bytes.required(gxr, "g^xr"), Bytes.u64(ckyI), Bytes.u64(ckyR),
                Bytes.required(saiB, "SAi_b"), Bytes.required(idiiB, "IDii_b"));
    }

    /**
     * HASH_R = prf(SKEYID, g^xr | g^xi | CKY-R | CKY-I | SAi_b | IDir_b): what the responder sends in
     * MM6 (AM2). The arguments come in the same order as for {@link #hashI}; the swap is done here.
     *
     * @param idirB the body of the responder's ID payload, after its generic header
     */
    public byte[] hashR(byte[] skeyid, byte[] gxi, byte[] gxr, long ckyI, long ckyR, byte[] saiB, byte[] idirB) {
        return prf.apply(Bytes.required(skeyid, "SKEYID"), hashRData(gxi, gxr, ckyI, ckyR, saiB, idirB));
    }

    /** What HASH_R covers after SKEYID: g^xr | g^xi | CKY-R | CKY-I | SAi_b | IDir_b (arguments in {@link #hashI}'s order). */
    static byte[] hashRData(byte[] gxi, byte[] gxr, long ckyI, long ckyR, byte[] saiB, byte[] idirB) {
        return Bytes.concat(Bytes.required(gxr, "g^xr"), Bytes.required(gxi, "g^xi"), Bytes.u64(ckyR), Bytes.u64(ckyI),
                Bytes.required(saiB, "SAi_b"), Bytes.required(idirB, "IDir_b"));
    }

    @Override
    public String toString() {
        return cipher + " " + prf;
    }
}
