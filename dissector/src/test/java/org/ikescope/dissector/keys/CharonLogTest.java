package org.ikescope.dissector.keys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.ikescope.api.plugin.Side;
import org.ikescope.dissector.pipeline.TestCaptures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Keys read from the lab's charon logs ({@code captures/lab/logs/NAME/{i,r}-charon.log.gz}, level
 * 4 of {@code ike}) against the lab truth ({@code NAME.truth.json}: per initiator cookie, {@code
 * keys} as the initiator derived them, {@code keys_responder} when the responder derived others).
 */
class CharonLogTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    static JsonNode truth(String scenario) throws IOException {
        return JSON.readTree(TestCaptures.read("lab/" + scenario + ".truth.json"));
    }

    static long cookie(JsonNode exchange) {
        return Long.parseUnsignedLong(exchange.path("icookie").asText(), 16);
    }

    /**
     * The keys the daemon on {@code side} derived for {@code exchange} by the truth, or null when
     * the truth has none from that daemon.
     */
    static JsonNode expected(JsonNode exchange, Side side) {
        JsonNode keys = exchange.path("keys");
        if (!keys.has("enc_key")) {
            return null;
        }
        String source = keys.path("source").asText();
        if (side == Side.INITIATOR) {
            return source.startsWith("initiator") ? keys : null;
        }
        JsonNode responder = exchange.path("keys_responder");
        if (responder.has("enc_key")) {
            return responder;
        }
        return source.startsWith("responder") || keys.path("both_sides_agree").asBoolean() ? keys : null;
    }

    @ParameterizedTest
    @ValueSource(strings = {"mm-aes128-sha1-modp1024", "mm-pskmismatch", "am-psk-ok", "am-psk-bad", "ikescan-aggressive",
            "many-peers", "dpd-rekey-delete", "mm-rsasig-ipfrag", "mm-aes128-sha256-ecp256-esp", "mm-libreswan-init-sw-resp",
            "mm-sw-init-libreswan-resp"})
    void eachDaemonsKeysMatchTheTruth(String scenario) throws IOException {
        JsonNode truth = truth(scenario);
        int compared = 0;
        for (Side side : Side.values()) {
            String log = scenario + "/" + (side == Side.INITIATOR ? "i" : "r") + "-charon.log.gz";
            if (!Files.exists(Loaded.log(log))) {
                continue;
            }
            Loaded loaded = Loaded.logs(log);
            assertEquals(List.of(), loaded.warnings(), log);
            Map<Long, JsonNode> byCookie = new HashMap<>();
            for (JsonNode x : truth.path("exchanges")) {
                JsonNode want = expected(x, side);
                if (want != null) {
                    byCookie.put(cookie(x), want);
                }
            }
            assertEquals(byCookie.keySet(), loaded.keys().sas().keySet(), log + ": the SAs with keys, by initiator cookie");
            for (Map.Entry<Long, JsonNode> e : byCookie.entrySet()) {
                SaKeyMaterial m = loaded.keys().forSa(e.getKey());
                JsonNode want = e.getValue();
                String what = log + " " + KeyText.cookie(e.getKey());
                assertEquals(want.path("dh_shared_secret").asText(), m.dhSharedSecret().reveal(), what + " g^xy");
                assertEquals(want.path("skeyid_e").asText(), m.skeyidE(side).orElseThrow().reveal(), what + " SKEYID_e");
                assertEquals(want.path("enc_key").asText(), m.encryptionKey(side).orElseThrow().reveal(), what + " Ka");
                assertTrue(m.skeyidE(side.opposite()).isEmpty() && m.encryptionKey(side.opposite()).isEmpty(),
                        what + ": one daemon's log gives its own side only");
                assertNull(m.anySide(), what);
                assertNull(m.dhPrivate(), what + ": charon does not log x");
                compared++;
            }
        }
        assertTrue(compared > 0, scenario);
    }

    @Test
    void bothLogsOfAPskMismatchGiveEachSideItsOwnKey() throws IOException {
        JsonNode x = truth("mm-pskmismatch").path("exchanges").get(0);
        SaKeyMaterial m = Loaded.logs("mm-pskmismatch/i-charon.log.gz", "mm-pskmismatch/r-charon.log.gz").keys().forSa(cookie(x));
        assertEquals(x.path("keys").path("enc_key").asText(), m.encryptionKey(Side.INITIATOR).orElseThrow().reveal());
        assertEquals(x.path("keys_responder").path("enc_key").asText(), m.encryptionKey(Side.RESPONDER).orElseThrow().reveal());
        assertEquals(x.path("keys").path("dh_shared_secret").asText(), m.dhSharedSecret().reveal());
        assertTrue(m.source().contains("i-charon.log.gz") && m.source().contains("r-charon.log.gz"), m.source());
    }

    @Test
    void labelsNameTheFileAndLineOfTheDump() throws IOException {
        SaKeyMaterial m = Loaded.logs("mm-aes128-sha1-modp1024/i-charon.log.gz").keys().forSa(0xdf82e8299aff4b6fL);
        String log = Loaded.log("mm-aes128-sha1-modp1024/i-charon.log.gz").toString();
        // lines 336 and 357 of the log: "shared Diffie Hellman secret => 128 bytes", "encryption key Ka => 16 bytes"
        assertEquals(log + " line 336", m.dhSharedSecret().label());
        assertEquals(log + " line 357", m.encryptionKey(Side.INITIATOR).orElseThrow().label());
        assertEquals(log + " IKE_SA lab|1", m.source());
    }

    /** MODP: am-psk-bad's initiator fails the HASH_R check before NAT-D; only HASH_R data shows the cookies. */
    @Test
    void cookiesFromHashDataWhenNoNatdChunkIsLogged() throws IOException {
        String text = Loaded.gunzip("am-psk-bad/i-charon.log.gz");
        assertTrue(!text.contains("natd_chunk") && text.contains("HASH_R data"));
        assertNotNull(Loaded.logs("am-psk-bad/i-charon.log.gz").keys().forSa(0x2ebc73fa4d39dd53L));
    }

    /** ECP: the KE values in HASH data are twice as long as g^xy (x and y; g^xy is x alone). */
    @Test
    void cookiesFromHashDataOfAnEcpGroup() throws IOException {
        String text = Loaded.gunzip("mm-aes128-sha256-ecp256-esp/i-charon.log.gz");
        String withoutNatd = String.join("\n", text.lines().filter(l -> !l.contains("natd_chunk")).toList());
        Loaded loaded = Loaded.text("ecp-without-natd.log", withoutNatd);
        JsonNode x = truth("mm-aes128-sha256-ecp256-esp").path("exchanges").get(0);
        SaKeyMaterial m = loaded.keys().forSa(cookie(x));
        assertNotNull(m, loaded.warnings().toString());
        assertEquals(32, m.dhSharedSecret().length());
        assertEquals(x.path("keys").path("enc_key").asText(), m.encryptionKey(Side.INITIATOR).orElseThrow().reveal());
    }

    @Test
    void keysWithoutAnyCookieAreReportedNotGuessed() throws IOException {
        String text = Loaded.gunzip("am-psk-bad/i-charon.log.gz");
        Loaded loaded = Loaded.text("no-cookies.log", String.join("\n", text.lines().filter(l -> !l.contains("HASH_R data")).toList()));
        assertTrue(loaded.keys().isEmpty());
        assertEquals(List.of("no-cookies.log: IKE_SA lab|1 has keys but the log shows none of its cookies"
                + " (expected: a natd_chunk or HASH_I/HASH_R data dump); not loaded"), loaded.warnings());
    }

    @Test
    void withoutTheSideTheKeyIsForEitherSide() throws IOException {
        String text = Loaded.gunzip("mm-aes128-sha1-modp1024/i-charon.log.gz");
        Loaded loaded = Loaded.text("no-side.log", String.join("\n", text.lines()
                .filter(l -> !l.contains("initiating Main Mode") && !l.contains(" ID_PROT ")).toList()));
        SaKeyMaterial m = loaded.keys().forSa(0xdf82e8299aff4b6fL);
        assertEquals(truth("mm-aes128-sha1-modp1024").path("exchanges").get(0).path("keys").path("enc_key").asText(), m.anySide().reveal());
        assertTrue(m.encryptionKey(Side.INITIATOR).isEmpty() && m.skeyidE(Side.INITIATOR).isEmpty());
        assertEquals(1, loaded.warnings().size(), loaded.warnings().toString());
        assertTrue(loaded.warnings().get(0).contains("does not say which side"), loaded.warnings().get(0));
    }

    /** Without {@code ike_name = yes} nothing ties a dump to its SA: nothing is loaded, and the warning says what to set. */
    @Test
    void logWithoutSaNamesSaysWhatToConfigure() throws IOException {
        String text = Loaded.gunzip("mm-aes128-sha1-modp1024/i-charon.log.gz").replace("<lab|1> ", "");
        Loaded loaded = Loaded.text("unnamed.log", text);
        assertTrue(loaded.keys().isEmpty());
        assertEquals(List.of("unnamed.log: 3 key dumps without an IKE_SA name not loaded (expected: charon's logger with ike_name = yes)"),
                loaded.warnings());
    }

    @Test
    void ikev2LogLoadsNothingWithOneWarning() throws IOException {
        Loaded loaded = Loaded.logs("ikev2-psk-ok/i-charon.log.gz");
        assertTrue(loaded.keys().isEmpty());
        assertEquals(List.of(Loaded.log("ikev2-psk-ok/i-charon.log.gz")
                + ": keys of 1 IKEv2 SA not loaded (IKEv2 decryption is out of scope)"), loaded.warnings());
    }

    @Test
    void logWithoutKeysSaysSo() throws IOException {
        Loaded loaded = Loaded.logs("mm-noproposal/i-charon.log.gz");
        assertTrue(loaded.keys().isEmpty());
        assertEquals(1, loaded.warnings().size());
        assertTrue(loaded.warnings().get(0).endsWith("a charon log without IKEv1 keys (charon logs them at level 4 of the ike subsystem); nothing loaded"));
    }

    @Test
    void plutoLogIsRecognisedAndLoadsNothing() throws IOException {
        Loaded loaded = Loaded.logs("mm-libreswan-init-sw-resp/i-pluto.head.log.gz");
        assertTrue(loaded.keys().isEmpty());
        assertEquals(1, loaded.warnings().size());
        assertTrue(loaded.warnings().get(0).contains("a libreswan pluto log; pluto does not log IKE keys"), loaded.warnings().get(0));
    }

    @Test
    void dumpCutShortIsAWarningAndTheRestLoads() throws IOException {
        List<String> lines = Loaded.gunzip("many-peers/i-charon.log.gz").lines().toList();
        int header = -1;
        for (int i = 0; i < lines.size() && header < 0; i++) {
            if (lines.get(i).contains("<p1|1> encryption key Ka =>")) {
                header = i;
            }
        }
        List<String> cut = new ArrayList<>(lines);
        cut.remove(header + 1); // the only dump line of p1's 16-byte key
        Loaded loaded = Loaded.text("cut.log", String.join("\n", cut));
        assertEquals(List.of("cut.log line " + (header + 1) + ": encryption key Ka dump cut short (expected: 16 bytes); ignored"),
                loaded.warnings());
        SaKeyMaterial p1 = loaded.keys().forSa(0xf4a0ccc2e3568581L);
        assertTrue(p1.encryptionKey(Side.INITIATOR).isEmpty());
        assertNotNull(p1.dhSharedSecret());
        assertEquals(7, loaded.keys().sas().size());
    }
}
