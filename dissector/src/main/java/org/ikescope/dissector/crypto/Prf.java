package org.ikescope.dissector.crypto;

import java.security.InvalidKeyException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.ikescope.api.protocol.IkeHashAlgorithm;
import org.ikescope.dissector.isakmp.Suite;

/**
 * The pseudo-random function of an IKEv1 phase-1 SA: "the HMAC version of the negotiated hash
 * algorithm is used as a default prf" (RFC 2409 section 4). The PRF attribute (class 13, RFC 2409
 * appendix A) could name another one, but none was ever defined: RFC 2409 says "There are
 * currently no pseudo-random functions defined" and the IANA "IKE Attributes" registry assigns no
 * PRF value, so only the default is supported and a suite with a PRF attribute is refused.
 *
 * <p>The HMACs are the JCE's: 4 to 9 times faster than BouncyCastle's for HMAC-SHA1 and
 * HMAC-SHA256 of 100 and 1,500 bytes ({@code benchmarks}: {@code CipherBenchmark}). An instance
 * keeps one {@link Mac} and is not thread-safe; instances are cheap to make.
 */
public final class Prf {
    private final IkeHashAlgorithm hash;
    private final String algorithm;
    private final Mac mac;

    private Prf(IkeHashAlgorithm hash, String algorithm, Mac mac) {
        this.hash = hash;
        this.algorithm = algorithm;
        this.mac = mac;
    }

    /**
     * The HMAC of {@code hash}.
     *
     * @throws UnsupportedAlgorithmException for Tiger, {@code UNKNOWN} or null (the JDK has no HMAC for them)
     */
    public static Prf hmac(IkeHashAlgorithm hash) {
        String name = IkeHash.hmacName(hash);
        Mac mac = IkeHash.hmac(name);
        if (mac == null) {
            throw new UnsupportedAlgorithmException("no HMAC for hash algorithm " + (hash == null ? "null" : hash.label()));
        }
        return new Prf(hash, name, mac);
    }

    /**
     * The PRF of a phase-1 suite: the HMAC of its hash algorithm.
     *
     * @throws UnsupportedAlgorithmException when the suite names a PRF (no IKEv1 PRF is defined), or
     *                                       its hash algorithm has no HMAC here
     */
    public static Prf of(Suite phase1) {
        if (phase1.prf() != 0) {
            throw new UnsupportedAlgorithmException("PRF attribute " + phase1.prf()
                    + ": no IKEv1 PRF is defined (RFC 2409 appendix A); only the default HMAC of the hash is supported");
        }
        return hmac(IkeHashAlgorithm.of(phase1.hash()));
    }

    /** The hash algorithm whose HMAC this is. */
    public IkeHashAlgorithm hash() {
        return hash;
    }

    /** Output length in bytes (the digest length). */
    public int length() {
        return mac.getMacLength();
    }

    /**
     * prf(key, data[0] | data[1] | ...). An empty key is allowed (an empty pre-shared key): HMAC
     * pads the key with zeros to the block size (RFC 2104 section 2), so it is computed with the
     * one-octet key 0x00, which pads to the same block (the JCE refuses empty keys).
     */
    public byte[] apply(byte[] key, byte[]... data) {
        byte[] k = key.length == 0 ? new byte[1] : key;
        try {
            mac.init(new SecretKeySpec(k, algorithm));
        } catch (InvalidKeyException e) {
            throw new IllegalStateException("HMAC refused a " + k.length + "-byte key", e);
        }
        for (byte[] d : data) {
            mac.update(d);
        }
        return mac.doFinal();
    }

    @Override
    public String toString() {
        return "PRF " + algorithm;
    }
}
