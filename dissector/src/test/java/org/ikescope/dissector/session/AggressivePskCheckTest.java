package org.ikescope.dissector.session;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.ikescope.api.plugin.Side;
import org.ikescope.dissector.event.MessageEvent;
import org.ikescope.dissector.keys.KeyMaterial;
import org.ikescope.dissector.keys.KeyText;
import org.ikescope.dissector.keys.PskWordlist;
import org.ikescope.dissector.keys.SaKeyMaterial;
import org.ikescope.dissector.keys.Secret;
import org.ikescope.dissector.keys.SecretLeaks;
import org.ikescope.dissector.pipeline.PcapRewrite;
import org.ikescope.dissector.pipeline.TestCaptures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The pre-shared key check of aggressive mode, against the lab truth files (the PSK each daemon
 * was configured with) and ike-scan's own psk-crack parameters: the candidate that matches the
 * responder's HASH_R of AM2 is found by its position among decoys, the two sides of a PSK
 * mismatch are told apart, a wrong list says so, and HASH_I is checked when AM3 is in the clear
 * (an AM3 strongSwan sent, decrypted with the truth's key and written back unencrypted).
 */
class AggressivePskCheckTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode truth(String name) throws IOException {
        return JSON.readTree(TestCaptures.path("lab/" + name + ".truth.json").toFile());
    }

    /** {@code decoys} with {@code psk} inserted at {@code position} (0-based), as --psk #1.. for any peer. */
    private static List<String> candidates(String psk, int position, String... decoys) {
        List<String> l = new ArrayList<>(List.of(decoys));
        l.add(position, psk);
        return l;
    }

    private static KeyMaterial.Builder psks(List<String> psks) {
        KeyMaterial.Builder b = new KeyMaterial.Builder();
        for (int i = 0; i < psks.size(); i++) {
            b.psk(new Secret(psks.get(i).getBytes(StandardCharsets.UTF_8), "--psk #" + (i + 1)));
        }
        return b;
    }

    /** The check of the SA with this initiator cookie after the whole capture. */
    private static AggressivePskCheck check(Map<Long, MessageEvent> events, String icookie) {
        long cookie = KeyText.cookie(icookie);
        for (MessageEvent e : events.values()) {
            if (e.session() != null && e.session().initiatorCookie() == cookie && e.session().keys() != null) {
                return e.session().keys().pskCheck();
            }
        }
        return null;
    }

    private static Map<Long, MessageEvent> run(String pcap, KeyMaterial keys) throws IOException {
        return DecryptionLabTest.run(TestCaptures.path("lab/" + pcap), keys);
    }

    @Test
    void theConfiguredPskIsFoundAmongSeveralCandidates() throws IOException {
        for (String name : List.of("am-psk-ok", "ikescan-aggressive")) {
            JsonNode x = truth(name).get("exchanges").get(0);
            String psk = x.path("responder").path("psk_configured").asText();
            assertFalse(psk.isEmpty(), name + ": the truth names the responder's PSK");
            List<String> list = candidates(psk, 2, "guess-one", "dev-psk-ab12", "Dev-psk-Ab12x", "summer2024");
            AggressivePskCheck c = check(run(name + ".pcap", psks(list).build()), x.get("icookie").asText());
            assertNotNull(c, name);
            assertEquals(AggressivePskCheck.Outcome.MATCHED, c.outcome(Side.RESPONDER), name + ": " + c);
            assertEquals("--psk #" + (list.indexOf(psk) + 1), c.matched(Side.RESPONDER), name);
            assertEquals(list.indexOf(psk) + 1, c.candidatesTried(Side.RESPONDER), name + ": stops at the match");
            assertEquals(AggressivePskCheck.Outcome.NOT_CHECKED, c.outcome(Side.INITIATOR), name + ": no AM3 in the clear");
            assertEquals(Boolean.TRUE, c.verified(), name);
            assertTrue(c.describe().contains("HASH_R (AM2) matches --psk #3"), c.describe());
            for (String p : list) {
                SecretLeaks.assertNoLeak(c.describe(), p);
            }
        }
        // strongSwan encrypts AM3 (its log: "generating AGGRESSIVE request 0 [ HASH NAT-D NAT-D ]", frame 5 encrypted).
        JsonNode x = truth("am-psk-ok").get("exchanges").get(0);
        AggressivePskCheck c = check(run("am-psk-ok.pcap", psks(List.of("dev-psk-Ab12")).build()), x.get("icookie").asText());
        assertTrue(c.describe().contains("HASH_I (AM3) was not checked (AM3 is encrypted)"), c.describe());
    }

    @Test
    void aPskMismatchIsToldApartPerSide() throws IOException {
        JsonNode x = truth("am-psk-bad").get("exchanges").get(0);
        String ipsk = x.path("initiator").path("psk_configured").asText();
        String rpsk = x.path("responder").path("psk_configured").asText();
        assertNotEquals(ipsk, rpsk, "the truth shows two PSKs");
        List<String> list = List.of("not-this", ipsk, rpsk);
        // The responder's HASH_R in the clear: its PSK, without g^xy.
        AggressivePskCheck alone = check(run("am-psk-bad.pcap", psks(list).build()), x.get("icookie").asText());
        assertEquals("--psk #" + (list.indexOf(rpsk) + 1), alone.matched(Side.RESPONDER));
        assertNull(alone.matched(Side.INITIATOR), "the initiator sent no AM3");
        // With the truth's g^xy the initiator's encrypted informational tells its PSK.
        KeyMaterial.Builder b = psks(list).sa(SaKeyMaterial.none(KeyText.cookie(x.get("icookie").asText()), "t")
                .withDhSharedSecret(Secret.ofHex(x.path("keys").path("dh_shared_secret").asText(), "--dh-secret #1")));
        Map<Long, MessageEvent> events = run("am-psk-bad.pcap", b.build());
        SaKeys keys = events.values().stream().filter(e -> e.session() != null).findFirst().orElseThrow().session().keys();
        assertEquals("--psk #" + (list.indexOf(ipsk) + 1), keys.decryptedWith(Side.INITIATOR).pskLabel());
        assertEquals("--psk #" + (list.indexOf(rpsk) + 1), keys.pskCheck().matched(Side.RESPONDER));
        assertEquals("--psk #" + (list.indexOf(rpsk) + 1), keys.keyOf(Side.RESPONDER).candidate().pskLabel());
        assertEquals(x.path("keys_responder").path("enc_key").asText(),
                HexFormat.of().formatHex(keys.keyOf(Side.RESPONDER).candidate().keys().encryptionKey()));
    }

    @Test
    void aWrongCandidateListGivesFalse() throws IOException {
        JsonNode x = truth("ikescan-aggressive").get("exchanges").get(0);
        AggressivePskCheck c = check(run("ikescan-aggressive.pcap", psks(List.of("dev-psk-Ab13", "ike-scan")).build()),
                x.get("icookie").asText());
        assertEquals(AggressivePskCheck.Outcome.NO_MATCH, c.outcome(Side.RESPONDER));
        assertEquals(2, c.candidatesTried(Side.RESPONDER));
        assertEquals(Boolean.FALSE, c.verified());
        assertTrue(c.describe().contains("matches none of the 2 candidates"), c.describe());
    }

    /** What the session keeps for the check is what ike-scan wrote for psk-crack (ike-scan --pskcrack, the lab's params file). */
    @Test
    void theSessionKeepsWhatPskCrackReads() throws IOException {
        String[] f = TestCaptures.read("lab/ikescan-aggressive.psk-crack-params.txt").strip().split(":");
        assertEquals(9, f.length, "g_xr:g_xi:cky_r:cky_i:sai_b:idir_b:ni_b:nr_b:hash_r");
        Map<Long, MessageEvent> events = run("ikescan-aggressive.pcap", psks(List.of("x")).build());
        SaSession s = events.values().stream().filter(e -> e.session() != null).findFirst().orElseThrow().session();
        HexFormat hex = HexFormat.of();
        assertEquals(f[0], hex.formatHex(s.keyExchange(Side.RESPONDER)));
        assertEquals(f[1], hex.formatHex(s.keyExchange(Side.INITIATOR)));
        assertEquals(f[2], hex.toHexDigits(s.responderCookie()));
        assertEquals(f[3], hex.toHexDigits(s.initiatorCookie()));
        assertEquals(f[4], hex.formatHex(s.initiatorSaBody()));
        assertEquals(f[5], hex.formatHex(s.identityBody(Side.RESPONDER)));
        assertEquals(f[6], hex.formatHex(s.nonce(Side.INITIATOR)));
        assertEquals(f[7], hex.formatHex(s.nonce(Side.RESPONDER)));
        // Without key material nothing of it is kept.
        SaSession bare = run("ikescan-aggressive.pcap", KeyMaterial.NONE).values().stream().filter(e -> e.session() != null)
                .findFirst().orElseThrow().session();
        assertNull(bare.identityBody(Side.RESPONDER));
        assertNull(bare.keyExchange(Side.INITIATOR));
    }

    /** Five copies of AM2 (retransmissions): one HASH for the wordlist. */
    @Test
    void aRetransmittedHashIsKeptOnceForTheWordlist() throws IOException {
        KeyMaterial k = new KeyMaterial.Builder().wordlist(new PskWordlist(Path.of("unused"))).build();
        org.ikescope.dissector.pipeline.Dissector d = new org.ikescope.dissector.pipeline.Dissector(
                org.ikescope.dissector.pipeline.Dissector.Options.defaults().withKeys(k));
        try (var src = org.ikescope.dissector.capture.Captures.open(TestCaptures.path("lab/ikescan-aggressive.pcap").toString())) {
            d.run(src, e -> { });
        }
        assertEquals(1, d.keyed().pskTargets().size());
        assertEquals(Side.RESPONDER, d.keyed().pskTargets().get(0).side());
        assertNull(d.keyed().pskTargets().get(0).matchedBy());
    }

    /**
     * HASH_I in the clear: am-psk-ok's AM3 (frame 5), which strongSwan encrypted, decrypted with the
     * truth's encryption key and initial IV (appendix B: the first encrypted phase-1 message uses
     * hash(g^xi | g^xr)) and written back without the E flag. The HASH_I inside is strongSwan's.
     */
    @Test
    void hashIInTheClearIsCheckedToo(@TempDir Path dir) throws IOException, GeneralSecurityException {
        JsonNode x = truth("am-psk-ok").get("exchanges").get(0);
        byte[] am3 = run("am-psk-ok.pcap", KeyMaterial.NONE).get(5L).message().bytes();
        byte[] clear = unencrypted(am3, HexFormat.of().parseHex(x.path("keys").path("enc_key").asText()),
                HexFormat.of().parseHex(x.path("keys").path("initial_iv").asText()));
        assertEquals(8, am3[16], "AM3 starts with HASH (strongSwan: [ HASH NAT-D NAT-D ])");
        Path pcap = dir.resolve("am-clear-am3.pcap");
        PcapRewrite.replaceUdpPayload(TestCaptures.path("lab/am-psk-ok.pcap"), pcap, 5, clear);
        String psk = x.path("initiator").path("psk_configured").asText();
        List<String> list = candidates(psk, 1, "guess-1", "guess-3");
        Map<Long, MessageEvent> events = DecryptionLabTest.run(pcap, psks(list).build());
        assertFalse(events.get(5L).message().encrypted(), "the rewritten AM3 is in the clear");
        AggressivePskCheck c = check(events, x.get("icookie").asText());
        assertEquals("--psk #2", c.matched(Side.INITIATOR), c.toString());
        assertEquals("--psk #2", c.matched(Side.RESPONDER), c.toString());
        assertTrue(c.describe().contains("HASH_I (AM3) matches --psk #2"), c.describe());
        AggressivePskCheck wrong = check(DecryptionLabTest.run(pcap, psks(List.of("guess-1")).build()), x.get("icookie").asText());
        assertEquals(AggressivePskCheck.Outcome.NO_MATCH, wrong.outcome(Side.INITIATOR));
    }

    /** The message with its body decrypted (AES-CBC, the truth's key and IV), the E flag cleared and the padding dropped. */
    private static byte[] unencrypted(byte[] message, byte[] key, byte[] iv) throws GeneralSecurityException {
        Cipher aes = Cipher.getInstance("AES/CBC/NoPadding");
        aes.init(Cipher.DECRYPT_MODE, new SecretKeySpec(key, "AES"), new IvParameterSpec(iv));
        byte[] plain = aes.doFinal(message, 28, message.length - 28);
        int at = 0;
        int next = message[16];
        while (next != 0) {
            next = plain[at];
            at += ((plain[at + 2] & 0xff) << 8) | (plain[at + 3] & 0xff);
        }
        ByteBuffer out = ByteBuffer.allocate(28 + at);
        out.put(message, 0, 28).put(plain, 0, at);
        out.put(19, (byte) (message[19] & ~1));
        out.putInt(24, 28 + at);
        assertArrayEquals(Arrays.copyOfRange(message, 0, 16), Arrays.copyOfRange(out.array(), 0, 16), "cookies kept");
        return out.array();
    }
}
