package org.ikescope.analyzer.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import org.ikescope.dissector.keys.SecretLeaks;
import org.ikescope.dissector.session.LabTruth;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ikescope keys} against the lab truth files: given the g^xy a daemon logged and the PSKs
 * the daemons were configured with, it prints the SKEYID, SKEYID_d/a/e, encryption key and
 * initial IV the daemon logged, for each side; its {@code --export wireshark} table makes tshark
 * decrypt MM5 and show the identity the truth's tshark run showed; and the other commands, given
 * the same options, print none of those keys.
 */
class KeysCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path LAB = CliRunner.CAPTURES.resolve("lab");
    /** Truth exchanges with logged keys that the capture cannot give keys for, and why. */
    private static final Map<String, String> NOT_DERIVABLE = Map.of(
            "mm-drop-mm3", "the KE payloads (MM3/MM4, AM1/AM2) are not both in the capture",
            "ikev2-psk-ok", "IKEv2");

    @TempDir
    Path dir;

    /** The key options of a truth file: --dh-secret per exchange with logged keys, --psk per configured PSK. */
    static List<String> keyOptions(JsonNode truth) {
        List<String> args = new ArrayList<>();
        for (JsonNode x : truth.get("exchanges")) {
            String gxy = x.path("keys").path("dh_shared_secret").asText("");
            if (!gxy.isEmpty()) {
                args.add("--dh-secret=" + x.get("icookie").asText() + "=" + gxy);
            }
        }
        for (String psk : LabTruth.configuredPsks(truth)) {
            args.add("--psk=hex:" + HexFormat.of().formatHex(psk.getBytes(StandardCharsets.UTF_8)));
        }
        return args;
    }

    static CliRunner.Result run(String command, JsonNode truth, String... extra) {
        List<String> args = new ArrayList<>(List.of(command));
        args.addAll(List.of(extra));
        args.addAll(keyOptions(truth));
        args.add(LAB.resolve(truth.get("pcap").asText()).toString());
        return CliRunner.run(args.toArray(String[]::new));
    }

    /** {@code keys}' output: per initiator cookie, per side ("initiator", "responder", "sa"), name to value. */
    static Map<String, Map<String, Map<String, String>>> parse(String out) {
        Map<String, Map<String, Map<String, String>>> sas = new LinkedHashMap<>();
        Map<String, Map<String, String>> sa = null;
        Map<String, String> side = null;
        for (String line : out.lines().toList()) {
            if (line.startsWith("IKE SA ")) {
                sa = new HashMap<>();
                sas.put(line.split("\\s+")[2], sa);
                side = sa.computeIfAbsent("sa", k -> new HashMap<>());
            } else if (sa != null && line.startsWith("  initiator:") || sa != null && line.startsWith("  responder:")) {
                String name = line.strip().substring(0, line.strip().indexOf(':'));
                side = sa.computeIfAbsent(name, k -> new HashMap<>());
                if (line.contains(": the same keys")) {
                    side.putAll(sa.get("initiator"));
                }
                side.put("line", line);
            } else if (sa != null && line.startsWith("  ")) {
                String[] nv = line.strip().split("\\s{2,}");
                side.put(nv[0], nv.length > 1 ? nv[1] : "");
            }
        }
        return sas;
    }

    @TestFactory
    Stream<DynamicTest> printsTheKeysTheDaemonsLogged() throws IOException {
        List<Path> truths;
        try (Stream<Path> s = Files.list(LAB)) {
            truths = s.filter(p -> p.toString().endsWith(".truth.json")).sorted().toList();
        }
        List<DynamicTest> tests = new ArrayList<>();
        for (Path t : truths) {
            JsonNode truth = JSON.readTree(t.toFile());
            boolean keyed = false;
            for (JsonNode x : truth.get("exchanges")) {
                keyed |= !x.path("keys").path("skeyid_e").asText("").isEmpty();
            }
            if (keyed) {
                tests.add(DynamicTest.dynamicTest(t.getFileName().toString(), () -> check(truth)));
            }
        }
        assertTrue(tests.size() >= 20, "lab captures with logged keys: " + tests.size());
        return tests.stream();
    }

    private static void check(JsonNode truth) {
        String scenario = truth.get("scenario").asText();
        CliRunner.Result r = run("keys", truth);
        assertEquals(0, r.exit(), r.err());
        Map<String, Map<String, Map<String, String>>> sas = parse(r.out());
        for (JsonNode x : truth.get("exchanges")) {
            JsonNode keys = x.path("keys");
            if (keys.path("skeyid_e").asText("").isEmpty()) {
                continue;
            }
            String what = scenario + " " + x.get("icookie").asText();
            if (NOT_DERIVABLE.containsKey(scenario)) {
                Map<String, Map<String, String>> sa = sas.get(x.get("icookie").asText());
                assertTrue(sa == null || r.out().contains(NOT_DERIVABLE.get(scenario)), what + ":\n" + r.out());
                continue;
            }
            Map<String, Map<String, String>> sa = sas.get(x.get("icookie").asText());
            assertNotNull(sa, what + ": not listed:\n" + r.out());
            assertEquals(keys.path("initial_iv").asText(), sa.get("sa").get("initial IV"), what);
            String side = keys.path("source").asText().startsWith("responder") ? "responder" : "initiator";
            expect(keys, sa.get(side), what + " " + side);
            if (x.has("keys_responder") && !x.get("keys_responder").isNull()) {
                expect(x.get("keys_responder"), sa.get("responder"), what + " responder (keys_responder)");
            }
        }
    }

    private static void expect(JsonNode keys, Map<String, String> side, String what) {
        assertNotNull(side, what);
        assertEquals(keys.path("skeyid").asText(), side.get("SKEYID"), what + ": " + side.get("line"));
        assertEquals(keys.path("skeyid_d").asText(), side.get("SKEYID_d"), what);
        assertEquals(keys.path("skeyid_a").asText(), side.get("SKEYID_a"), what);
        assertEquals(keys.path("skeyid_e").asText(), side.get("SKEYID_e"), what);
        assertEquals(keys.path("enc_key").asText(), side.get("encryption key"), what);
    }

    /** The other commands, given the same options, print none of the keys (no --show-keys). */
    @Test
    void onlyTheKeysCommandPrintsKeys() throws IOException {
        for (String name : List.of("mm-aes128-sha1-modp1024", "am-psk-bad")) {
            JsonNode truth = JSON.readTree(LAB.resolve(name + ".truth.json").toFile());
            JsonNode keys = truth.get("exchanges").get(0).get("keys");
            for (String[] cmd : List.of(new String[] {"dissect", "-V"}, new String[] {"dissect", "--format", "jsonl"},
                    new String[] {"analyze"}, new String[] {"analyze", "--format", "json", "--show-keys"})) {
                CliRunner.Result r = run(cmd[0], truth, java.util.Arrays.copyOfRange(cmd, 1, cmd.length));
                assertEquals(0, r.exit(), r.err());
                for (String k : List.of("skeyid", "skeyid_d", "skeyid_a", "skeyid_e", "enc_key", "dh_shared_secret")) {
                    SecretLeaks.assertNoLeak(r.out() + r.err(), keys.get(k).asText());
                }
                for (String psk : LabTruth.configuredPsks(truth)) {
                    SecretLeaks.assertNoLeak(r.out() + r.err(), psk);
                }
            }
        }
    }

    @Test
    void withoutKeyMaterialItIsAUsageError() {
        CliRunner.Result r = CliRunner.run("keys", LAB.resolve("mm-aes128-sha1-modp1024.pcap").toString());
        assertEquals(Main.EXIT_USAGE, r.exit());
        assertTrue(r.err().contains("no key material"), r.err());
    }

    /** A PSK mismatch: Wireshark holds one key per cookie; the initiator's is written, and stderr says so. */
    @Test
    void aMismatchExportsTheInitiatorsKeyAndSaysSo() throws IOException {
        JsonNode truth = JSON.readTree(LAB.resolve("mm-pskmismatch.truth.json").toFile());
        JsonNode x = truth.get("exchanges").get(0);
        CliRunner.Result r = run("keys", truth, "--export", "wireshark");
        assertEquals(0, r.exit(), r.err());
        assertEquals(List.of(x.get("icookie").asText() + "," + x.path("keys").path("enc_key").asText()),
                r.out().lines().filter(l -> !l.startsWith("#")).toList());
        assertTrue(r.err().contains("the two sides used different keys") && r.err().contains("wrote the initiator's"), r.err());
    }

    /**
     * The exported table given to tshark, in a profile directory and as {@code -o uat:} lines: tshark
     * decrypts MM5 and shows the identity the truth's own tshark run showed.
     */
    @TestFactory
    Stream<DynamicTest> tsharkDecryptsMm5WithTheExportedTable() throws IOException {
        TsharkDifferentialTest.requireTshark();
        Map<Path, CompletableFuture<List<String>>> runs = new LinkedHashMap<>();
        Map<Path, CompletableFuture<List<String>>> uatRuns = new LinkedHashMap<>();
        Map<Path, JsonNode> truths = new LinkedHashMap<>();
        for (Path t : LabTruth.decryptable(LAB)) {
            JsonNode truth = JSON.readTree(t.toFile());
            if (!truth.get("exchanges").get(0).path("keys").has("dh_shared_secret")) {
                continue;
            }
            CliRunner.Result r = run("keys", truth, "--export", "wireshark");
            assertEquals(0, r.exit(), r.err());
            Path profile = Files.createDirectories(dir.resolve(t.getFileName().toString() + ".profile"));
            Files.writeString(profile.resolve("ikev1_decryption_table"), r.out());
            Path pcap = LAB.resolve(truth.get("pcap").asText());
            truths.put(pcap, truth);
            runs.put(pcap, CompletableFuture.supplyAsync(() -> ids(pcap, profile, List.of())));
            List<String> uat = new ArrayList<>();
            for (String line : r.out().lines().filter(l -> !l.startsWith("#")).toList()) {
                uat.addAll(List.of("-o", "uat:ikev1_decryption_table:" + line));
            }
            Path empty = Files.createDirectories(dir.resolve(t.getFileName().toString() + ".empty"));
            uatRuns.put(pcap, CompletableFuture.supplyAsync(() -> ids(pcap, empty, uat)));
        }
        assertTrue(runs.size() >= 20, "decryptable lab captures: " + runs.size());
        return runs.keySet().stream().map(pcap -> DynamicTest.dynamicTest(pcap.getFileName().toString(), () -> {
            List<String> profileRows = runs.get(pcap).join();
            List<String> uatRows = uatRuns.get(pcap).join();
            int checked = 0;
            for (JsonNode x : truths.get(pcap).get("exchanges")) {
                for (JsonNode id : x.path("wireshark_decryption").path("decrypted_id_payloads")) {
                    if (!id.path("label").asText().equals("MM5") || id.path("id_type").asText().equals("ID_DER_ASN1_DN")) {
                        continue;
                    }
                    String row = id.get("frame").asText() + "\t" + id.get("id_value").asText();
                    assertTrue(profileRows.contains(row), pcap + ": " + row + " not in " + profileRows);
                    assertTrue(uatRows.contains(row), pcap + " (-o uat:): " + row + " not in " + uatRows);
                    checked++;
                }
            }
            assertTrue(checked > 0 || pcap.toString().contains("rsasig"), pcap + ": no MM5 identity compared");
        }));
    }

    /** tshark's {@code frame<TAB>identity} rows of the messages with an IPv4, IPv6, FQDN or user FQDN identity. */
    private static List<String> ids(Path pcap, Path configDir, List<String> options) {
        List<String> cmd = new ArrayList<>(List.of("tshark", "-r", pcap.toString(), "-Y", "isakmp.id.type"));
        cmd.addAll(options);
        cmd.addAll(List.of("-T", "fields", "-E", "separator=/t", "-e", "frame.number"));
        for (String f : TsharkDifferentialTest.ID_VALUE_FIELDS) {
            cmd.addAll(List.of("-e", f));
        }
        try {
            ProcessBuilder pb = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD);
            pb.environment().put("WIRESHARK_CONFIG_DIR", configDir.toString());
            Process p = pb.start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            p.waitFor();
            List<String> rows = new ArrayList<>();
            for (String line : out.lines().toList()) {
                String[] f = line.split("\t");
                for (int i = 1; i < f.length; i++) {
                    if (!f[i].isEmpty()) {
                        rows.add(f[0] + "\t" + f[i].split(",")[0]);
                    }
                }
            }
            return rows;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
