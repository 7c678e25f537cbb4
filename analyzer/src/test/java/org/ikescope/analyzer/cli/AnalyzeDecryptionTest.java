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

    /** strongSwan's payload abbreviations (its log's {@code [ HASH SA No ID ID ]}) as our payload names. */
    static final java.util.Map<String, String> CHARON_PAYLOADS = java.util.Map.of("HASH", "HASH", "SA", "SA", "No", "NONCE",
            "ID", "ID", "KE", "KE", "D", "D", "N", "N", "CERT", "CERT", "SIG", "SIG", "CERTREQ", "CR");
    /** strongSwan's notify abbreviations as registry names. */
    static final java.util.Map<String, String> CHARON_NOTIFIES = java.util.Map.of("DPD", "R_U_THERE", "DPD_ACK", "R_U_THERE_ACK",
            "NO_PROP", "NO_PROPOSAL_CHOSEN", "INVAL_ID", "INVALID_ID_INFORMATION", "PLD_MAL", "PAYLOAD_MALFORMED",
            "AUTH_FAILED", "AUTHENTICATION_FAILED", "INITIAL_CONTACT", "INITIAL_CONTACT");
    static final java.util.regex.Pattern GENERATED = java.util.regex.Pattern.compile(
            "generating (QUICK_MODE|INFORMATIONAL_V1) (?:request|response) (\\d+) \\[ ([^\\]]*)\\]");

    /**
     * Every quick-mode and informational message a daemon logged generating (strongSwan's
     * {@code generating QUICK_MODE request 114021184 [ HASH SA No ID ID ]}) is in the report, from
     * that daemon's side, decrypted, with those payloads and notifications: the daemons' own logs
     * as ground truth for everything after phase 1.
     */
    @TestFactory
    Stream<DynamicTest> quickModeAndInformationalPayloadsAsTheDaemonsLogged() throws IOException {
        TsharkDifferentialTest.requireTshark();
        Path profile = java.nio.file.Files.createTempDirectory("ikescope-tshark-profile");
        List<Path> truths = LabTruth.decryptable(LAB);
        return truths.stream().map(t -> DynamicTest.dynamicTest(t.getFileName().toString(), () -> {
            Run run = analyze(t, true);
            // What is in the capture, by tshark: initiator cookie and message ID of every ISAKMP message
            // (a daemon also logs messages sent after the capture stopped).
            java.util.Set<String> captured = new java.util.HashSet<>();
            for (java.util.Map<String, String> row : TsharkDifferentialTest.tshark(LAB.resolve(run.truth().get("pcap").asText()),
                    profile).values()) {
                String[] ispis = row.get("isakmp.ispi").split(",", -1);
                String[] mids = row.get("isakmp.messageid").split(",", -1);
                for (int i = 0; i < Math.min(ispis.length, mids.length); i++) {
                    captured.add(ispis[i] + "/" + mids[i]);
                }
            }
            java.util.Map<String, Integer> seen = new java.util.HashMap<>();
            int checked = 0;
            int notCaptured = 0;
            for (JsonNode tx : run.truth().get("exchanges")) {
                if (tx.path("keys").path("dh_shared_secret").asText("").isEmpty() || tx.path("ike_version").asInt() != 1) {
                    continue;
                }
                JsonNode x = run.exchange(tx.get("icookie").asText());
                for (String side : List.of("initiator", "responder")) {
                    for (JsonNode line : tx.path(side).path("messages_logged")) {
                        java.util.regex.Matcher m = GENERATED.matcher(line.asText());
                        if (!m.find()) {
                            continue;
                        }
                        String mid = String.format("%08x", Long.parseLong(m.group(2)));
                        String what = t.getFileName() + " " + side + " " + line.asText();
                        if (!captured.contains(tx.get("icookie").asText() + "/0x" + mid)) {
                            notCaptured++;
                            continue;
                        }
                        // QM1 and QM3 share a message ID and a sender: the n-th logged is the n-th sent.
                        int nth = seen.merge(side + "/" + mid, 1, Integer::sum);
                        JsonNode ours = null;
                        int found = 0;
                        for (JsonNode msg : x.path("messages")) {
                            if (msg.path("messageId").asText().equals(mid) && msg.path("from").asText().equals(side)
                                    && msg.path("retransmissionOf").isNull() && ++found == nth) {
                                ours = msg;
                            }
                        }
                        assertNotNull(ours, what + ": not in the report");
                        List<String> payloads = new ArrayList<>();
                        List<String> notifies = new ArrayList<>();
                        for (String p : m.group(3).trim().split(" ")) {
                            if (p.isEmpty()) {
                                continue;
                            }
                            String kind = p.startsWith("N(") ? "N" : p;
                            payloads.add(CHARON_PAYLOADS.getOrDefault(kind, kind));
                            if (p.startsWith("N(")) {
                                notifies.add(CHARON_NOTIFIES.getOrDefault(p.substring(2, p.length() - 1), p));
                            }
                        }
                        boolean encrypted = ours.path("encrypted").asBoolean();
                        if (encrypted) {
                            assertTrue(ours.path("decrypted").asBoolean(), what + ": not decrypted " + x.path("decryption"));
                        }
                        List<String> ourPayloads = new ArrayList<>();
                        ours.path("payloads").forEach(p -> ourPayloads.add(p.asText()));
                        assertEquals(payloads, ourPayloads, what);
                        List<String> ourNotifies = new ArrayList<>();
                        ours.path("notifications").forEach(n -> ourNotifies.add(n.path("name").asText()));
                        assertEquals(notifies, ourNotifies, what);
                        checked++;
                    }
                }
            }
            System.out.println("AnalyzeDecryptionTest: " + t.getFileName() + ": " + checked + " logged messages found decrypted; "
                    + notCaptured + " sent after the capture stopped");
        }));
    }

    /** strongSwan's ESP algorithm names (config {@code esp=aes128-sha1}, log {@code AES_CBC_128/HMAC_SHA1_96}) as ESP transform and IPsec auth codes. */
    static final java.util.Map<String, int[]> CHARON_CIPHERS = java.util.Map.of("aes128", new int[] {12, 128},
            "aes192", new int[] {12, 192}, "aes256", new int[] {12, 256}, "3des", new int[] {3, 0},
            "AES_CBC_128", new int[] {12, 128}, "AES_CBC_192", new int[] {12, 192}, "AES_CBC_256", new int[] {12, 256},
            "3DES_CBC", new int[] {3, 0});
    static final java.util.Map<String, Integer> CHARON_INTEGRITY = java.util.Map.of("md5", 1, "sha1", 2, "sha256", 5,
            "sha384", 6, "sha512", 7, "HMAC_MD5_96", 1, "HMAC_SHA1_96", 2, "HMAC_SHA2_256_128", 5, "HMAC_SHA2_384_192", 6,
            "HMAC_SHA2_512_256", 7);

    /**
     * Quick mode decrypted: QM1 offers the initiator's configured {@code esp=} proposal, QM2 chose
     * what the daemons logged as negotiated, and QM1's proxy IDs are the initiator's configured
     * traffic selectors where the truth names them.
     */
    @TestFactory
    Stream<DynamicTest> quickModeProposalsAndProxyIds() throws IOException {
        return LabTruth.decryptable(LAB).stream().map(t -> DynamicTest.dynamicTest(t.getFileName().toString(), () -> {
            Run run = analyze(t, true);
            int checked = 0;
            for (JsonNode tx : run.truth().get("exchanges")) {
                if (tx.path("keys").path("dh_shared_secret").asText("").isEmpty()) {
                    continue;
                }
                JsonNode x = run.exchange(tx.get("icookie").asText());
                JsonNode qm = null;
                for (JsonNode q : x.path("quickModes")) {
                    qm = qm != null ? qm : q;
                }
                String what = t.getFileName() + " " + tx.get("icookie").asText();
                String configured = tx.path("initiator").path("esp_proposal_configured").asText("");
                if (qm == null) {
                    assertFalse(tx.path("negotiated_logged").asText("").startsWith("ESP:"), what + ": no quick mode");
                    continue;
                }
                if (!configured.isEmpty()) {
                    String[] algs = configured.split("-");
                    assertTransform(what + " offered", qm.path("offered").get(0), CHARON_CIPHERS.get(algs[0]),
                            CHARON_INTEGRITY.get(algs[1]));
                    checked++;
                }
                String negotiated = tx.path("negotiated_logged").asText("");
                if (negotiated.startsWith("ESP:")) {
                    String[] algs = negotiated.substring(4).split("/");
                    assertTransform(what + " chosen", qm.path("chosen"), CHARON_CIPHERS.get(algs[0]), CHARON_INTEGRITY.get(algs[1]));
                    checked++;
                }
                JsonNode i = run.truth().path("instances").path("i");
                if (i.has("local_ts")) {
                    assertEquals(i.get("local_ts").asText().replaceAll("/(32|128)$", ""), qm.path("proxyIds").get(0).path("value").asText(), what);
                    assertEquals(i.get("remote_ts").asText().replaceAll("/(32|128)$", ""), qm.path("proxyIds").get(1).path("value").asText(), what);
                    checked++;
                }
            }
            System.out.println("AnalyzeDecryptionTest: " + t.getFileName() + ": " + checked + " quick-mode facts checked");
        }));
    }

    private static void assertTransform(String what, JsonNode proposal, int[] cipher, Integer integrity) {
        assertNotNull(proposal, what);
        assertEquals(3, proposal.path("protocol").path("code").asInt(), what + " ESP: " + proposal);
        assertEquals(cipher[0], proposal.path("encryption").path("code").asInt(), what + ": " + proposal);
        if (cipher[1] > 0) {
            assertEquals(cipher[1], proposal.path("keyLength").asInt(), what + ": " + proposal);
        }
        assertEquals(integrity.intValue(), proposal.path("integrity").path("code").asInt(), what + ": " + proposal);
        assertFalse(proposal.path("spi").isNull(), what + ": an ESP proposal carries its SPI");
    }

    static String pskLabel(Run run, String psk) {
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
