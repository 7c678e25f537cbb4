package org.ikescope.dissector.crypto;

import java.util.Random;
import java.util.concurrent.TimeUnit;
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
 * What decrypting main mode costs per SA and per message (issue #10's decryption target: 100,000
 * MM5/MM6 decryptions per second once an SA's keys are derived, derivations reported apart):
 * <ul>
 *   <li>{@link #decryptMm5}: one MM5/MM6 body (an ID, a HASH and a notify: 92 bytes, padded to the
 *       block) through the production cipher with the SA's key and the message's IV, per suite;</li>
 *   <li>{@link #deriveKeys}: SKEYID, SKEYID_d/a/e, the cipher key (Appendix B where the suite needs
 *       it) and the phase-1 IV from g^xy, the nonces and the cookies: once per SA and PSK candidate;</li>
 *   <li>{@link #modp2048SharedSecret}: g^xy from one side's DH private value and the other's KE
 *       payload (MODP-2048, group 14): once per SA when the user gives a private value.</li>
 * </ul>
 * Suites by IKEv1 codes: encryption 5 = 3DES, 7 = AES-CBC (with its key length); hash 2 = SHA1, 4 = SHA2-256.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class Phase1CryptoBenchmark {
    static final int MM5_BODY_BYTES = 92;

    @Param({"aes128-sha1", "aes256-sha256", "3des-sha1"})
    public String suite;

    private Phase1Crypto crypto;
    private byte[] key;
    private byte[] iv;
    private byte[] ciphertext;
    private byte[] psk;
    private byte[] ni;
    private byte[] nr;
    private byte[] gxy1024;
    private byte[] gxi;
    private byte[] gxr;
    private DiffieHellman modp2048;
    private byte[] privateValue;
    private byte[] peerPublic;

    @Setup
    public void setup() {
        crypto = switch (suite) {
            case "aes128-sha1" -> Phase1Crypto.of(2, 7, 128);
            case "aes256-sha256" -> Phase1Crypto.of(4, 7, 256);
            case "3des-sha1" -> Phase1Crypto.of(2, 5, 0);
            default -> throw new IllegalArgumentException(suite);
        };
        Random r = new Random(1);
        psk = bytes(r, 12);
        ni = bytes(r, 32);
        nr = bytes(r, 32);
        gxy1024 = bytes(r, 128);
        gxi = bytes(r, 128);
        gxr = bytes(r, 128);
        Phase1Keys keys = Phase1Keys.preSharedKey(crypto, psk, ni, nr, gxy1024, r.nextLong(), r.nextLong());
        key = keys.encryptionKey();
        iv = crypto.phase1Iv(gxi, gxr);
        int block = iv.length;
        ciphertext = bytes(r, (MM5_BODY_BYTES + block - 1) / block * block);
        modp2048 = DiffieHellman.of(14);
        privateValue = bytes(r, 32);
        privateValue[0] |= 1;
        peerPublic = modp2048.publicValue(bytes(r, 32));
    }

    private static byte[] bytes(Random r, int n) {
        byte[] b = new byte[n];
        r.nextBytes(b);
        return b;
    }

    /** MM5/MM6 decryptions per second with the SA's keys derived (the CBC IV comes with the message). */
    @Benchmark
    public byte[] decryptMm5() {
        return crypto.cipher().decrypt(key, iv, ciphertext, 0, ciphertext.length);
    }

    /** Key derivations per second: keys and phase-1 IV of one SA for one PSK, from g^xy (MODP-1024 length). */
    @Benchmark
    public byte[] deriveKeys() {
        Phase1Keys k = Phase1Keys.preSharedKey(crypto, psk, ni, nr, gxy1024, 0x1122334455667788L, 0x99aabbccddeeff00L);
        byte[] v = crypto.phase1Iv(gxi, gxr);
        return v.length > 0 ? k.encryptionKey() : v;
    }

    /** g^xy per second from a private value (MODP-2048): the cost of --dh-private per SA. */
    @Benchmark
    public byte[] modp2048SharedSecret() {
        return modp2048.sharedSecret(privateValue, peerPublic);
    }
}
