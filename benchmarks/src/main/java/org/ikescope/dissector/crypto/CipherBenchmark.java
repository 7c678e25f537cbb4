package org.ikescope.dissector.crypto;

import java.security.GeneralSecurityException;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.crypto.digests.SHA1Digest;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.engines.AESEngine;
import org.bouncycastle.crypto.macs.HMac;
import org.bouncycastle.crypto.modes.CBCBlockCipher;
import org.bouncycastle.crypto.modes.CBCModeCipher;
import org.bouncycastle.crypto.params.KeyParameter;
import org.bouncycastle.crypto.params.ParametersWithIV;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * JCE against BouncyCastle's lightweight API for what decrypting IKEv1 does per message: AES-128-CBC
 * decryption (a key and IV set per message, as each message has its own IV) and HMAC-SHA1 /
 * HMAC-SHA256 (the PRF and the phase-2 HASHes), for a small message (100 bytes: an MM5, a DPD
 * notify) and a large one (1,500 bytes: a quick mode with certificates or many proposals). CBC
 * needs whole blocks, so the AES benchmarks round the size up to 16 (112 and 1,504 bytes), as
 * IKEv1 padding does. {@link #ikeCipher} is the production path ({@link IkeCipher}, on the JCE).
 * Both implementations reuse their cipher and MAC objects, as the production code does.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class CipherBenchmark {
    @Param({"100", "1500"})
    public int size;

    private final byte[] key = new byte[16];
    private final byte[] iv = new byte[16];
    private byte[] message;
    private byte[] ciphertext;
    private byte[] out;
    private Cipher jceAes;
    private CBCModeCipher bcAes;
    private Mac jceSha1;
    private Mac jceSha256;
    private HMac bcSha1;
    private HMac bcSha256;
    private IkeCipher ikeCipher;

    @Setup
    public void setup() throws GeneralSecurityException {
        Random r = new Random(1);
        r.nextBytes(key);
        r.nextBytes(iv);
        message = new byte[size];
        r.nextBytes(message);
        ciphertext = new byte[(size + 15) / 16 * 16];
        r.nextBytes(ciphertext);
        out = new byte[ciphertext.length];
        jceAes = Cipher.getInstance("AES/CBC/NoPadding");
        bcAes = CBCBlockCipher.newInstance(AESEngine.newInstance());
        jceSha1 = Mac.getInstance("HmacSHA1");
        jceSha256 = Mac.getInstance("HmacSHA256");
        bcSha1 = new HMac(new SHA1Digest());
        bcSha256 = new HMac(SHA256Digest.newInstance());
        ikeCipher = IkeCipher.of(7, 128);
    }

    @Benchmark
    public byte[] aes128CbcDecryptJce() throws GeneralSecurityException {
        jceAes.init(Cipher.DECRYPT_MODE, new SecretKeySpec(key, "AES"), new IvParameterSpec(iv));
        jceAes.doFinal(ciphertext, 0, ciphertext.length, out, 0);
        return out;
    }

    @Benchmark
    public byte[] aes128CbcDecryptBouncyCastle() {
        bcAes.init(false, new ParametersWithIV(new KeyParameter(key), iv));
        for (int at = 0; at < ciphertext.length; at += 16) {
            bcAes.processBlock(ciphertext, at, out, at);
        }
        return out;
    }

    @Benchmark
    public byte[] ikeCipher() {
        return ikeCipher.decrypt(key, iv, ciphertext, 0, ciphertext.length);
    }

    @Benchmark
    public byte[] hmacSha1Jce() throws GeneralSecurityException {
        return jce(jceSha1, "HmacSHA1");
    }

    @Benchmark
    public byte[] hmacSha1BouncyCastle() {
        return bouncyCastle(bcSha1);
    }

    @Benchmark
    public byte[] hmacSha256Jce() throws GeneralSecurityException {
        return jce(jceSha256, "HmacSHA256");
    }

    @Benchmark
    public byte[] hmacSha256BouncyCastle() {
        return bouncyCastle(bcSha256);
    }

    private byte[] jce(Mac mac, String name) throws GeneralSecurityException {
        mac.init(new SecretKeySpec(key, name));
        return mac.doFinal(message);
    }

    private byte[] bouncyCastle(HMac mac) {
        mac.init(new KeyParameter(key));
        mac.update(message, 0, message.length);
        byte[] result = new byte[mac.getMacSize()];
        mac.doFinal(result, 0);
        return result;
    }
}
