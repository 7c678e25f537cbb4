package org.ikescope.dissector.crypto;

import java.security.GeneralSecurityException;
import java.util.function.Supplier;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.crypto.BlockCipher;
import org.bouncycastle.crypto.engines.CAST5Engine;
import org.bouncycastle.crypto.engines.DESedeEngine;
import org.bouncycastle.crypto.engines.CamelliaEngine;
import org.bouncycastle.crypto.modes.CBCBlockCipher;
import org.bouncycastle.crypto.modes.CBCModeCipher;
import org.bouncycastle.crypto.params.KeyParameter;
import org.bouncycastle.crypto.params.ParametersWithIV;
import org.ikescope.api.protocol.IkeEncryptionAlgorithm;
import org.ikescope.dissector.isakmp.Suite;

/**
 * The CBC cipher of an IKEv1 phase-1 SA (RFC 2409 appendix A Encryption-Algorithm codes), with its
 * block size and key length, decrypting without removing padding: IKEv1 pads to the block size
 * with bytes of any value, the last one optionally the pad length (RFC 2409 section 5.3), which is
 * not PKCS#7, so the caller reads the payload lengths instead.
 *
 * <table>
 *   <caption>ciphers, key lengths and where they come from</caption>
 *   <tr><th>code</th><th>cipher</th><th>block</th><th>key (bits)</th><th>source</th><th>implementation</th></tr>
 *   <tr><td>1</td><td>DES-CBC</td><td>8</td><td>64, fixed (parity bits included)</td><td>RFC 2405</td><td>JCE</td></tr>
 *   <tr><td>3</td><td>Blowfish-CBC</td><td>8</td><td>Key-Length 40-448, default 128</td><td>RFC 2451 section 2.2</td><td>JCE</td></tr>
 *   <tr><td>5</td><td>3DES-CBC</td><td>8</td><td>192, fixed</td><td>RFC 2451 section 2.2</td><td>BouncyCastle</td></tr>
 *   <tr><td>6</td><td>CAST-CBC (CAST-128, CAST5)</td><td>8</td><td>Key-Length 40-128, default 128</td><td>RFC 2451 section 2.2, RFC 2144 section 2.5</td><td>BouncyCastle</td></tr>
 *   <tr><td>7</td><td>AES-CBC</td><td>16</td><td>Key-Length 128, 192 or 256, required</td><td>RFC 3602 section 5.3</td><td>JCE</td></tr>
 *   <tr><td>8</td><td>CAMELLIA-CBC</td><td>16</td><td>Key-Length 128, 192 or 256, required</td><td>RFC 4312</td><td>BouncyCastle</td></tr>
 * </table>
 *
 * RFC 2409 appendix A only says that the Key-Length attribute is sent for the ciphers with a
 * variable key and never for the others; the defaults used when it is absent are the ones RFC 2451
 * section 2.2 states for those ciphers (the codes' reference in the IANA registry), and key sizes
 * are whole octets (RFC 2451: "all key sizes MUST be a multiple of 8 bits"). A Key-Length attribute
 * on a fixed-length cipher is accepted when it states that length and refused otherwise. IDEA-CBC
 * (2) and RC5-R16-B64-CBC (4) are not supported.
 *
 * <p>AES, DES and Blowfish go through the JCE (its AES-128-CBC decrypts 100 and 1,500 bytes
 * 14 to 45 times faster than BouncyCastle's: {@code benchmarks}, {@code CipherBenchmark}); the JDK
 * has no CAST-128 and no Camellia, which BouncyCastle's engines provide, and BouncyCastle's 3DES
 * decrypts a 96-byte MM5 35 to 60% faster than the JCE's with the key schedule kept. An instance keeps its cipher object
 * between calls and is not thread-safe; instances are cheap to make.
 */
public final class IkeCipher {
    private final IkeEncryptionAlgorithm algorithm;
    private final int keyLength;
    private final String jceTransformation;
    private final String jceKeyAlgorithm;
    private final Supplier<BlockCipher> engine;
    private Cipher jce;
    private CBCModeCipher bc;
    /**
     * Decryption with the key schedule kept: an SA decrypts every message with one key, and a
     * 3DES key schedule costs more than decrypting an MM5 (53,700 MM5 decryptions/s with a fresh
     * schedule per message). The JCE's ECB cipher keyed with {@link #lastKey} (CBC is done here: each
     * block's plaintext is its decryption XOR the block before it, the IV before the first); for
     * BouncyCastle engines, the CBC cipher re-initialised with the IV only.
     */
    private Cipher jceEcb;
    private byte[] lastKey;
    private boolean lastEncrypt;

    private IkeCipher(IkeEncryptionAlgorithm algorithm, int keyLength, String jceTransformation, String jceKeyAlgorithm,
                      Supplier<BlockCipher> engine) {
        this.algorithm = algorithm;
        this.keyLength = keyLength;
        this.jceTransformation = jceTransformation;
        this.jceKeyAlgorithm = jceKeyAlgorithm;
        this.engine = engine;
    }

    /**
     * The cipher of a phase-1 suite (its Encryption-Algorithm and Key-Length).
     *
     * @throws UnsupportedAlgorithmException see {@link #of(int, int)}
     */
    public static IkeCipher of(Suite phase1) {
        return of(phase1.encryption(), phase1.keyLength());
    }

    /**
     * The cipher of an Encryption-Algorithm code with a Key-Length attribute.
     *
     * @param encryption    IKEv1 Encryption-Algorithm code ({@link IkeEncryptionAlgorithm})
     * @param keyLengthBits the Key-Length attribute, 0 when not sent
     * @throws UnsupportedAlgorithmException for an unsupported code, a key length the cipher does
     *                                       not take, or AES/Camellia without a Key-Length
     */
    public static IkeCipher of(int encryption, int keyLengthBits) {
        IkeEncryptionAlgorithm a = IkeEncryptionAlgorithm.of(encryption);
        return switch (a) {
            case DES_CBC -> fixed(a, keyLengthBits, 64, "DES/CBC/NoPadding", "DES", null);
            case TRIPLE_DES_CBC -> fixed(a, keyLengthBits, 192, null, null, DESedeEngine::new);
            case AES_CBC -> new IkeCipher(a, required(a, keyLengthBits), "AES/CBC/NoPadding", "AES", null);
            case BLOWFISH_CBC -> new IkeCipher(a, variable(a, keyLengthBits, 40, 448), "Blowfish/CBC/NoPadding", "Blowfish", null);
            case CAST_CBC -> new IkeCipher(a, variable(a, keyLengthBits, 40, 128), null, null, CAST5Engine::new);
            case CAMELLIA_CBC -> new IkeCipher(a, required(a, keyLengthBits), null, null, CamelliaEngine::new);
            default -> throw new UnsupportedAlgorithmException("encryption algorithm " + IkeEncryptionAlgorithm.nameOf(encryption)
                    + " (" + encryption + ") is not supported");
        };
    }

    private static IkeCipher fixed(IkeEncryptionAlgorithm a, int keyLengthBits, int bits, String transformation, String keyAlg,
                                   Supplier<BlockCipher> engine) {
        if (keyLengthBits != 0 && keyLengthBits != bits) {
            throw new UnsupportedAlgorithmException(a.label() + " has a fixed " + bits + "-bit key; Key-Length " + keyLengthBits);
        }
        return new IkeCipher(a, bits / 8, transformation, keyAlg, engine);
    }

    /** AES and Camellia: the Key-Length attribute is mandatory (RFC 3602 section 5.3, RFC 4312). */
    private static int required(IkeEncryptionAlgorithm a, int keyLengthBits) {
        if (keyLengthBits != 128 && keyLengthBits != 192 && keyLengthBits != 256) {
            throw new UnsupportedAlgorithmException(a.label() + " needs a Key-Length attribute of 128, 192 or 256; "
                    + (keyLengthBits == 0 ? "none was sent" : "got " + keyLengthBits));
        }
        return keyLengthBits / 8;
    }

    /** Blowfish and CAST: the attribute, else the cipher's default (RFC 2451 section 2.2), in whole octets. */
    private static int variable(IkeEncryptionAlgorithm a, int keyLengthBits, int min, int max) {
        int bits = keyLengthBits == 0 ? a.defaultKeyBits() : keyLengthBits;
        if (bits < min || bits > max || bits % 8 != 0) {
            throw new UnsupportedAlgorithmException(a.label() + " takes a key of " + min + " to " + max
                    + " bits in whole octets; Key-Length " + keyLengthBits);
        }
        return bits / 8;
    }

    public IkeEncryptionAlgorithm algorithm() {
        return algorithm;
    }

    /** Block size in bytes: the length of the IV and the unit of the ciphertext. */
    public int blockSize() {
        return algorithm.blockSize();
    }

    /** Key length in bytes. */
    public int keyLength() {
        return keyLength;
    }

    /**
     * CBC-decrypts {@code len} bytes of {@code in} from {@code off}, padding left in place.
     *
     * @throws IllegalArgumentException when the key or IV has the wrong length, or {@code len} is
     *                                  not a whole number of blocks
     */
    public byte[] decrypt(byte[] key, byte[] iv, byte[] in, int off, int len) {
        return run(false, key, iv, in, off, len);
    }

    /** CBC-encrypts whole blocks (the caller pads). Same checks as {@link #decrypt}. */
    public byte[] encrypt(byte[] key, byte[] iv, byte[] in, int off, int len) {
        return run(true, key, iv, in, off, len);
    }

    private byte[] run(boolean encrypt, byte[] key, byte[] iv, byte[] in, int off, int len) {
        if (key.length != keyLength) {
            throw new IllegalArgumentException(this + ": key of " + key.length + " bytes, expected " + keyLength);
        }
        if (iv.length != blockSize()) {
            throw new IllegalArgumentException(this + ": IV of " + iv.length + " bytes, expected " + blockSize());
        }
        if (off < 0 || len < 0 || off > in.length - len) {
            throw new IllegalArgumentException(this + ": " + len + " bytes from " + off + " outside " + in.length);
        }
        if (len % blockSize() != 0) {
            throw new IllegalArgumentException(this + ": " + len + " bytes is not a whole number of "
                    + blockSize() + "-byte blocks");
        }
        return engine == null ? jce(encrypt, key, iv, in, off, len) : bouncyCastle(encrypt, key, iv, in, off, len);
    }

    private byte[] jce(boolean encrypt, byte[] key, byte[] iv, byte[] in, int off, int len) {
        if (!encrypt) {
            return jceDecrypt(key, iv, in, off, len);
        }
        try {
            if (jce == null) {
                jce = Cipher.getInstance(jceTransformation);
            }
            jce.init(encrypt ? Cipher.ENCRYPT_MODE : Cipher.DECRYPT_MODE, new SecretKeySpec(key, jceKeyAlgorithm),
                    new IvParameterSpec(iv));
            return jce.doFinal(in, off, len);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(this + ": the JCE failed", e);
        }
    }

    private byte[] jceDecrypt(byte[] key, byte[] iv, byte[] in, int off, int len) {
        byte[] out;
        try {
            if (jceEcb == null) {
                jceEcb = Cipher.getInstance(jceTransformation.replace("/CBC/", "/ECB/"));
            }
            if (!sameKey(key, false)) {
                jceEcb.init(Cipher.DECRYPT_MODE, new SecretKeySpec(key, jceKeyAlgorithm));
            }
            out = jceEcb.doFinal(in, off, len);
        } catch (GeneralSecurityException e) {
            lastKey = null;
            throw new IllegalStateException(this + ": the JCE failed", e);
        }
        int block = blockSize();
        for (int i = 0; i < len; i++) {
            out[i] ^= i < block ? iv[i] : in[off + i - block];
        }
        return out;
    }

    /** True when the last key set was {@code key}, in the same direction; else remembers it (the caller sets it). */
    private boolean sameKey(byte[] key, boolean encrypt) {
        if (lastKey != null && lastEncrypt == encrypt && java.util.Arrays.equals(lastKey, key)) {
            return true;
        }
        lastKey = key.clone();
        lastEncrypt = encrypt;
        return false;
    }

    private byte[] bouncyCastle(boolean encrypt, byte[] key, byte[] iv, byte[] in, int off, int len) {
        if (bc == null) {
            bc = CBCBlockCipher.newInstance(engine.get());
        }
        try {
            bc.init(encrypt, new ParametersWithIV(sameKey(key, encrypt) ? null : new KeyParameter(key), iv));
        } catch (RuntimeException e) {
            lastKey = null; // the engine has no key now: the next call sets one
            throw e;
        }
        byte[] out = new byte[len];
        for (int at = 0; at < len; at += blockSize()) {
            bc.processBlock(in, off + at, out, at);
        }
        return out;
    }

    @Override
    public String toString() {
        return algorithm.label() + "-" + keyLength * 8;
    }
}
