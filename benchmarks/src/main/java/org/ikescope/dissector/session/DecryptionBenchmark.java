package org.ikescope.dissector.session;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.ikescope.dissector.capture.Captures;
import org.ikescope.dissector.capture.PacketSource;
import org.ikescope.dissector.crypto.Prf;
import org.ikescope.dissector.crypto.PskHash;
import org.ikescope.dissector.event.MessageEvent;
import org.ikescope.dissector.keys.KeyMaterial;
import org.ikescope.dissector.keys.KeyText;
import org.ikescope.dissector.keys.PskWordlist;
import org.ikescope.dissector.keys.SaKeyMaterial;
import org.ikescope.dissector.keys.Secret;
import org.ikescope.dissector.pipeline.Dissector;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * What decryption costs: the lab capture {@code mm-aes128-sha1-modp1024.pcap} (MM1-MM6, two quick
 * mode messages and an informational: {@value #MESSAGES} ISAKMP messages, five of them encrypted)
 * dissected from memory by a fresh pipeline per operation, without keys and with each kind of key
 * material (the values the lab's daemons logged, from its truth file): Wireshark's table (the
 * encryption key), and g^xy with three PSK candidates, the last the right one (SKEYID derived per
 * candidate). Scores are messages per second, a fresh pipeline (session table, reassembly, the SA's
 * key derivation) included in each run of the capture.
 *
 * <p>{@link #aggressivePskCheck}: candidates per second, one thread, against the HASH_R of the
 * lab's ike-scan aggressive-mode capture: what {@code --psk-wordlist} costs per line and core.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
// The pipeline reaches its steady state late on a small machine (2 cores: 10 s and more): a long warm-up.
@Warmup(iterations = 8, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class DecryptionBenchmark {
    static final int MESSAGES = 9;
    /** The lab truth of mm-aes128-sha1-modp1024 ({@code exchanges[0]}: icookie, keys.enc_key, keys.dh_shared_secret). */
    static final String ICOOKIE = "df82e8299aff4b6f";
    static final String ENC_KEY = "941e2de9e73391d28fd02e7fd8e832f4";
    static final String GXY = "6ce097fc805df0327c32c11a0a174725d3489e47260a0d257733eccb13ab580c3a2c5833f03b556595ef4b3483dc78"
            + "42519c63e8a258121727f8be9b5435b4c5922e8e2df184e5c439edd8b6d786e75ceacea16c093cb6900cdee1b34b2283f03c17479e9eec69e"
            + "e1a392df32e72c9e95d03db5246fd0c8a192df7e4d4b2412e";
    static final String PSK = "dev-psk-Ab12";

    private PskHash hashR;
    private Prf prf;
    private byte[][] candidates;
    private int next;

    /** The capture and the key material of one run of {@link #dissectLabCapture}. */
    @State(Scope.Thread)
    public static class Run {
        @Param({"none", "wireshark-table", "dh-secret-and-3-psks"})
        public String keys;

        private byte[] capture;
        private KeyMaterial material;

        @Setup
        public void setup() throws IOException {
            capture = resource("/mm-aes128-sha1-modp1024.pcap");
            long cookie = KeyText.cookie(ICOOKIE);
            material = switch (keys) {
                case "none" -> KeyMaterial.NONE;
                case "wireshark-table" -> new KeyMaterial.Builder().sa(SaKeyMaterial.none(cookie, "bench")
                        .withEncryptionKey(null, Secret.ofHex(ENC_KEY, "table line 1"))).build();
                default -> new KeyMaterial.Builder().sa(SaKeyMaterial.none(cookie, "bench")
                                .withDhSharedSecret(Secret.ofHex(GXY, "--dh-secret #1")))
                        .psk(new Secret("guess-1".getBytes(StandardCharsets.UTF_8), "--psk #1"))
                        .psk(new Secret("guess-2".getBytes(StandardCharsets.UTF_8), "--psk #2"))
                        .psk(new Secret(PSK.getBytes(StandardCharsets.UTF_8), "--psk #3")).build();
            };
            int[] seen = new int[2];
            run(e -> {
                seen[0]++;
                seen[1] += e.decryption() != null && e.decryption().isDecrypted() ? 1 : 0;
            });
            if (seen[0] != MESSAGES || seen[1] != (keys.equals("none") ? 0 : 5)) {
                throw new IllegalStateException("expected " + MESSAGES + " messages, 5 decrypted with keys: " + seen[0] + ", "
                        + seen[1]);
            }
        }

        void run(java.util.function.Consumer<MessageEvent> sink) throws IOException {
            try (PacketSource src = Captures.open("bench.pcap", new ByteArrayInputStream(capture))) {
                new Dissector(Dissector.Options.defaults().withKeys(material)).run(src, sink::accept);
            }
        }
    }

    @Setup
    public void setup() throws IOException {
        hashR = aggressiveHashR();
        prf = hashR.prf();
        candidates = new byte[1024][];
        Random r = new Random(1);
        for (int i = 0; i < candidates.length; i++) {
            candidates[i] = ("candidate-" + Long.toString(r.nextLong() & Long.MAX_VALUE, 36)).getBytes(StandardCharsets.UTF_8);
        }
    }

    static byte[] resource(String name) throws IOException {
        try (InputStream in = DecryptionBenchmark.class.getResourceAsStream(name)) {
            return in.readAllBytes();
        }
    }

    /** The HASH_R of ikescan-aggressive.pcap's AM2, as the pipeline keeps it for a wordlist. */
    private static PskHash aggressiveHashR() throws IOException {
        KeyMaterial k = new KeyMaterial.Builder().wordlist(new PskWordlist(Path.of("unused"))).build();
        Dissector d = new Dissector(Dissector.Options.defaults().withKeys(k));
        try (PacketSource src = Captures.open("am.pcap", new ByteArrayInputStream(resource("/ikescan-aggressive.pcap")))) {
            d.run(src, e -> { });
        }
        List<PskTarget> targets = d.keyed().pskTargets();
        return targets.get(0).hash();
    }

    /** Messages per second: one pipeline per capture, as each run of ikescope starts with no SA. */
    @Benchmark
    @OperationsPerInvocation(MESSAGES)
    public void dissectLabCapture(Run run, Blackhole bh) throws IOException {
        run.run(bh::consume);
    }

    /** Candidates per second on one thread: SKEYID = prf(candidate, Ni_b | Nr_b), then HASH_R. */
    @Benchmark
    public boolean aggressivePskCheck() {
        return hashR.matches(prf, candidates[next++ & (candidates.length - 1)]);
    }
}
