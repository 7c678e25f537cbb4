package org.ikescope.dissector.crypto;

/**
 * The keying material of one side of an IKEv1 phase-1 SA (RFC 2409 section 5), as far as what it was
 * made from allows:
 *
 * <pre>
 * SKEYID   pre-shared key:  prf(pre-shared-key, Ni_b | Nr_b)
 *          signatures:      prf(Ni_b | Nr_b, g^xy)
 * SKEYID_d = prf(SKEYID, g^xy | CKY-I | CKY-R | 0)
 * SKEYID_a = prf(SKEYID, SKEYID_d | g^xy | CKY-I | CKY-R | 1)
 * SKEYID_e = prf(SKEYID, SKEYID_a | g^xy | CKY-I | CKY-R | 2)        (0, 1, 2: one octet)
 * Ka       = SKEYID_e truncated or expanded to the key length       (appendix B)
 * </pre>
 *
 * From SKEYID_e alone (a daemon's log) only Ka follows; from Ka alone (Wireshark's
 * {@code ikev1_decryption_table}) nothing more. The IVs need g^xi and g^xr, not keys
 * ({@link Phase1Crypto#phase1Iv}); HASH_I and HASH_R need SKEYID. What cannot be known is null.
 * Public-key-encryption authentication (RFC 2409 sections 5.2 and 5.3) is not covered.
 *
 * <p>The arrays are not copied: do not modify them. {@link #toString()} names what is present and
 * never a value.
 *
 * @param skeyid        SKEYID, or null
 * @param skeyidD       SKEYID_d (phase-2 keying material), or null
 * @param skeyidA       SKEYID_a (phase-2 and informational HASHes), or null
 * @param skeyidE       SKEYID_e, or null
 * @param encryptionKey the key the phase-1 cipher uses, never null
 */
public record Phase1Keys(byte[] skeyid, byte[] skeyidD, byte[] skeyidA, byte[] skeyidE, byte[] encryptionKey) {
    public Phase1Keys {
        Bytes.required(encryptionKey, "the encryption key");
    }

    /**
     * The keys of an SA authenticated with a pre-shared key.
     *
     * @param psk the pre-shared key as configured (its octets; may be empty)
     * @param ni  Ni_b, the body of the initiator's nonce payload
     * @param nr  Nr_b, the body of the responder's nonce payload
     * @param gxy the Diffie-Hellman shared secret, padded to the group's length ({@link DiffieHellman})
     */
    public static Phase1Keys preSharedKey(Phase1Crypto c, byte[] psk, byte[] ni, byte[] nr, byte[] gxy, long ckyI,
                                          long ckyR) {
        if (psk == null) {
            throw new IllegalArgumentException("the pre-shared key is missing (null)");
        }
        return fromSkeyid(c, skeyid(c.prf(), psk, Bytes.required(ni, "Ni_b"), Bytes.required(nr, "Nr_b")), gxy, ckyI, ckyR);
    }

    /**
     * SKEYID of pre-shared-key authentication, prf(pre-shared-key, Ni_b | Nr_b): the one place it is
     * computed, for the keys and for checking a PSK against an aggressive-mode HASH ({@link PskHash}).
     *
     * @param nonces Ni_b and Nr_b, or both already concatenated
     */
    static byte[] skeyid(Prf prf, byte[] psk, byte[]... nonces) {
        return prf.apply(psk, nonces);
    }

    /** The keys of an SA authenticated with signatures (DSS, RSA, ECDSA): SKEYID = prf(Ni_b | Nr_b, g^xy). */
    public static Phase1Keys signatures(Phase1Crypto c, byte[] ni, byte[] nr, byte[] gxy, long ckyI, long ckyR) {
        byte[] skeyid = c.prf().apply(Bytes.concat(Bytes.required(ni, "Ni_b"), Bytes.required(nr, "Nr_b")),
                Bytes.required(gxy, "g^xy"));
        return fromSkeyid(c, skeyid, gxy, ckyI, ckyR);
    }

    /** SKEYID_d, _a, _e and Ka from SKEYID, whatever the authentication method that made it. */
    public static Phase1Keys fromSkeyid(Phase1Crypto c, byte[] skeyid, byte[] gxy, long ckyI, long ckyR) {
        Bytes.required(skeyid, "SKEYID");
        Bytes.required(gxy, "g^xy");
        Prf prf = c.prf();
        byte[] cookies = Bytes.concat(Bytes.u64(ckyI), Bytes.u64(ckyR));
        byte[] d = prf.apply(skeyid, gxy, cookies, new byte[] {0});
        byte[] a = prf.apply(skeyid, d, gxy, cookies, new byte[] {1});
        byte[] e = prf.apply(skeyid, a, gxy, cookies, new byte[] {2});
        return new Phase1Keys(skeyid, d, a, e, c.encryptionKey(e));
    }

    /** What follows from SKEYID_e alone (a daemon's log): Ka. */
    public static Phase1Keys fromSkeyidE(Phase1Crypto c, byte[] skeyidE) {
        return new Phase1Keys(null, null, null, skeyidE, c.encryptionKey(skeyidE));
    }

    /**
     * The final encryption key alone (Wireshark's table).
     *
     * @throws IllegalArgumentException when its length is not the cipher's key length
     */
    public static Phase1Keys fromEncryptionKey(Phase1Crypto c, byte[] encryptionKey) {
        Bytes.required(encryptionKey, "the encryption key");
        if (encryptionKey.length != c.cipher().keyLength()) {
            throw new IllegalArgumentException("an encryption key of " + encryptionKey.length + " bytes for "
                    + c.cipher() + ", which takes " + c.cipher().keyLength());
        }
        return new Phase1Keys(null, null, null, null, encryptionKey);
    }

    @Override
    public String toString() {
        return "Phase1Keys[" + (skeyid != null ? "SKEYID, SKEYID_d, SKEYID_a, " : "")
                + (skeyidE != null ? "SKEYID_e, " : "") + "encryption key of " + encryptionKey.length + " bytes]";
    }
}
