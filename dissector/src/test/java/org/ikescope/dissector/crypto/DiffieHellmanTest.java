package org.ikescope.dissector.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.Map;
import org.ikescope.api.protocol.DhGroup;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Diffie-Hellman against published test vectors (RFC 5903 section 8 for the ECP groups, RFC 5114
 * appendix A for groups 22-24), against values computed independently with Python's pow() (groups
 * 2 and 14), and the RFC 2409/3526 primes against their definition from pi. Bad input must fail
 * with an exception, never give a secret.
 */
class DiffieHellmanTest {
    private static final Map<String, byte[]> RFC5903 = Vectors.load("rfc5903-section-8.txt");
    private static final Map<String, byte[]> RFC5114 = Vectors.load("rfc5114-appendix-a.txt");
    private static final Map<String, byte[]> POW = Vectors.load("modp-pow.txt");

    /** RFC 5903 section 8: g^i and g^r from i and r, and the x coordinate of g^ir from either side. */
    @ParameterizedTest(name = "group {0}")
    @CsvSource({"19, 32", "20, 48", "21, 66"})
    void rfc5903Section8(int group, int coordinateLength) {
        DiffieHellman dh = DiffieHellman.of(group);
        assertEquals(2 * coordinateLength, dh.publicValueLength());
        assertEquals(coordinateLength, dh.sharedSecretLength());
        assertExchange(dh, RFC5903.get(group + ".i"), RFC5903.get(group + ".r"),
                concat(RFC5903.get(group + ".gix"), RFC5903.get(group + ".giy")),
                concat(RFC5903.get(group + ".grx"), RFC5903.get(group + ".gry")), RFC5903.get(group + ".girx"));
    }

    /** Both public values from the private ones, and the same shared secret from either side. */
    private static void assertExchange(DiffieHellman dh, byte[] a, byte[] b, byte[] ga, byte[] gb, byte[] shared) {
        assertArrayEquals(ga, dh.publicValue(a), dh + ": g^a");
        assertArrayEquals(gb, dh.publicValue(b), dh + ": g^b");
        assertArrayEquals(shared, dh.sharedSecret(a, gb), dh + ": g^ab from a");
        assertArrayEquals(shared, dh.sharedSecret(b, ga), dh + ": g^ab from b");
    }

    /** RFC 5114 appendix A.1-A.3: yA, yB and Z from xA and xB, in the groups' own generators. */
    @ParameterizedTest(name = "group {0}")
    @CsvSource({"22, 128", "23, 256", "24, 256"})
    void rfc5114AppendixA(int group, int length) {
        DiffieHellman dh = DiffieHellman.of(group);
        assertEquals(length, dh.publicValueLength());
        assertExchange(dh, RFC5114.get(group + ".xA"), RFC5114.get(group + ".xB"), RFC5114.get(group + ".yA"),
                RFC5114.get(group + ".yB"), RFC5114.get(group + ".Z"));
    }

    /** Python's pow() in groups 2 and 14; g^x and g^xy start with a zero octet, which must be kept. */
    @ParameterizedTest(name = "group {0}")
    @CsvSource({"2, 128", "14, 256"})
    void independentlyComputedValues(int group, int length) {
        DiffieHellman dh = DiffieHellman.of(group);
        byte[] gx = POW.get(group + ".gx");
        byte[] gxy = POW.get(group + ".gxy");
        assertEquals(0, gx[0]);
        assertEquals(0, gxy[0]);
        assertExchange(dh, POW.get(group + ".x"), POW.get(group + ".y"), gx, POW.get(group + ".gy"), gxy);
        assertEquals(length, dh.sharedSecretLength());
        // A private value with leading zero octets is the same number.
        byte[] padded = concat(new byte[3], POW.get(group + ".x"));
        assertArrayEquals(gx, dh.publicValue(padded));
    }

    /**
     * The RFC 2409 and RFC 3526 primes from their definition, p = 2^N - 2^(N-64) - 1 + 2^64 *
     * ([2^(N-130) pi] + k), with the k each section gives; and the generator 2.
     */
    @ParameterizedTest(name = "group {0}")
    @CsvSource({
        "1, 768, 149686", "2, 1024, 129093", "5, 1536, 741804", "14, 2048, 124476", "15, 3072, 1690314",
        "16, 4096, 240904", "17, 6144, 929484", "18, 8192, 4743158",
    })
    void oakleyPrimesFromPi(int group, int bits, long k) {
        BigInteger two = BigInteger.TWO;
        BigInteger p = two.pow(bits).subtract(two.pow(bits - 64)).subtract(BigInteger.ONE)
                .add(two.pow(64).multiply(piTimesTwoTo(bits - 130).add(BigInteger.valueOf(k))));
        ModpGroups.Group g = ModpGroups.of(group);
        assertEquals(p, g.p());
        assertEquals(two, g.g());
        assertEquals(bits / 8, DiffieHellman.of(group).publicValueLength());
    }

    /** floor(pi * 2^bits), by Machin's formula pi = 16 atan(1/5) - 4 atan(1/239) in fixed point with 64 guard bits. */
    private static BigInteger piTimesTwoTo(int bits) {
        BigInteger one = BigInteger.ONE.shiftLeft(bits + 64);
        BigInteger pi = arctanOfInverse(5, one).multiply(BigInteger.valueOf(16))
                .subtract(arctanOfInverse(239, one).multiply(BigInteger.valueOf(4)));
        return pi.shiftRight(64);
    }

    private static BigInteger arctanOfInverse(int x, BigInteger one) {
        BigInteger xx = BigInteger.valueOf((long) x * x);
        BigInteger term = one.divide(BigInteger.valueOf(x));
        BigInteger sum = term;
        for (int n = 3; term.signum() != 0; n += 2) {
            term = term.divide(xx);
            BigInteger t = term.divide(BigInteger.valueOf(n));
            sum = (n / 2) % 2 == 1 ? sum.subtract(t) : sum.add(t);
        }
        return sum;
    }

    @Test
    void modpPublicValuesOutOfRange() {
        DiffieHellman dh = DiffieHellman.of(14);
        byte[] x = POW.get("14.x");
        BigInteger p = ModpGroups.of(14).p();
        for (BigInteger y : new BigInteger[] {BigInteger.ZERO, BigInteger.ONE, p.subtract(BigInteger.ONE), p,
            BigInteger.TWO.pow(2048).subtract(BigInteger.ONE)}) {
            byte[] ke = DiffieHellman.fixed(y, 256);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> dh.sharedSecret(x, ke), y.toString(16));
            assertTrue(e.getMessage().contains("outside 2..p-2"), e.getMessage());
        }
        // The smallest and largest allowed ones give a secret.
        assertEquals(256, dh.sharedSecret(x, DiffieHellman.fixed(BigInteger.TWO, 256)).length);
        assertEquals(256, dh.sharedSecret(x, DiffieHellman.fixed(p.subtract(BigInteger.TWO), 256)).length);
    }

    @Test
    void wrongLengths() {
        DiffieHellman modp = DiffieHellman.of(14);
        byte[] x = POW.get("14.x");
        byte[] gy = POW.get("14.gy");
        assertThrows(IllegalArgumentException.class, () -> modp.sharedSecret(x, Arrays.copyOf(gy, 255)), "short");
        assertThrows(IllegalArgumentException.class, () -> modp.sharedSecret(x, concat(new byte[1], gy)), "long");
        assertThrows(IllegalArgumentException.class, () -> modp.sharedSecret(x, null));
        assertThrows(IllegalArgumentException.class, () -> modp.sharedSecret(new byte[0], gy), "no private value");
        DiffieHellman ecp = DiffieHellman.of(19);
        byte[] gr = concat(RFC5903.get("19.grx"), RFC5903.get("19.gry"));
        assertThrows(IllegalArgumentException.class, () -> ecp.sharedSecret(RFC5903.get("19.i"), Arrays.copyOf(gr, 63)));
        assertThrows(IllegalArgumentException.class, () -> ecp.sharedSecret(RFC5903.get("19.i"), concat(new byte[] {4}, gr)),
                "an uncompressed SEC1 point is not a KE payload");
    }

    @Test
    void privateValuesOutOfRange() {
        DiffieHellman modp = DiffieHellman.of(2);
        byte[] pMinus1 = ModpGroups.of(2).p().subtract(BigInteger.ONE).toByteArray();
        assertThrows(IllegalArgumentException.class, () -> modp.publicValue(new byte[8]), "zero");
        assertThrows(IllegalArgumentException.class, () -> modp.publicValue(pMinus1), "p-1");
        DiffieHellman ecp = DiffieHellman.of(19);
        byte[] n = new BigInteger("FFFFFFFF00000000FFFFFFFFFFFFFFFFBCE6FAADA7179E84F3B9CAC2FC632551", 16).toByteArray();
        assertThrows(IllegalArgumentException.class, () -> ecp.publicValue(new byte[32]), "zero");
        assertThrows(IllegalArgumentException.class, () -> ecp.publicValue(n), "the group order");
    }

    @Test
    void pointsNotOnTheCurve() {
        for (int group : new int[] {19, 20, 21}) {
            DiffieHellman dh = DiffieHellman.of(group);
            byte[] i = RFC5903.get(group + ".i");
            byte[] gr = concat(RFC5903.get(group + ".grx"), RFC5903.get(group + ".gry"));
            byte[] flipped = gr.clone();
            flipped[flipped.length - 1] ^= 1;
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> dh.sharedSecret(i, flipped));
            assertTrue(e.getMessage().contains("not a point on the curve"), e.getMessage());
            assertThrows(IllegalArgumentException.class, () -> dh.sharedSecret(i, new byte[gr.length]), "(0, 0)");
            byte[] allOnes = new byte[gr.length];
            Arrays.fill(allOnes, (byte) 0xff);
            assertThrows(IllegalArgumentException.class, () -> dh.sharedSecret(i, allOnes), "coordinates beyond the field");
        }
    }

    @ParameterizedTest(name = "group {0}")
    @ValueSource(ints = {0, 3, 4, 6, 13, 25, 26, 28, 31, 32, 35, 99, -1, 65535})
    void unsupportedGroups(int group) {
        assertFalse(DiffieHellman.supports(group));
        UnsupportedAlgorithmException e = assertThrows(UnsupportedAlgorithmException.class, () -> DiffieHellman.of(group));
        assertTrue(e.getMessage().contains("not supported"), e.getMessage());
    }

    @Test
    void supportedGroups() {
        for (int g : new int[] {1, 2, 5, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24}) {
            assertTrue(DiffieHellman.supports(g));
            assertEquals(DhGroup.of(g), DiffieHellman.of(g).group());
            assertEquals(DhGroup.of(g).keyExchangeLength(), DiffieHellman.of(g).publicValueLength(), "group " + g);
        }
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
