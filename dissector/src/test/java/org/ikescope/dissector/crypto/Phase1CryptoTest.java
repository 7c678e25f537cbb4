package org.ikescope.dissector.crypto;

import static org.ikescope.dissector.crypto.Vectors.hex;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.HexFormat;
import java.util.List;
import org.ikescope.api.protocol.IkeHashAlgorithm;
import org.ikescope.dissector.isakmp.Suite;
import org.junit.jupiter.api.Test;

/**
 * What the lab captures do not cover: key expansion over more than two PRF rounds and with MD5,
 * the phase-2 IV formula, and bad input. Expected values were computed with Python's hmac and
 * hashlib modules, as each test says.
 */
class Phase1CryptoTest {

    /**
     * Appendix B with MD5 for AES-256: 16 bytes of SKEYID_e give K1 | K2. Python:
     * e = bytes(range(16)); k1 = hmac.new(e, b'\x00', 'md5').digest(); k2 = hmac.new(e, k1, 'md5').digest().
     */
    @Test
    void expansionWithMd5ForAes256() {
        Phase1Crypto c = Phase1Crypto.of(1, 7, 256);
        assertArrayEquals(hex("5d76401b50b90caee409473960c04a9614b5f3b70b892097525b06f252c61fbe"), c.encryptionKey(range(16)));
    }

    /** Three rounds: SHA-1 for a 448-bit Blowfish key, the first 56 bytes of K1 | K2 | K3 (same Python, with sha1). */
    @Test
    void expansionOverThreeRounds() {
        Phase1Crypto c = Phase1Crypto.of(2, 3, 448);
        assertArrayEquals(hex("1e5fd6a5cbc98bd4c1fe20d5e5fb2ed1df330c93a33c043ca850a65fd7aeae177920debbed728c58ac1a67969ca9324cc1e704fd760b3e81"),
                c.encryptionKey(range(20)));
    }

    /** A long enough SKEYID_e is truncated; an exactly long one taken whole. */
    @Test
    void truncation() {
        assertArrayEquals(range(16), Phase1Crypto.of(2, 7, 128).encryptionKey(range(20)));
        assertArrayEquals(range(32), Phase1Crypto.of(4, 7, 256).encryptionKey(range(32)));
    }

    /**
     * hash(last phase-1 CBC block | M-ID) with the bare hash, truncated: Python
     * hashlib.sha1(bytes(range(16)) + bytes.fromhex('01bec160')).hexdigest()[:32].
     */
    @Test
    void phase2Iv() {
        Phase1Crypto c = Phase1Crypto.of(2, 7, 128);
        assertArrayEquals(hex("de693af55541255e2a969f5605992764"), c.phase2Iv(range(16), 0x01bec160));
        assertThrows(IllegalArgumentException.class, () -> c.phase2Iv(range(8), 1), "a 3DES-sized block for AES");
        assertThrows(IllegalArgumentException.class, () -> c.phase2Iv(null, 1));
    }

    @Test
    void ofASuite() {
        Phase1Crypto c = Phase1Crypto.of(PrfTest.phase1(7, 192, 6, 0));
        assertEquals(IkeHashAlgorithm.SHA2_512, c.hash());
        assertEquals(24, c.cipher().keyLength());
        assertEquals(64, c.prf().length());
        Suite ikev2 = new Suite(true, 1, 0, 1, null, 12, 12, 128, 0, 12, 5, 0, 14, 0, 0, List.of());
        assertThrows(IllegalArgumentException.class, () -> Phase1Crypto.of(ikev2));
        Suite esp = new Suite(false, 1, 1, 3, null, 12, 12, 128, 0, 2, 0, 0, 0, 3600, 0, List.of());
        assertThrows(IllegalArgumentException.class, () -> Phase1Crypto.of(esp));
        assertThrows(UnsupportedAlgorithmException.class, () -> Phase1Crypto.of(PrfTest.phase1(7, 128, 3, 0)), "Tiger");
        assertThrows(UnsupportedAlgorithmException.class, () -> Phase1Crypto.of(PrfTest.phase1(2, 0, 2, 0)), "IDEA");
    }

    @Test
    void missingInputs() {
        Phase1Crypto c = Phase1Crypto.of(2, 7, 128);
        byte[] n = range(16);
        assertThrows(IllegalArgumentException.class, () -> Phase1Keys.preSharedKey(c, null, n, n, n, 1, 2));
        assertThrows(IllegalArgumentException.class, () -> Phase1Keys.preSharedKey(c, n, null, n, n, 1, 2));
        assertThrows(IllegalArgumentException.class, () -> Phase1Keys.preSharedKey(c, n, n, new byte[0], n, 1, 2));
        assertThrows(IllegalArgumentException.class, () -> Phase1Keys.signatures(c, n, n, null, 1, 2));
        assertThrows(IllegalArgumentException.class, () -> Phase1Keys.fromSkeyidE(c, new byte[0]));
        assertThrows(IllegalArgumentException.class, () -> Phase1Keys.fromEncryptionKey(c, range(24)), "a 3DES key for AES-128");
        assertThrows(IllegalArgumentException.class, () -> c.phase1Iv(n, null));
        assertThrows(IllegalArgumentException.class, () -> c.hashI(n, n, n, 1, 2, new byte[0], n), "no SAi_b");
        assertThrows(IllegalArgumentException.class, () -> c.hashR(n, n, n, 1, 2, n, null), "no IDir_b");
    }

    /** An empty pre-shared key is a key like any other. */
    @Test
    void emptyPreSharedKey() {
        Phase1Keys k = Phase1Keys.preSharedKey(Phase1Crypto.of(2, 7, 128), new byte[0], range(8), range(8), range(128), 1, 2);
        assertEquals(20, k.skeyid().length);
    }

    @Test
    void whatFollowsFromPartialMaterial() {
        Phase1Crypto c = Phase1Crypto.of(2, 7, 128);
        Phase1Keys fromE = Phase1Keys.fromSkeyidE(c, range(20));
        assertNull(fromE.skeyid());
        assertNull(fromE.skeyidA());
        assertArrayEquals(range(16), fromE.encryptionKey());
        Phase1Keys fromKey = Phase1Keys.fromEncryptionKey(c, range(16));
        assertNull(fromKey.skeyidE());
        assertEquals("Phase1Keys[encryption key of 16 bytes]", fromKey.toString());
    }

    @Test
    void toStringNamesNoValue() {
        Phase1Keys k = Phase1Keys.preSharedKey(Phase1Crypto.of(2, 7, 128), range(5), range(8), range(8), range(128), 1, 2);
        String s = k.toString();
        for (byte[] secret : new byte[][] {k.skeyid(), k.skeyidD(), k.skeyidA(), k.skeyidE(), k.encryptionKey()}) {
            assertFalse(s.contains(HexFormat.of().formatHex(secret, 0, 4)), s);
        }
        assertEquals("Phase1Keys[SKEYID, SKEYID_d, SKEYID_a, SKEYID_e, encryption key of 16 bytes]", s);
    }

    private static byte[] range(int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) i;
        }
        return b;
    }
}
