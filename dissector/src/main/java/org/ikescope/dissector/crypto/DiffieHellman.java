package org.ikescope.dissector.crypto;

import java.math.BigInteger;
import java.util.Arrays;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.math.ec.ECCurve;
import org.bouncycastle.math.ec.ECPoint;
import org.ikescope.api.protocol.DhGroup;

/**
 * Diffie-Hellman of IKE's MODP and ECP groups: the shared secret g^xy from one side's private value
 * and the other side's KE payload, and the public value (KE payload) of a private value, so that a
 * caller can tell whose private value it holds by comparing with the two KE payloads.
 *
 * <ul>
 *   <li>MODP groups 1, 2 (RFC 2409 section 6), 5, 14-18 (RFC 3526; generator 2) and 22-24 (RFC 5114,
 *       with their own generators). The KE payload is g^x "padded with zeros to the length of the
 *       prime" as RFC 2409 section 5 requires of phase-1 KE payloads, and so is the secret.</li>
 *   <li>ECP groups 19, 20, 21 (RFC 5903: P-256, P-384, P-521). The KE payload is x | y of the
 *       public point, each coordinate of the field's length; the shared secret is the x coordinate
 *       of the shared point, 32, 48 or 66 bytes (RFC 5903 sections 7 and 9). The arithmetic is
 *       BouncyCastle's (the JDK's ECDH gives no public point for a private value).</li>
 * </ul>
 *
 * Private values are unsigned big-endian integers of any length. Bad input is refused with an
 * {@link IllegalArgumentException} that says what is wrong, never turned into a wrong secret: a
 * public value of the wrong length, a MODP value outside 2..p-2, an ECP point with a coordinate
 * outside the field or not on the curve, a private value of 0 or beyond the group. Immutable and
 * thread-safe.
 */
public abstract sealed class DiffieHellman permits DiffieHellman.Modp, DiffieHellman.Ecp {
    private static final DiffieHellman[] BY_CODE = new DiffieHellman[32];

    private final DhGroup group;

    private DiffieHellman(DhGroup group) {
        this.group = group;
    }

    /**
     * The group with Group-Description {@code code}.
     *
     * @throws UnsupportedAlgorithmException for a group other than 1, 2, 5, 14-24
     */
    public static DiffieHellman of(int code) {
        DiffieHellman dh = code >= 0 && code < BY_CODE.length ? BY_CODE[code] : null;
        if (dh != null) {
            return dh;
        }
        ModpGroups.Group modp = ModpGroups.of(code);
        String curve = switch (code) {
            case 19 -> "secp256r1";
            case 20 -> "secp384r1";
            case 21 -> "secp521r1";
            default -> null;
        };
        if (modp == null && curve == null) {
            throw new UnsupportedAlgorithmException("Diffie-Hellman group " + DhGroup.nameOf(code) + " (" + code
                    + ") is not supported (MODP 1, 2, 5, 14-18, 22-24 and ECP 19-21 are)");
        }
        dh = modp != null ? new Modp(DhGroup.of(code), modp.p(), modp.g()) : new Ecp(DhGroup.of(code), CustomNamedCurves.getByName(curve));
        synchronized (BY_CODE) {
            BY_CODE[code] = dh;
        }
        return dh;
    }

    /** True when {@link #of} supports {@code code}. */
    public static boolean supports(int code) {
        return ModpGroups.of(code) != null || code >= 19 && code <= 21;
    }

    public DhGroup group() {
        return group;
    }

    /** The length of a public value (KE payload data) in bytes. */
    public abstract int publicValueLength();

    /** The length of the shared secret g^xy in bytes. */
    public abstract int sharedSecretLength();

    /** The public value g^x of private value {@code x}, as the KE payload carries it. */
    public abstract byte[] publicValue(byte[] privateValue);

    /**
     * g^xy from this side's private value and the other side's public value (its KE payload data).
     *
     * @throws IllegalArgumentException for a private or public value that is not valid in the group
     */
    public abstract byte[] sharedSecret(byte[] privateValue, byte[] peerPublicValue);

    @Override
    public String toString() {
        return group.shortName();
    }

    /** {@code v} as exactly {@code length} big-endian bytes (v < 2^(8*length)). */
    static byte[] fixed(BigInteger v, int length) {
        byte[] b = v.toByteArray();
        if (b.length == length) {
            return b;
        }
        byte[] out = new byte[length];
        int n = Math.min(b.length, length);
        System.arraycopy(b, b.length - n, out, length - n, n);
        return out;
    }

    private static BigInteger unsigned(byte[] b, String what) {
        return new BigInteger(1, Bytes.required(b, what));
    }

    /** A MODP group: arithmetic modulo the prime p. */
    static final class Modp extends DiffieHellman {
        private final BigInteger p;
        private final BigInteger g;
        private final BigInteger pMinus1;
        private final int length;

        Modp(DhGroup group, BigInteger p, BigInteger g) {
            super(group);
            this.p = p;
            this.g = g;
            this.pMinus1 = p.subtract(BigInteger.ONE);
            this.length = (p.bitLength() + 7) / 8;
        }

        @Override
        public int publicValueLength() {
            return length;
        }

        @Override
        public int sharedSecretLength() {
            return length;
        }

        @Override
        public byte[] publicValue(byte[] privateValue) {
            return fixed(g.modPow(privateExponent(privateValue), p), length);
        }

        @Override
        public byte[] sharedSecret(byte[] privateValue, byte[] peerPublicValue) {
            BigInteger x = privateExponent(privateValue);
            if (peerPublicValue == null || peerPublicValue.length != length) {
                throw new IllegalArgumentException(this + ": a public value of "
                        + (peerPublicValue == null ? "null" : peerPublicValue.length + " bytes") + ", expected " + length
                        + " (the prime's length, RFC 2409 section 5)");
            }
            BigInteger y = new BigInteger(1, peerPublicValue);
            if (y.compareTo(BigInteger.TWO) < 0 || y.compareTo(pMinus1) >= 0) {
                throw new IllegalArgumentException(this + ": the public value is outside 2..p-2");
            }
            return fixed(y.modPow(x, p), length);
        }

        private BigInteger privateExponent(byte[] privateValue) {
            BigInteger x = unsigned(privateValue, "the private value");
            if (x.signum() == 0 || x.compareTo(pMinus1) >= 0) {
                throw new IllegalArgumentException(this + ": the private value must be in 1..p-2");
            }
            return x;
        }
    }

    /** An ECP group: a NIST prime curve. */
    static final class Ecp extends DiffieHellman {
        private final ECCurve curve;
        private final ECPoint generator;
        private final BigInteger order;
        private final BigInteger fieldPrime;
        private final int coordinateLength;

        Ecp(DhGroup group, X9ECParameters params) {
            super(group);
            this.curve = params.getCurve();
            this.generator = params.getG();
            this.order = params.getN();
            this.fieldPrime = curve.getField().getCharacteristic();
            this.coordinateLength = curve.getFieldElementEncodingLength();
        }

        @Override
        public int publicValueLength() {
            return 2 * coordinateLength;
        }

        @Override
        public int sharedSecretLength() {
            return coordinateLength;
        }

        @Override
        public byte[] publicValue(byte[] privateValue) {
            ECPoint q = generator.multiply(scalar(privateValue)).normalize();
            byte[] out = new byte[2 * coordinateLength];
            System.arraycopy(q.getAffineXCoord().getEncoded(), 0, out, 0, coordinateLength);
            System.arraycopy(q.getAffineYCoord().getEncoded(), 0, out, coordinateLength, coordinateLength);
            return out;
        }

        @Override
        public byte[] sharedSecret(byte[] privateValue, byte[] peerPublicValue) {
            BigInteger d = scalar(privateValue);
            ECPoint shared = point(peerPublicValue).multiply(d).normalize();
            if (shared.isInfinity()) {
                throw new IllegalArgumentException(this + ": the shared point is the point at infinity");
            }
            return shared.getAffineXCoord().getEncoded();
        }

        /** The public value x | y as a point of the curve, checked (RFC 5903 section 7). */
        private ECPoint point(byte[] ke) {
            if (ke == null || ke.length != 2 * coordinateLength) {
                throw new IllegalArgumentException(this + ": a public value of " + (ke == null ? "null" : ke.length + " bytes")
                        + ", expected " + 2 * coordinateLength + " (x | y, RFC 5903 section 7)");
            }
            BigInteger x = new BigInteger(1, Arrays.copyOfRange(ke, 0, coordinateLength));
            BigInteger y = new BigInteger(1, Arrays.copyOfRange(ke, coordinateLength, ke.length));
            if (x.compareTo(fieldPrime) >= 0 || y.compareTo(fieldPrime) >= 0) {
                throw new IllegalArgumentException(this + ": a coordinate of the public value is not below the field prime");
            }
            BigInteger a = curve.getA().toBigInteger();
            BigInteger b = curve.getB().toBigInteger();
            BigInteger lhs = y.multiply(y).mod(fieldPrime);
            BigInteger rhs = x.pow(3).add(a.multiply(x)).add(b).mod(fieldPrime);
            if (!lhs.equals(rhs)) {
                throw new IllegalArgumentException(this + ": the public value is not a point on the curve");
            }
            return curve.createPoint(x, y);
        }

        private BigInteger scalar(byte[] privateValue) {
            BigInteger d = unsigned(privateValue, "the private value");
            if (d.signum() == 0 || d.compareTo(order) >= 0) {
                throw new IllegalArgumentException(this + ": the private value must be in 1..n-1 (n the group order)");
            }
            return d;
        }
    }
}
