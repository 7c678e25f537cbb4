package org.ikescope.dissector.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.ikescope.api.plugin.Side;
import org.ikescope.api.protocol.NotifyType;
import org.ikescope.dissector.capture.Captures;
import org.ikescope.dissector.capture.PacketSource;
import org.ikescope.dissector.event.DissectionListener;
import org.ikescope.dissector.event.MessageEvent;
import org.ikescope.dissector.isakmp.BytesBody;
import org.ikescope.dissector.isakmp.IdBody;
import org.ikescope.dissector.isakmp.IsakmpMessage;
import org.ikescope.dissector.isakmp.NotifyBody;
import org.ikescope.dissector.isakmp.Payload;
import org.ikescope.dissector.keys.KeyFiles;
import org.ikescope.dissector.keys.KeyMaterial;
import org.ikescope.dissector.keys.KeyText;
import org.ikescope.dissector.keys.SaKeyMaterial;
import org.ikescope.dissector.keys.Secret;
import org.ikescope.dissector.pipeline.Dissector;
import org.ikescope.dissector.pipeline.TestCaptures;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Decryption of the lab captures with each kind of key material, against the truth files (what
 * the daemons logged and tshark decrypted with the logged key): the identities and HASH payloads
 * of MM5/MM6, per key source — Wireshark's table (the encryption key, either side), g^xy with the
 * PSK the daemons were configured with, and the daemons' own charon logs.
 */
class DecryptionLabTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private enum Source { WIRESHARK_TABLE, DH_SECRET_AND_PSK, CHARON_LOGS }

    @TestFactory
    Stream<DynamicTest> identitiesAndHashesOfMm5AndMm6() throws IOException {
        List<DynamicTest> tests = new ArrayList<>();
        for (Path t : LabTruth.decryptable(TestCaptures.path("lab"))) {
            for (Source source : Source.values()) {
                tests.add(DynamicTest.dynamicTest(t.getFileName() + " with " + source, () -> check(t, source)));
            }
        }
        assertTrue(tests.size() >= 60, "lab truth files with decryptable exchanges: " + tests.size() / 3);
        return tests.stream();
    }

    private static void check(Path truthFile, Source source) throws IOException {
        JsonNode truth = JSON.readTree(truthFile.toFile());
        KeyMaterial keys = keys(truthFile, truth, source);
        if (keys == null) {
            return; // no log with keys for this capture (libreswan's pluto logs none)
        }
        Map<Long, MessageEvent> byFrame = run(truthFile.resolveSibling(truth.get("pcap").asText()), keys);
        for (JsonNode x : truth.get("exchanges")) {
            for (JsonNode id : x.path("wireshark_decryption").path("decrypted_id_payloads")) {
                String what = truthFile.getFileName() + " " + source + " frame " + id.get("frame") + " (" + id.get("label").asText() + ")";
                MessageEvent e = byFrame.get(id.get("frame").asLong());
                assertNotNull(e, what + ": no message");
                IsakmpMessage m = e.message();
                assertNotNull(e.decryption(), what + ": no decryption outcome");
                assertTrue(m.decrypted(), what + ": " + e.decryption());
                // tshark lists the fragment payload (132) of the frame that completed a set before the
                // reassembled message's payloads; ours is the reassembled message alone.
                String truthTypes = e.ikeFragmentFrames().isEmpty() ? id.get("payloads").asText()
                        : id.get("payloads").asText().replaceFirst("^132,", "");
                assertEquals(truthTypes, String.join(",",
                        m.payloads().stream().map(p -> String.valueOf(p.type())).toList()), what + ": payload types");
                IdBody body = (IdBody) first(m, 5).body();
                assertEquals(id.get("id_type").asText(), body.typeName(), what);
                assertEquals(LabTruth.tsharkDn(id.get("id_value").asText()), body.value(), what);
                if (!id.path("hash").isNull() && !id.path("hash").isMissingNode()) {
                    BytesBody h = (BytesBody) first(m, 8).body();
                    assertEquals(id.get("hash").asText(), HexFormat.of().formatHex(h.message(), h.from(), h.to()), what);
                }
                if (source == Source.DH_SECRET_AND_PSK && e.decryption().hashVerified() != null) {
                    assertTrue(e.decryption().hashVerified(), what + ": HASH_I/HASH_R recomputed from SKEYID");
                }
            }
        }
    }

    /** The key material of {@code source} for every exchange of the truth file. */
    private static KeyMaterial keys(Path truthFile, JsonNode truth, Source source) throws IOException {
        KeyMaterial.Builder b = new KeyMaterial.Builder();
        switch (source) {
            case WIRESHARK_TABLE -> {
                for (JsonNode x : truth.get("exchanges")) {
                    String uat = x.path("wireshark_decryption").path("uat").asText("");
                    if (!uat.isEmpty()) {
                        KeyFiles.read("table", new java.io.ByteArrayInputStream(uat.getBytes()), b, w -> { });
                    }
                }
            }
            case DH_SECRET_AND_PSK -> {
                for (JsonNode x : truth.get("exchanges")) {
                    String gxy = x.path("keys").path("dh_shared_secret").asText("");
                    if (!gxy.isEmpty()) {
                        b.sa(SaKeyMaterial.none(KeyText.cookie(x.get("icookie").asText()), "truth")
                                .withDhSharedSecret(Secret.ofHex(gxy, "--dh-secret")));
                    }
                }
                List<String> psks = LabTruth.configuredPsks(truth);
                for (int i = 0; i < psks.size(); i++) {
                    b.psk(new Secret(psks.get(i).getBytes(java.nio.charset.StandardCharsets.UTF_8), "--psk #" + (i + 1)));
                }
            }
            case CHARON_LOGS -> {
                Path logs = TestCaptures.path("lab/logs/" + truth.get("scenario").asText());
                if (!Files.isDirectory(logs)) {
                    return null;
                }
                boolean any = false;
                try (Stream<Path> s = Files.list(logs)) {
                    for (Path log : s.filter(p -> p.getFileName().toString().contains("charon")).sorted().toList()) {
                        KeyFiles.read(log, b, w -> { });
                        any = true;
                    }
                }
                if (!any) {
                    return null;
                }
            }
            default -> throw new AssertionError(source);
        }
        return b.build();
    }

    static Map<Long, MessageEvent> run(Path pcap, KeyMaterial keys) throws IOException {
        Map<Long, MessageEvent> byFrame = new TreeMap<>();
        Dissector d = new Dissector(Dissector.Options.defaults().withKeys(keys));
        try (PacketSource src = Captures.open(pcap.toString())) {
            d.run(src, new DissectionListener() {
                @Override
                public void message(MessageEvent e) {
                    // The reassembled message of IKE fragments comes after its last fragment, at the same frame.
                    if (!e.quotedByIcmp()) {
                        byFrame.put(e.frame(), e);
                    }
                }
            });
        }
        return byFrame;
    }

    private static Payload first(IsakmpMessage m, int type) {
        return m.payloads().stream().filter(p -> p.type() == type).findFirst()
                .orElseThrow(() -> new AssertionError("no payload " + type + " in " + m.payloads()));
    }

    private static KeyMaterial dhAndPsks(String pcapName, String... psks) throws IOException {
        JsonNode truth = JSON.readTree(TestCaptures.path("lab/" + pcapName.replace(".pcap", ".truth.json")).toFile());
        KeyMaterial.Builder b = new KeyMaterial.Builder();
        for (JsonNode x : truth.get("exchanges")) {
            String gxy = x.path("keys").path("dh_shared_secret").asText("");
            if (!gxy.isEmpty()) {
                b.sa(SaKeyMaterial.none(KeyText.cookie(x.get("icookie").asText()), "truth")
                        .withDhSharedSecret(Secret.ofHex(gxy, "--dh-secret")));
            }
        }
        for (int i = 0; i < psks.length; i++) {
            b.psk(new Secret(psks[i].getBytes(java.nio.charset.StandardCharsets.UTF_8), "--psk #" + (i + 1)));
        }
        return b.build();
    }

    @Test
    void mismatchedPresharedKeysAreToldApartPerSide() throws IOException {
        // The initiator used dev-psk-Ab12, the responder dev-psk-WRONG (truth: instances i and r).
        Map<Long, MessageEvent> m = run(TestCaptures.path("lab/mm-pskmismatch.pcap"),
                dhAndPsks("mm-pskmismatch.pcap", "not-this-one", "dev-psk-WRONG", "dev-psk-Ab12"));
        MessageEvent mm5 = m.get(7L);
        assertTrue(mm5.message().decrypted(), mm5.decryption().toString());
        assertEquals("--dh-secret and --psk #3", mm5.decryption().key());
        assertEquals(Boolean.TRUE, mm5.decryption().hashVerified());
        MessageEvent info = m.get(8L);
        assertEquals(Side.RESPONDER, info.from());
        assertTrue(info.message().decrypted(), info.decryption().toString());
        assertEquals("--dh-secret and --psk #2", info.decryption().key(), "the responder's own PSK");
        NotifyBody n = (NotifyBody) info.message().payloads().stream().filter(p -> p.body() instanceof NotifyBody)
                .findFirst().orElseThrow().body();
        assertTrue(n.type() > 0 && n.type() < 16384, "the responder reports an error: " + n.typeName());
        // Retransmitted MM5s carry the same outcome.
        assertEquals(mm5.decryption(), m.get(9L).decryption());
    }

    @Test
    void theWrongPresharedKeysDoNotDecryptAndSaySo() throws IOException {
        Map<Long, MessageEvent> m = run(TestCaptures.path("lab/mm-aes128-sha1-modp1024.pcap"),
                dhAndPsks("mm-aes128-sha1-modp1024.pcap", "guess-1", "guess-2"));
        MessageEvent mm5 = m.get(7L);
        assertFalse(mm5.message().decrypted());
        assertEquals(Decryption.Status.FAILED, mm5.decryption().status());
        assertTrue(mm5.decryption().reason().contains("not among the candidates"), mm5.decryption().reason());
        assertFalse(mm5.decryption().reason().contains("guess"), "never a secret in a reason");
    }

    @Test
    void aPresharedKeyAloneCannotDecryptMainModeAndTheOutcomeSaysSo() throws IOException {
        KeyMaterial psk = new KeyMaterial.Builder().psk(new Secret("dev-psk-Ab12".getBytes(), "--psk #1")).build();
        MessageEvent mm5 = run(TestCaptures.path("lab/mm-aes128-sha1-modp1024.pcap"), psk).get(7L);
        assertFalse(mm5.message().decrypted());
        assertEquals(Decryption.Status.NO_KEYS, mm5.decryption().status());
        assertEquals(Ikev1Decryptor.PSK_ALONE, mm5.decryption().reason());
    }

    @Test
    void noMaterialForAnSaIsNoKeys() throws IOException {
        KeyMaterial other = new KeyMaterial.Builder().sa(SaKeyMaterial.none(1L, "x")
                .withEncryptionKey(null, Secret.ofHex("00112233445566778899aabbccddeeff", "table line 1"))).build();
        MessageEvent mm5 = run(TestCaptures.path("lab/mm-aes128-sha1-modp1024.pcap"), other).get(7L);
        assertEquals(Decryption.Status.NO_KEYS, mm5.decryption().status());
        assertNull(run(TestCaptures.path("lab/mm-aes128-sha1-modp1024.pcap"), KeyMaterial.NONE).get(7L).decryption());
    }

    @Test
    void theResponderRejectsTheIdentityInCleartextAfterDecryption() throws IOException {
        // mm-nopeer-id: the responder has no config for the initiator's identity: AUTHENTICATION_FAILED.
        JsonNode truth = JSON.readTree(TestCaptures.path("lab/mm-nopeer-id.truth.json").toFile());
        List<String> psks = new ArrayList<>();
        truth.get("instances").forEach(i -> psks.add(i.path("psk").asText("")));
        Map<Long, MessageEvent> m = run(TestCaptures.path("lab/mm-nopeer-id.pcap"),
                dhAndPsks("mm-nopeer-id.pcap", psks.stream().filter(p -> !p.isEmpty()).distinct().toArray(String[]::new)));
        boolean authFailed = m.values().stream().filter(e -> e.from() == Side.RESPONDER && e.message().decrypted())
                .flatMap(e -> e.message().payloads().stream()).anyMatch(p -> p.body() instanceof NotifyBody n
                        && n.type() == NotifyType.AUTHENTICATION_FAILED.code());
        assertTrue(authFailed, "the responder's AUTHENTICATION_FAILED, decrypted: " + m.values().stream()
                .filter(e -> e.decryption() != null).map(e -> e.frame() + " " + e.decryption()).toList());
    }

    /**
     * Signature authentication, MM5/MM6 carried in IP fragments (mm-rsasig-ipfrag) or in IKE
     * fragments (mm-ikefrag): g^xy alone decrypts them once reassembled, and each CERT payload is
     * byte for byte one of the certificates the lab issued ({@code *.certs.pem}), with its subject
     * and issuer as the JDK's own X.509 parser reads them.
     */
    @TestFactory
    Stream<DynamicTest> certificatesOfSignatureAuthenticationFromTheDhSecretAlone() {
        return Stream.of("mm-rsasig-ipfrag", "mm-ikefrag").map(name -> DynamicTest.dynamicTest(name, () -> {
            Map<String, java.security.cert.X509Certificate> issued = new java.util.HashMap<>();
            try (java.io.InputStream in = Files.newInputStream(TestCaptures.path("lab/" + name + ".certs.pem"))) {
                for (java.security.cert.Certificate c : java.security.cert.CertificateFactory.getInstance("X.509")
                        .generateCertificates(in)) {
                    issued.put(HexFormat.of().formatHex(c.getEncoded()), (java.security.cert.X509Certificate) c);
                }
            }
            Map<Long, MessageEvent> m = run(TestCaptures.path("lab/" + name + ".pcap"), dhAndPsks(name + ".pcap"));
            int certs = 0;
            for (MessageEvent e : m.values()) {
                if (!e.message().decrypted()) {
                    continue;
                }
                for (Payload p : e.message().payloads()) {
                    if (p.body() instanceof org.ikescope.dissector.isakmp.CertBody c && !c.request()) {
                        String der = HexFormat.of().formatHex(c.message(), c.dataFrom(), c.dataTo());
                        java.security.cert.X509Certificate x = issued.get(der);
                        assertNotNull(x, name + " frame " + e.frame() + ": a certificate the lab did not issue");
                        assertEquals(oneLine(x.getSubjectX500Principal()), c.subject(), name + " frame " + e.frame());
                        assertEquals(oneLine(x.getIssuerX500Principal()), c.issuer(), name + " frame " + e.frame());
                        certs++;
                    }
                }
            }
            assertTrue(certs >= 2, name + ": certificates decrypted from MM5 and MM6: " + certs);
        }));
    }

    /** RFC 2253's {@code CN=gw,O=Lab,C=XX} in the dissector's order and separator, {@code C=XX, O=Lab, CN=gw}. */
    private static String oneLine(javax.security.auth.x500.X500Principal p) throws Exception {
        List<String> rdns = new ArrayList<>();
        for (javax.naming.ldap.Rdn r : new javax.naming.ldap.LdapName(p.getName(javax.security.auth.x500.X500Principal.RFC2253)).getRdns()) {
            rdns.add(r.getType() + "=" + r.getValue());
        }
        return String.join(", ", rdns);
    }
}
