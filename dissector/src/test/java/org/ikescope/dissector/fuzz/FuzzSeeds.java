package org.ikescope.dissector.fuzz;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.ikescope.dissector.capture.Captures;
import org.ikescope.dissector.capture.Frame;
import org.ikescope.dissector.capture.PacketSource;
import org.ikescope.dissector.isakmp.IsakmpMessage;
import org.ikescope.dissector.isakmp.Payload;
import org.ikescope.dissector.pipeline.Dissector;
import org.ikescope.dissector.pipeline.TestCaptures;

/**
 * Writes the seed corpora of the dissector's fuzz targets from the real captures in the test
 * resources, into {@code src/test/resources/<package>/<Target>Inputs/<method>/}, where Jazzer
 * replays them in every test run. Run it again when captures are added:
 *
 * <pre>cd dissector
 * mvn -q test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt -Dmdep.includeScope=test
 * java -cp target/test-classes:target/classes:$(cat target/cp.txt) org.ikescope.dissector.fuzz.FuzzSeeds</pre>
 *
 * <p>Each corpus is deduplicated by content and kept small (the regression run replays every
 * seed): messages by their header and payload types, frames in runs of consecutive frames.
 */
public final class FuzzSeeds {
    static final Path OUT = Path.of("src/test/resources/org/ikescope/dissector");
    static final int MAX_PER_TARGET = 200;
    static final int RUN = 6;

    private FuzzSeeds() {
    }

    public static void main(String[] args) throws IOException {
        Map<String, byte[]> pcap = new LinkedHashMap<>();
        Map<String, byte[]> pcapng = new LinkedHashMap<>();
        Map<String, byte[]> net = new LinkedHashMap<>();
        Map<String, byte[]> v1 = new LinkedHashMap<>();
        Map<String, byte[]> v2 = new LinkedHashMap<>();
        Map<String, byte[]> sa = new LinkedHashMap<>();
        Map<String, byte[]> dn = new LinkedHashMap<>();
        Map<String, byte[]> vid = new LinkedHashMap<>();
        Map<String, byte[]> keyed = new LinkedHashMap<>();
        for (Path p : TestCaptures.all()) {
            byte[] whole = Files.readAllBytes(p);
            String n = p.getFileName().toString();
            (n.endsWith(".pcapng") ? pcapng : pcap).put(n, whole);
            if (n.startsWith("mm-aes128-sha1-modp1024") || n.startsWith("am-psk") || n.startsWith("ikescan-aggressive")) {
                keyed.put(n, whole);
            }
            frames(p, net);
            try (PacketSource src = Captures.open(p.toString())) {
                new Dissector(Dissector.Options.defaults()).run(src, e -> {
                    IsakmpMessage m = e.message();
                    byte[] b = m.bytes();
                    StringBuilder shape = new StringBuilder().append(m.majorVersion()).append('/').append(m.exchangeType())
                            .append('/').append(m.flags() & 1);
                    for (Payload pl : m.payloads()) {
                        shape.append(',').append(pl.type());
                        int from = pl.offset() + 4;
                        int to = Math.min(b.length, pl.offset() + pl.length());
                        if (from >= to) {
                            continue;
                        }
                        byte[] body = java.util.Arrays.copyOfRange(b, from, to);
                        switch (pl.type()) {
                            case 1 -> sa.putIfAbsent(HexFormat.of().formatHex(body), prefixed(0, body));
                            case 33 -> sa.putIfAbsent(HexFormat.of().formatHex(body), prefixed(1, body));
                            case 14 -> sa.putIfAbsent(HexFormat.of().formatHex(body), prefixed(5, java.util.Arrays.copyOfRange(body, Math.min(body.length, 4), body.length)));
                            case 13, 43 -> vid.putIfAbsent(HexFormat.of().formatHex(body), body);
                            case 5, 35, 36 -> {
                                if (body.length > 4 && (body[0] & 0xff) == 9) {
                                    dn.putIfAbsent(HexFormat.of().formatHex(body), java.util.Arrays.copyOfRange(body, 4, body.length));
                                }
                            }
                            case 6, 37 -> {
                                if (body.length > 1) {
                                    dn.putIfAbsent(HexFormat.of().formatHex(body), java.util.Arrays.copyOfRange(body, 1, body.length));
                                }
                            }
                            default -> { }
                        }
                    }
                    (m.isIkev2() ? v2 : v1).putIfAbsent(shape.toString(), b);
                });
            }
        }
        write("capture/CaptureFuzzTestInputs/pcap", pcap);
        write("capture/CaptureFuzzTestInputs/pcapng", pcapng);
        write("net/NetFuzzTestInputs/locate", net);
        write("isakmp/IsakmpFuzzTestInputs/ikev1", v1);
        write("isakmp/IsakmpFuzzTestInputs/ikev2", v2);
        write("isakmp/SaAttributeFuzzTestInputs/walk", sa);
        // The lab's certificates (their CERT payloads travel encrypted): whole certificates and, from
        // openssl's DER, the same bytes the DN printer sees.
        try (var s = Files.list(TestCaptures.path("lab"))) {
            for (Path pem : s.filter(x -> x.toString().endsWith(".pem")).sorted().toList()) {
                String text = Files.readString(pem);
                int i = 0;
                for (String block : text.split("-----END CERTIFICATE-----")) {
                    int begin = block.indexOf("-----BEGIN CERTIFICATE-----");
                    if (begin >= 0) {
                        String b64 = block.substring(begin + 27).replaceAll("\\s", "");
                        dn.put(pem.getFileName() + "-" + i++, java.util.Base64.getDecoder().decode(b64));
                    }
                }
            }
        }
        write("isakmp/DerNamesFuzzTestInputs/dn", dn);
        write("vendor/VendorIdFuzzTestInputs/lookup", vid);
        Map<String, byte[]> catalog = new LinkedHashMap<>();
        try (InputStream in = FuzzSeeds.class.getResourceAsStream("/org/ikescope/dissector/vendor/vendor-ids.tsv")) {
            byte[] all = in.readAllBytes();
            catalog.put("head", java.util.Arrays.copyOf(all, Math.min(all.length, 4096)));
        }
        write("vendor/VendorIdFuzzTestInputs/catalog", catalog);
        write("pipeline/DecryptionFuzzTestInputs/dissectWithKeys", keyed);
        Map<String, byte[]> keys = new LinkedHashMap<>();
        keys.put("wireshark-table", "df82e8299aff4b6f,941e2de9e73391d28fd02e7fd8e832f4\n".getBytes());
        keys.put("statements", String.join("\n",
                "sa df82e8299aff4b6f dh-secret 6ce097fc805df0327c32c11a0a174725",
                "sa df82e8299aff4b6f skeyid-e initiator 941e2de9e73391d28fd02e7fd8e832f476481330",
                "sa df82e8299aff4b6f encryption-key responder 94 1E 2D E9 E7 33 91 D2 8F D0 2E 7F D8 E8 32 F4",
                "sa 895adbcffec4f4a0 dh-private initiator 00:11:22:33:44:55:66:77",
                "psk dev-psk-Ab12", "psk 192.0.2.101 a secret with spaces", "psk 2001:DB8::1 hex:00ff00ff", "").getBytes());
        for (String scenario : List.of("mm-aes128-sha1-modp1024", "am-psk-ok")) {
            Path dir = TestCaptures.path("lab/logs/" + scenario);
            try (var s = Files.list(dir)) {
                for (Path log : s.sorted().toList()) {
                    byte[] gz = Files.readAllBytes(log);
                    keys.put(scenario + "-" + log.getFileName() , gz);
                    try (InputStream in = new GZIPInputStream(Files.newInputStream(log))) {
                        byte[] text = in.readAllBytes();
                        keys.put(scenario + "-" + log.getFileName() + ".head", java.util.Arrays.copyOf(text, Math.min(text.length, 16384)));
                    }
                }
            }
        }
        write("keys/KeyFilesFuzzTestInputs/read", keys);
    }

    private static byte[] prefixed(int selector, byte[] body) {
        byte[] out = new byte[body.length + 1];
        out[0] = (byte) selector;
        System.arraycopy(body, 0, out, 1, body.length);
        return out;
    }

    /** Runs of {@link #RUN} consecutive frames of {@code p}, the selector naming their link type. */
    private static void frames(Path p, Map<String, byte[]> into) throws IOException {
        List<byte[]> run = new ArrayList<>();
        int linkType = -1;
        int index = 0;
        try (PacketSource src = Captures.open(p.toString())) {
            Frame f = new Frame();
            while (src.next(f)) {
                byte[] b = new byte[f.capturedLength()];
                f.data.get(f.data.position(), b);
                if (f.linkType != linkType && !run.isEmpty() || run.size() == RUN) {
                    into.put(p.getFileName() + "-" + index++, FuzzInputs.join(selector(linkType), run));
                    run.clear();
                }
                linkType = f.linkType;
                run.add(b);
            }
        }
        if (!run.isEmpty()) {
            into.put(p.getFileName() + "-" + index, FuzzInputs.join(selector(linkType), run));
        }
    }

    private static int selector(int linkType) {
        int[] types = {0, 1, 12, 14, 101, 108, 113, 228, 229, 276, 147};
        for (int i = 0; i < types.length; i++) {
            if (types[i] == linkType) {
                return i;
            }
        }
        return types.length - 1;
    }

    private static void write(String dir, Map<String, byte[]> seeds) throws IOException {
        java.security.MessageDigest sha;
        try {
            sha = java.security.MessageDigest.getInstance("SHA-1");
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        Path d = OUT.resolve(dir);
        Files.createDirectories(d);
        Map<String, byte[]> unique = new LinkedHashMap<>();
        for (Map.Entry<String, byte[]> e : seeds.entrySet()) {
            unique.putIfAbsent(HexFormat.of().formatHex(sha.digest(e.getValue())), e.getValue());
            if (unique.size() >= MAX_PER_TARGET) {
                break;
            }
        }
        for (Map.Entry<String, byte[]> e : unique.entrySet()) {
            Files.write(d.resolve("seed-" + e.getKey().substring(0, 16)), e.getValue());
        }
        System.out.println(dir + ": " + unique.size() + " seeds");
    }
}
