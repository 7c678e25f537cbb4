package org.ikescope.analyzer.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.ikescope.dissector.session.Ikev1Decryptor;
import org.ikescope.dissector.session.LabTruth;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * {@code analyze --format json} with the key material of the lab truth files (g^xy per SA and the
 * PSKs the daemons were configured with): every SA whose MM5/MM6 tshark decrypted is decrypted,
 * its identities are the ones tshark read from MM5 and MM6, and each side's key is named by the
 * position of the PSK that side was configured with.
 */
class AnalyzeDecryptionTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path LAB = CliRunner.CAPTURES.resolve("lab");

    record Run(JsonNode truth, List<String> psks, JsonNode report, String err) {
        JsonNode exchange(String icookie) {
            for (JsonNode x : report.path("exchanges")) {
                if (x.path("ispi").asText().equals(icookie)) {
                    return x;
                }
            }
            throw new AssertionError("no exchange with initiator cookie " + icookie);
        }
    }

    /** Runs analyze on the truth file's capture with {@code --dh-secret} per SA and {@code --psk} per configured PSK. */
    static Run analyze(Path truthFile, boolean withDhSecrets) throws IOException {
        JsonNode truth = JSON.readTree(truthFile.toFile());
        List<String> args = new ArrayList<>(List.of("analyze", "--format", "json"));
        if (withDhSecrets) {
            for (JsonNode x : truth.get("exchanges")) {
                String gxy = x.path("keys").path("dh_shared_secret").asText("");
                if (!gxy.isEmpty()) {
                    args.add("--dh-secret=" + x.get("icookie").asText() + "=" + gxy);
                }
            }
        }
        List<String> psks = LabTruth.configuredPsks(truth);
        for (String psk : psks) {
            args.add("--psk=hex:" + HexFormat.of().formatHex(psk.getBytes(StandardCharsets.UTF_8)));
        }
        args.add(LAB.resolve(truth.get("pcap").asText()).toString());
        CliRunner.Result r = CliRunner.run(args.toArray(String[]::new));
        assertEquals(0, r.exit(), r.err());
        for (String psk : psks) {
            assertFalse(r.out().contains(psk) || r.err().contains(psk), "a PSK was printed");
        }
        return new Run(truth, psks, JSON.readTree(r.out()), r.err());
    }

    @TestFactory
    Stream<DynamicTest> identitiesFromMm5AndMm6AndTheKeyOfEachSide() throws IOException {
        List<Path> truths = LabTruth.decryptable(LAB);
        assertTrue(truths.size() >= 20, "decryptable lab captures: " + truths.size());
        return truths.stream().map(t -> DynamicTest.dynamicTest(t.getFileName().toString(), () -> check(analyze(t, true))));
    }

    private static void check(Run run) {
        for (JsonNode tx : run.truth().get("exchanges")) {
            JsonNode ids = tx.path("wireshark_decryption").path("decrypted_id_payloads");
            if (ids.isEmpty() || tx.path("keys").path("dh_shared_secret").asText("").isEmpty()) {
                continue;
            }
            String what = run.truth().get("pcap").asText() + " " + tx.get("icookie").asText();
            JsonNode x = run.exchange(tx.get("icookie").asText());
            JsonNode d = x.path("decryption");
            assertEquals("decrypted", d.path("status").asText(), what + ": " + d);
            assertEquals(0, d.path("undecryptedMessages").asInt(), what + ": " + d);
            assertTrue(d.path("decryptedMessages").asInt() >= ids.size(), what + ": " + d);
            for (JsonNode id : ids) {
                String side = id.get("label").asText().equals("MM5") ? "initiator" : "responder";
                JsonNode ours = x.path("identities").path(side);
                assertEquals(id.get("id_type").asText(), ours.path("type").path("name").asText(), what + " " + side);
                assertEquals(LabTruth.tsharkDn(id.get("id_value").asText()), ours.path("value").asText(), what + " " + side);
            }
            String ipsk = psk(tx, "initiator", "psk_i");
            String rpsk = psk(tx, "responder", "psk_r");
            if (tx.path("initiator").path("psk_configured").asText("").startsWith("(none")) {
                // signatures: g^xy alone decrypts, no PSK is involved
                assertTrue(d.path("pskVerified").isNull(), what + ": " + d);
                assertTrue(d.path("initiatorKey").asText().contains("signatures"), what + ": " + d);
                assertTrue(d.path("responderKey").asText().contains("signatures"), what + ": " + d);
            } else {
                assertTrue(d.path("pskVerified").asBoolean(), what + ": " + d);
                assertFalse(ipsk.isEmpty(), what + ": the truth names the initiator's PSK");
                assertEquals(pskLabel(run, ipsk), pskOf(d.path("initiatorKey")), what);
                if (!rpsk.isEmpty()) {
                    assertEquals(pskLabel(run, rpsk), pskOf(d.path("responderKey")), what);
                }
            }
        }
    }

    /** The PSK a side was configured with: {@code psk_configured}, or many-peers' {@code peer_config}; "" when the truth has none. */
    private static String psk(JsonNode tx, String side, String peerConfigKey) {
        String p = tx.path(side).path("psk_configured").asText("");
        if (p.isEmpty()) {
            p = tx.path("peer_config").path(peerConfigKey).asText("");
        }
        return p.startsWith("(none") ? "" : p;
    }

    private static String pskLabel(Run run, String psk) {
        return "--psk #" + (run.psks().indexOf(psk) + 1);
    }

    /** The {@code --psk #N} part of a key label such as {@code --dh-secret #1 and --psk #2}. */
    private static String pskOf(JsonNode label) {
        String s = label.asText("");
        int at = s.indexOf("--psk #");
        return at < 0 ? s : s.substring(at).split("[ ,;)]", 3)[0] + " " + s.substring(at).split("[ ,;)]", 3)[1];
    }

    /** mm-pskmismatch: the two sides' PSKs are told apart by position, in JSON and in the text report. */
    @Test
    void pskMismatchTellsTheSidesApart() throws IOException {
        Run run = analyze(LAB.resolve("mm-pskmismatch.truth.json"), true);
        JsonNode tx = run.truth().get("exchanges").get(0);
        String ipsk = tx.path("initiator").path("psk_configured").asText();
        String rpsk = tx.path("responder").path("psk_configured").asText();
        assertFalse(ipsk.equals(rpsk), "the truth file's PSKs differ");
        JsonNode d = run.exchange(tx.get("icookie").asText()).path("decryption");
        assertFalse(d.path("initiatorKey").asText().equals(d.path("responderKey").asText()), d.toString());
        assertEquals(pskLabel(run, ipsk), pskOf(d.path("initiatorKey")));
        assertEquals(pskLabel(run, rpsk), pskOf(d.path("responderKey")));
    }

    /** Only PSKs: nothing of main mode decrypts, and the output says why (once on stderr, per SA in the report). */
    @Test
    void aPskAloneSaysItCannotDecryptMainMode() throws IOException {
        Run run = analyze(LAB.resolve("mm-aes128-sha1-modp1024.truth.json"), false);
        assertTrue(run.err().contains(Ikev1Decryptor.PSK_ALONE), run.err());
        for (JsonNode x : run.report().path("exchanges")) {
            JsonNode d = x.path("decryption");
            assertNotNull(d);
            assertEquals("no-keys", d.path("status").asText(), d.toString());
            assertEquals(Ikev1Decryptor.PSK_ALONE, d.path("reason").asText());
            assertTrue(x.path("identities").path("initiator").isNull(), "MM5 stays encrypted: " + x.path("identities"));
        }
    }

    /** Without key material there is no decryption object, as before. */
    @Test
    void noKeyMaterialNoDecryptionObject() throws IOException {
        CliRunner.Result r = CliRunner.run("analyze", "--format", "json", LAB.resolve("mm-aes128-sha1-modp1024.pcap").toString());
        JsonNode x = JSON.readTree(r.out()).path("exchanges").get(0);
        assertTrue(x.has("decryption") && x.get("decryption").isNull(), x.toString());
    }

    /** The third-party capture with its Wireshark key: the MM5 identity and the certificate with CN=OpenSwan. */
    @Test
    void ikev1CertsWithItsWiresharkKey() throws IOException {
        Path third = CliRunner.CAPTURES.resolve("thirdparty");
        CliRunner.Result r = CliRunner.run("analyze", "--format", "json", "--keys", third.resolve("ikev1_decryption_table").toString(),
                third.resolve("ikev1-certs.pcap").toString());
        assertEquals(0, r.exit(), r.err());
        JsonNode x = JSON.readTree(r.out()).path("exchanges").get(0);
        assertEquals("decrypted", x.path("decryption").path("status").asText(), x.path("decryption").toString());
        assertEquals("192.168.12.118", x.path("identities").path("initiator").path("value").asText());
        assertEquals("172.16.1.103", x.path("identities").path("responder").path("value").asText());
        CliRunner.Result text = CliRunner.run("dissect", "--keys", third.resolve("ikev1_decryption_table").toString(), "-V",
                third.resolve("ikev1-certs.pcap").toString());
        assertTrue(text.out().contains("CN=OpenSwan"), "the decrypted MM5 certificate's subject");
    }
}
