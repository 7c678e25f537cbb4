package org.ikescope.dissector.crypto;

import static org.ikescope.dissector.crypto.Vectors.hex;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.ikescope.api.protocol.IkeHashAlgorithm;
import org.ikescope.dissector.isakmp.Suite;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The default IKEv1 PRF (HMAC of the hash) against the HMAC test cases of RFC 2202 and RFC 4231. */
class PrfTest {
    private static final byte[] JEFE = ascii("Jefe");
    private static final byte[] WHAT = ascii("what do ya want for nothing?");

    /** RFC 2202 test case 2 (MD5, SHA-1) and RFC 4231 test case 2 (SHA-256, -384, -512): key "Jefe". */
    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "MD5, 750c783e6ab0b503eaa86e310a5db738",
        "SHA, effcdf6ae5eb2fa2d27416d5f184df9c259a7c79",
        "SHA2_256, 5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843",
        "SHA2_384, af45d2e376484031617f78d2b58a6b1b9c7ef464f5a01b47e42ec3736322445e8e2240ca5e69e2c78b3239ecfab21649",
        "SHA2_512, 164b7a7bfcf819e2e395fbe73b56e0a387bd64222e831fd610270cd7ea2505549758bf75c05a994a6d034f65f8f0e6fdcaeab1a34d4a6b4b636e070a38bce737",
    })
    void rfcTestCaseTwo(IkeHashAlgorithm hash, String mac) {
        Prf prf = Prf.hmac(hash);
        assertArrayEquals(hex(mac), prf.apply(JEFE, WHAT));
        // The data may come in parts: prf(key, a | b).
        assertArrayEquals(hex(mac), prf.apply(JEFE, ascii("what do ya"), ascii(" want for nothing?")));
        assertEquals(hash.digestLength(), prf.length());
        assertEquals(hash, prf.hash());
    }

    /** RFC 2202 test cases 6 (MD5) and 6 (SHA-1): a key longer than the hash's block, hashed first. */
    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "MD5, 6b1ab7fe4bd7bf8f0b62e6ce61b9d0cd",
        "SHA, aa4ae5e15272d00e95705637ce8a3b55ed402112",
    })
    void keyLongerThanABlock(IkeHashAlgorithm hash, String mac) {
        byte[] key = new byte[80];
        Arrays.fill(key, (byte) 0xaa);
        assertArrayEquals(hex(mac), Prf.hmac(hash).apply(key, ascii("Test Using Larger Than Block-Size Key - Hash Key First")));
    }

    /**
     * An empty pre-shared key, which the JCE refuses as a key. The expected values were computed
     * with Python's hmac module: hmac.new(b'', b'Ni_b|Nr_b', hashlib.sha1 / hashlib.sha256).
     */
    @Test
    void emptyKey() {
        byte[] data = ascii("Ni_b|Nr_b");
        assertArrayEquals(hex("96f18a528a404cf3ed3b8ec83afef6a31a9349dc"), Prf.hmac(IkeHashAlgorithm.SHA).apply(new byte[0], data));
        assertArrayEquals(hex("9b0ac76329f96cbb8742d313ac3b969f65ebb53ade7020f2ca8734816b752d2a"),
                Prf.hmac(IkeHashAlgorithm.SHA2_256).apply(new byte[0], data));
    }

    @Test
    void aSuitesPrfIsTheHmacOfItsHash() {
        Prf prf = Prf.of(phase1(7, 128, 4, 0));
        assertArrayEquals(hex("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"), prf.apply(JEFE, WHAT));
    }

    @Test
    void refusesWhatItCannotDo() {
        assertThrows(UnsupportedAlgorithmException.class, () -> Prf.hmac(IkeHashAlgorithm.TIGER));
        assertThrows(UnsupportedAlgorithmException.class, () -> Prf.hmac(IkeHashAlgorithm.UNKNOWN));
        assertThrows(UnsupportedAlgorithmException.class, () -> Prf.hmac(null));
        assertThrows(UnsupportedAlgorithmException.class, () -> Prf.of(phase1(7, 128, 2, 1)), "a PRF attribute");
        assertThrows(UnsupportedAlgorithmException.class, () -> Prf.of(phase1(7, 128, 9, 0)), "an unassigned hash");
    }

    /** A phase-1 suite with these codes (pre-shared key, MODP 1024). */
    static Suite phase1(int encryption, int keyLength, int hash, int prf) {
        return new Suite(false, 1, 1, Suite.PROTO_ISAKMP, null, 1, encryption, keyLength, hash, 0, prf, 1, 2, 28800, 0, List.of());
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
