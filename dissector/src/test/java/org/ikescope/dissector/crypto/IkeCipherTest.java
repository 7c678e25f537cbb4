package org.ikescope.dissector.crypto;

import static org.ikescope.dissector.crypto.Vectors.hex;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.ikescope.api.protocol.IkeEncryptionAlgorithm;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/**
 * Published known answers for every cipher: CBC vectors where they exist, ECB vectors (one block,
 * which CBC with a zero IV is) plus a two-block CBC message built from them, so that the chaining
 * is checked against published values too. Nothing here is compared with output of the code under
 * test.
 */
class IkeCipherTest {
    private static final int DES = 1;
    private static final int BLOWFISH = 3;
    private static final int TRIPLE_DES = 5;
    private static final int CAST = 6;
    private static final int AES = 7;
    private static final int CAMELLIA = 8;

    /** CBC known answers: code, Key-Length attribute, key, IV, plaintext, ciphertext. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
        RFC 3602 section 4 case 1 (AES-128)  | 7 | 128 | 06a9214036b8a15b512e03d534120006 | 3dafba429d9eb430b422da802c9fac41 | 53696e676c6520626c6f636b206d7367 | e353779c1079aeb82708942dbe77181a
        RFC 3602 section 4 case 2 (AES-128)  | 7 | 128 | c286696d887c9aa0611bbb3e2025a45a | 562e17996d093d28ddb3ba695a2e6f58 | 000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f | d296cd94c2cccf8a3a863028b5e1dc0a7586602d253cfff91b8266bea6d61ab1
        RFC 3602 section 4 case 3 (AES-128)  | 7 | 128 | 56e47a38c5598974bc46903dba290349 | 8ce82eefbea0da3c44699ed7db51b7d9 | a0a1a2a3a4a5a6a7a8a9aaabacadaeafb0b1b2b3b4b5b6b7b8b9babbbcbdbebfc0c1c2c3c4c5c6c7c8c9cacbcccdcecfd0d1d2d3d4d5d6d7d8d9dadbdcdddedf | c30e32ffedc0774e6aff6af0869f71aa0f3af07a9a31a9c684db207eb0ef8e4e35907aa632c3ffdf868bb7b29d3d46ad83ce9f9a102ee99d49a53e87f4c3da55
        NIST SP 800-38A F.2.1 (AES-128)      | 7 | 128 | 2b7e151628aed2a6abf7158809cf4f3c | 000102030405060708090a0b0c0d0e0f | 6bc1bee22e409f96e93d7e117393172aae2d8a571e03ac9c9eb76fac45af8e5130c81c46a35ce411e5fbc1191a0a52eff69f2445df4f9b17ad2b417be66c3710 | 7649abac8119b246cee98e9b12e9197d5086cb9b507219ee95db113a917678b273bed6b8e3c1743b7116e69e222295163ff1caa1681fac09120eca307586e1a7
        NIST SP 800-38A F.2.3 (AES-192)      | 7 | 192 | 8e73b0f7da0e6452c810f32b809079e562f8ead2522c6b7b | 000102030405060708090a0b0c0d0e0f | 6bc1bee22e409f96e93d7e117393172aae2d8a571e03ac9c9eb76fac45af8e5130c81c46a35ce411e5fbc1191a0a52eff69f2445df4f9b17ad2b417be66c3710 | 4f021db243bc633d7178183a9fa071e8b4d9ada9ad7dedf4e5e738763f69145a571b242012fb7ae07fa9baac3df102e008b0e27988598881d920a9e64f5615cd
        NIST SP 800-38A F.2.5 (AES-256)      | 7 | 256 | 603deb1015ca71be2b73aef0857d77811f352c073b6108d72d9810a30914dff4 | 000102030405060708090a0b0c0d0e0f | 6bc1bee22e409f96e93d7e117393172aae2d8a571e03ac9c9eb76fac45af8e5130c81c46a35ce411e5fbc1191a0a52eff69f2445df4f9b17ad2b417be66c3710 | f58c4c04d6e5f1ba779eabfb5f7bfbd69cfc4e967edb808d679f777bc6702c7d39f23369a9d9bacfa530e26304231461b2eb05e2c39be9fcda6c19078c6a9d1b
        FIPS 81 appendix C (DES-CBC)         | 1 | 0   | 0123456789abcdef | 1234567890abcdef | 4e6f77206973207468652074696d6520666f7220616c6c20 | e5c7cdde872bf27c43e934008c389c0f683788499a7c05f6
        NESSIE DES set 8 vector 0            | 1 | 0   | 0001020304050607 | 0000000000000000 | 41ad068548809d02 | 0011223344556677
        NESSIE DES set 8 vector 1            | 1 | 0   | 2bd6459f82c5b300 | 0000000000000000 | b10f843097a0f932 | ea024714ad5c4d84
        NIST TDES MMT example 1 (3DES)       | 5 | 0   | 627f460e08104a1043cd265d5840eaf1313edf97df2a8a8c | 8e29f75ea77e5475 | 326a494cd33fe756 | b22b8d66de970692
        NIST TDES MMT example 2 (3DES)       | 5 | 0   | 37ae5ebf46dff2dc0754b94f31cbb3855e7fd36dc870bfae | 3d1de3cc132e3b65 | 84401f78fe6c10876d8ea23094ea5309 | 7b1f7c7e3b1c948ebd04a75ffba7d2f5
        Eric Young (Blowfish-CBC, 128 bits)  | 3 | 0   | 0123456789abcdeff0e1d2c3b4a59687 | fedcba9876543210 | 37363534333231204e6f77206973207468652074696d6520666f722000000000 | 6b77b4d63006dee605b156e27403979358deb9e7154616d959f1652bd5ff92cc
        Schneier (Blowfish, 64-bit key)      | 3 | 64  | 0000000000000000 | 0000000000000000 | 0000000000000000 | 4ef997456198dd78
        Schneier (Blowfish, 64-bit key)      | 3 | 64  | ffffffffffffffff | 0000000000000000 | ffffffffffffffff | 51866fd5b85ecb8a
        RFC 2144 B.1 (CAST-128, 128 bits)    | 6 | 0   | 0123456712345678234567893456789a | 0000000000000000 | 0123456789abcdef | 238b4fe5847e44b2
        RFC 2144 B.1 (CAST-128, 80 bits)     | 6 | 80  | 01234567123456782345 | 0000000000000000 | 0123456789abcdef | eb6a711a2c02271b
        RFC 2144 B.1 (CAST-128, 40 bits)     | 6 | 40  | 0123456712 | 0000000000000000 | 0123456789abcdef | 7ac816d16e9b302e
        RFC 3713 appendix A (Camellia-128)   | 8 | 128 | 0123456789abcdeffedcba9876543210 | 00000000000000000000000000000000 | 0123456789abcdeffedcba9876543210 | 67673138549669730857065648eabe43
        RFC 3713 appendix A (Camellia-192)   | 8 | 192 | 0123456789abcdeffedcba98765432100011223344556677 | 00000000000000000000000000000000 | 0123456789abcdeffedcba9876543210 | b4993401b3e996f84ee5cee7d79b09b9
        RFC 3713 appendix A (Camellia-256)   | 8 | 256 | 0123456789abcdeffedcba987654321000112233445566778899aabbccddeeff | 00000000000000000000000000000000 | 0123456789abcdeffedcba9876543210 | 9acc237dff16d76c20ef7c919e3a7509
        NESSIE Camellia-128 set 8 vector 1   | 8 | 128 | 2bd6459f82c5b300952c49104881ff48 | 00000000000000000000000000000000 | 78357866fd8b2caed4d1bba3cfd5340a | ea024714ad5c4d84ea024714ad5c4d84
        NESSIE Camellia-256 set 8 vector 0   | 8 | 256 | 000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f | 00000000000000000000000000000000 | 06369b3608ae43ca79c88bcf497f6771 | 00112233445566778899aabbccddeeff
        """)
    void knownAnswer(String source, int code, int keyLengthBits, String key, String iv, String plain, String cipher) {
        IkeCipher c = IkeCipher.of(code, keyLengthBits);
        byte[] ct = hex(cipher);
        assertArrayEquals(hex(plain), c.decrypt(hex(key), hex(iv), ct, 0, ct.length), source);
        assertArrayEquals(ct, c.encrypt(hex(key), hex(iv), hex(plain), 0, hex(plain).length), source);
        // The same ciphertext inside a larger buffer, at an offset.
        byte[] framed = new byte[ct.length + 7];
        System.arraycopy(ct, 0, framed, 3, ct.length);
        assertArrayEquals(hex(plain), c.decrypt(hex(key), hex(iv), framed, 3, ct.length), source + " at an offset");
    }

    /**
     * CBC chaining for the BouncyCastle ciphers, built from ECB known answers only: with
     * C1 = E(P1 xor IV) = ct1 and C2 = E(P2 xor C1) = ct2, choosing IV = pt1 xor P1 and
     * P2 = pt2 xor ct1 makes (C1, C2) = (ct1, ct2).
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
        CAST-128 (RFC 2144 B.1: 128 bits)    | 6 | 0   | 0123456712345678234567893456789a | 0123456789abcdef | 238b4fe5847e44b2
        Camellia-128 (RFC 3713, NESSIE)      | 8 | 128 | 0123456789abcdeffedcba9876543210 | 0123456789abcdeffedcba9876543210 | 67673138549669730857065648eabe43
        """)
    void chainingFromEcbVectors(String source, int code, int keyLengthBits, String key, String ecbPlain, String ecbCipher) {
        IkeCipher c = IkeCipher.of(code, keyLengthBits);
        byte[] pt = hex(ecbPlain);
        byte[] ct = hex(ecbCipher);
        byte[] p1 = "first block of a".getBytes(StandardCharsets.US_ASCII);
        byte[] iv = xor(pt, Arrays.copyOf(p1, pt.length));
        byte[] message = concat(ct, ct);
        byte[] expected = concat(Arrays.copyOf(p1, pt.length), xor(pt, ct));
        assertArrayEquals(expected, c.decrypt(hex(key), iv, message, 0, message.length), source);
    }

    /**
     * One instance keeps its key schedule between calls (an SA decrypts every message with one
     * key): two published vectors with different keys, through one instance, in an order that
     * changes the key, repeats it, and switches between decryption and encryption, give the
     * published answers every time.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
        3DES (NIST TDES MMT examples 1, 2)   | 5 | 0   | 627f460e08104a1043cd265d5840eaf1313edf97df2a8a8c | 8e29f75ea77e5475 | 326a494cd33fe756 | b22b8d66de970692 | 37ae5ebf46dff2dc0754b94f31cbb3855e7fd36dc870bfae | 3d1de3cc132e3b65 | 84401f78fe6c10876d8ea23094ea5309 | 7b1f7c7e3b1c948ebd04a75ffba7d2f5
        AES-128 (RFC 3602 cases 1, 2)        | 7 | 128 | 06a9214036b8a15b512e03d534120006 | 3dafba429d9eb430b422da802c9fac41 | 53696e676c6520626c6f636b206d7367 | e353779c1079aeb82708942dbe77181a | c286696d887c9aa0611bbb3e2025a45a | 562e17996d093d28ddb3ba695a2e6f58 | 000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f | d296cd94c2cccf8a3a863028b5e1dc0a7586602d253cfff91b8266bea6d61ab1
        Camellia-128 (RFC 3713, NESSIE)      | 8 | 128 | 0123456789abcdeffedcba9876543210 | 00000000000000000000000000000000 | 0123456789abcdeffedcba9876543210 | 67673138549669730857065648eabe43 | 2bd6459f82c5b300952c49104881ff48 | 00000000000000000000000000000000 | 78357866fd8b2caed4d1bba3cfd5340a | ea024714ad5c4d84ea024714ad5c4d84
        """)
    void oneInstanceThroughKeyChanges(String source, int code, int keyLengthBits, String k1, String iv1, String p1, String c1,
                                      String k2, String iv2, String p2, String c2) {
        IkeCipher c = IkeCipher.of(code, keyLengthBits);
        String[][] steps = {{k1, iv1, p1, c1, "d"}, {k1, iv1, p1, c1, "d"}, {k2, iv2, p2, c2, "d"}, {k1, iv1, p1, c1, "e"},
            {k1, iv1, p1, c1, "d"}, {k2, iv2, p2, c2, "e"}, {k2, iv2, p2, c2, "d"}, {k1, iv1, p1, c1, "d"}};
        for (int i = 0; i < steps.length; i++) {
            String[] s = steps[i];
            byte[] in = hex(s[4].equals("d") ? s[3] : s[2]);
            byte[] want = hex(s[4].equals("d") ? s[2] : s[3]);
            byte[] got = s[4].equals("d") ? c.decrypt(hex(s[0]), hex(s[1]), in, 0, in.length)
                    : c.encrypt(hex(s[0]), hex(s[1]), in, 0, in.length);
            assertArrayEquals(want, got, source + " step " + i);
        }
        // A key array changed in place after use is a new key.
        byte[] key = hex(k1);
        c.decrypt(key, hex(iv1), hex(c1), 0, hex(c1).length);
        System.arraycopy(hex(k2), 0, key, 0, key.length);
        assertArrayEquals(hex(p2), c.decrypt(key, hex(iv2), hex(c2), 0, hex(c2).length), source + " key changed in place");
    }

    @Test
    void blockSizesAndKeyLengths() {
        assertShape(IkeCipher.of(DES, 0), 8, 8);
        assertShape(IkeCipher.of(DES, 64), 8, 8);
        assertShape(IkeCipher.of(TRIPLE_DES, 0), 8, 24);
        assertShape(IkeCipher.of(BLOWFISH, 0), 8, 16);
        assertShape(IkeCipher.of(BLOWFISH, 448), 8, 56);
        assertShape(IkeCipher.of(CAST, 0), 8, 16);
        assertShape(IkeCipher.of(CAST, 40), 8, 5);
        assertShape(IkeCipher.of(AES, 128), 16, 16);
        assertShape(IkeCipher.of(AES, 192), 16, 24);
        assertShape(IkeCipher.of(AES, 256), 16, 32);
        assertShape(IkeCipher.of(CAMELLIA, 192), 16, 24);
        assertEquals(IkeEncryptionAlgorithm.CAMELLIA_CBC, IkeCipher.of(CAMELLIA, 256).algorithm());
        assertEquals("AES-CBC-256", IkeCipher.of(AES, 256).toString());
    }

    private static void assertShape(IkeCipher c, int block, int key) {
        assertEquals(block, c.blockSize(), c + " block");
        assertEquals(key, c.keyLength(), c + " key");
    }

    @ParameterizedTest(name = "code {0}, Key-Length {1}")
    @CsvSource({
        "2, 0",      // IDEA-CBC
        "4, 0",      // RC5-R16-B64-CBC
        "0, 0",      // reserved
        "9, 0",      // unassigned
        "65001, 0",  // private use
        "7, 0",      // AES without Key-Length (RFC 3602 section 5.3)
        "7, 100",
        "8, 0",      // Camellia without Key-Length
        "1, 56",     // DES has a fixed key
        "5, 128",    // so has 3DES
        "3, 36",     // Blowfish below 40 bits
        "3, 452",    // above 448
        "3, 44",     // not whole octets
        "6, 136",    // CAST above 128
    })
    void refusesWhatItCannotDo(int code, int keyLengthBits) {
        UnsupportedAlgorithmException e = assertThrows(UnsupportedAlgorithmException.class, () -> IkeCipher.of(code, keyLengthBits));
        assertTrue(e.getMessage().length() > 10, e.getMessage());
    }

    @Test
    void refusesBadLengths() {
        IkeCipher aes = IkeCipher.of(AES, 128);
        byte[] key = new byte[16];
        byte[] iv = new byte[16];
        assertThrows(IllegalArgumentException.class, () -> aes.decrypt(new byte[24], iv, new byte[16], 0, 16));
        assertThrows(IllegalArgumentException.class, () -> aes.decrypt(key, new byte[8], new byte[16], 0, 16));
        assertThrows(IllegalArgumentException.class, () -> aes.decrypt(key, iv, new byte[20], 0, 20));
        assertThrows(IllegalArgumentException.class, () -> aes.decrypt(key, iv, new byte[16], 8, 16));
        assertThrows(IllegalArgumentException.class, () -> aes.decrypt(key, iv, new byte[16], -1, 16));
        IkeCipher cast = IkeCipher.of(CAST, 0);
        assertThrows(IllegalArgumentException.class, () -> cast.decrypt(new byte[16], new byte[8], new byte[12], 0, 12));
        assertArrayEquals(new byte[0], aes.decrypt(key, iv, new byte[0], 0, 0));
    }

    private static byte[] xor(byte[] a, byte[] b) {
        byte[] out = new byte[a.length];
        for (int i = 0; i < a.length; i++) {
            out[i] = (byte) (a[i] ^ b[i]);
        }
        return out;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
