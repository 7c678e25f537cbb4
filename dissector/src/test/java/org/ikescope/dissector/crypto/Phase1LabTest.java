package org.ikescope.dissector.crypto;

import static org.ikescope.dissector.crypto.Vectors.hex;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.ikescope.api.plugin.Side;
import org.ikescope.api.protocol.PayloadType;
import org.ikescope.dissector.capture.Captures;
import org.ikescope.dissector.capture.PacketSource;
import org.ikescope.dissector.event.DissectionListener;
import org.ikescope.dissector.event.MessageEvent;
import org.ikescope.dissector.isakmp.IsakmpMessage;
import org.ikescope.dissector.isakmp.Payload;
import org.ikescope.dissector.pipeline.Dissector;
import org.ikescope.dissector.pipeline.TestCaptures;
import org.ikescope.dissector.session.SaSession;
import org.ikescope.dissector.session.SaSessions;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Phase-1 key derivation, IVs and HASH_I/HASH_R against the lab captures' truth: the keys strongSwan
 * logged ({@code exchanges[].keys}: SKEYID, SKEYID_d/a/e, the encryption key, the initial IV; with
 * mismatched pre-shared keys also {@code keys_responder}), and the HASH values tshark found in MM5
 * and MM6 when decrypting with the logged key. Nonces, KE payloads, cookies and the chosen suite
 * come from the capture, through the dissector; g^xy and the pre-shared keys from the truth.
 */
class Phase1LabTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path LAB = TestCaptures.path("lab");
    private static final Map<String, Capture> CAPTURES = new HashMap<>();
    private static final int ID = 5;
    private static final int HASH = 8;

    /** Every IKEv1 exchange of every truth file with logged keys. */
    static Stream<Arguments> exchangesWithKeys() {
        return exchanges(e -> e.path("keys").hasNonNull("skeyid"));
    }

    /** The exchanges whose MM5/MM6 tshark decrypted, with a HASH (pre-shared keys). */
    static Stream<Arguments> exchangesWithDecryptedHashes() {
        return exchanges(e -> e.path("keys").hasNonNull("skeyid") && e.path("wireshark_decryption")
                .path("decrypted_id_payloads").findValues("hash").stream().anyMatch(h -> !h.isNull()));
    }

    /** Main-mode exchanges with MM6 and an encrypted quick-mode or informational message after it. */
    static Stream<Arguments> mainModeExchangesWithPhase2() {
        return exchanges(e -> e.path("keys").hasNonNull("skeyid") && e.path("exchange_type").asText().equals("main")
                && firstPhase2AfterMm6(e) != null);
    }

    static Stream<Arguments> aggressiveExchanges() {
        return exchanges(e -> e.path("keys").hasNonNull("skeyid") && e.path("exchange_type").asText().equals("aggressive"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("exchangesWithKeys")
    void keysAndInitialIv(JsonNode e) {
        Sa sa = sa(e);
        JsonNode keys = e.get("keys");
        assertEquals(e.get("icookie").asText(), IsakmpMessage.hex64(sa.session.initiatorCookie()));
        assertEquals(e.get("rcookie").asText(), IsakmpMessage.hex64(sa.session.responderCookie()));
        assertKeys(sa, keys, sideOf(keys.get("source").asText()), e);
        if (e.hasNonNull("keys_responder")) {
            // Pre-shared keys differ: the responder derived its own keys from its own key.
            assertKeys(sa, e.get("keys_responder"), Side.RESPONDER, e);
        }
        // The IV depends on the KE payloads only, so both sides agree on it.
        assertHex(keys.get("initial_iv"), sa.crypto.phase1Iv(sa.gxi(), sa.gxr()), "initial IV");
    }

    /**
     * The keys of {@code side} from scratch (SKEYID from its pre-shared key, or from the nonces for
     * signatures), and SKEYID_d/a/e and the key from the logged SKEYID. many-peers' truth does not
     * record the pre-shared key: there only the second part runs.
     */
    private static void assertKeys(Sa sa, JsonNode keys, Side side, JsonNode e) {
        byte[] gxy = hex(keys.get("dh_shared_secret").asText());
        long ckyI = sa.ckyI();
        long ckyR = sa.ckyR();
        String auth = e.get("negotiated").get("auth").asText();
        JsonNode psk = e.get(side == Side.INITIATOR ? "initiator" : "responder").get("psk_configured");
        Phase1Keys fromScratch = null;
        if (auth.equals("PSK") && psk.isTextual()) {
            fromScratch = Phase1Keys.preSharedKey(sa.crypto, psk.asText().getBytes(StandardCharsets.UTF_8), sa.ni(), sa.nr(), gxy,
                    ckyI, ckyR);
        } else if (auth.equals("RSA-SIG")) {
            fromScratch = Phase1Keys.signatures(sa.crypto, sa.ni(), sa.nr(), gxy, ckyI, ckyR);
        } else {
            assertEquals("PSK", auth);
        }
        Phase1Keys fromSkeyid = Phase1Keys.fromSkeyid(sa.crypto, hex(keys.get("skeyid").asText()), gxy, ckyI, ckyR);
        for (Phase1Keys k : fromScratch == null ? List.of(fromSkeyid) : List.of(fromScratch, fromSkeyid)) {
            String how = side + (k == fromScratch ? " from " + auth : " from SKEYID") + ": ";
            assertHex(keys.get("skeyid"), k.skeyid(), how + "SKEYID");
            assertHex(keys.get("skeyid_d"), k.skeyidD(), how + "SKEYID_d");
            assertHex(keys.get("skeyid_a"), k.skeyidA(), how + "SKEYID_a");
            assertHex(keys.get("skeyid_e"), k.skeyidE(), how + "SKEYID_e");
            assertHex(keys.get("enc_key"), k.encryptionKey(), how + "encryption key");
        }
        // From SKEYID_e alone (a daemon's log) and from the key alone (Wireshark's table).
        assertHex(keys.get("enc_key"), Phase1Keys.fromSkeyidE(sa.crypto, hex(keys.get("skeyid_e").asText())).encryptionKey(),
                side + " encryption key from SKEYID_e");
        assertHex(keys.get("enc_key"), Phase1Keys.fromEncryptionKey(sa.crypto, hex(keys.get("enc_key").asText())).encryptionKey(),
                side + " encryption key given");
    }

    /**
     * MM5 decrypted with the logged key and IV holds the HASH tshark showed, and that HASH is
     * HASH_I over the decrypted ID payload; MM6, decrypted with the last CBC block of MM5 as IV,
     * holds HASH_R.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("exchangesWithDecryptedHashes")
    void hashIAndHashRInMainMode(JsonNode e) {
        Sa sa = sa(e);
        byte[] key = hex(e.get("keys").get("enc_key").asText());
        byte[] skeyid = hex(e.get("keys").get("skeyid").asText());
        byte[] iv = hex(e.get("keys").get("initial_iv").asText());
        int checked = 0;
        for (JsonNode id : e.get("wireshark_decryption").get("decrypted_id_payloads")) {
            IsakmpMessage m = sa.at(id.get("frame").asLong());
            String label = id.get("label").asText();
            if (label.equals("MM6")) {
                IsakmpMessage mm5 = sa.at(frameOf(e, "MM5"));
                iv = Arrays.copyOfRange(mm5.bytes(), (int) mm5.length() - iv.length, (int) mm5.length());
            }
            Map<Integer, byte[]> payloads = decryptedPayloads(sa.crypto.cipher(), key, iv, m);
            byte[] hash = payloads.get(HASH);
            assertHex(id.get("hash"), hash, label + " HASH payload (the decryption is right)");
            byte[] expected = label.equals("MM5")
                    ? sa.crypto.hashI(skeyid, sa.gxi(), sa.gxr(), sa.ckyI(), sa.ckyR(), sa.saiB, payloads.get(ID))
                    : sa.crypto.hashR(skeyid, sa.gxi(), sa.gxr(), sa.ckyI(), sa.ckyR(), sa.saiB, payloads.get(ID));
            assertArrayEquals(hash, expected, label + (label.equals("MM5") ? " HASH_I" : " HASH_R"));
            checked++;
        }
        assertTrue(checked > 0);
    }

    /**
     * Aggressive mode: HASH_R in the clear in AM2 (made with the responder's SKEYID), HASH_I in the
     * encrypted AM3 (the initiator's keys, the initial IV).
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("aggressiveExchanges")
    void hashIAndHashRInAggressiveMode(JsonNode e) {
        Sa sa = sa(e);
        JsonNode initiatorKeys = sideOf(e.get("keys").get("source").asText()) == Side.INITIATOR ? e.get("keys") : null;
        JsonNode responderKeys = e.hasNonNull("keys_responder") ? e.get("keys_responder")
                : initiatorKeys == null || e.get("keys").path("both_sides_agree").asBoolean() ? e.get("keys") : null;
        assertNotNull(responderKeys);
        IsakmpMessage am2 = sa.at(frameOf(e, "AM2"));
        byte[] hashR = cleartextBody(am2, PayloadType.HASH);
        assertArrayEquals(hashR, sa.crypto.hashR(hex(responderKeys.get("skeyid").asText()), sa.gxi(), sa.gxr(), sa.ckyI(),
                sa.ckyR(), sa.saiB, cleartextBody(am2, PayloadType.ID)), "AM2 HASH_R");
        long am3 = frameOf(e, "AM3");
        if (initiatorKeys != null && am3 > 0) {
            IsakmpMessage m = sa.at(am3);
            Map<Integer, byte[]> payloads = decryptedPayloads(sa.crypto.cipher(), hex(initiatorKeys.get("enc_key").asText()),
                    hex(initiatorKeys.get("initial_iv").asText()), m);
            byte[] idii = cleartextBody(sa.at(frameOf(e, "AM1")), PayloadType.ID);
            assertArrayEquals(payloads.get(HASH), sa.crypto.hashI(hex(initiatorKeys.get("skeyid").asText()), sa.gxi(),
                    sa.gxr(), sa.ckyI(), sa.ckyR(), sa.saiB, idii), "AM3 HASH_I");
        }
    }

    /**
     * The first quick-mode or informational message after MM6 decrypts, with the phase-2 IV
     * hash(last CBC block of MM6 | M-ID), to a well-formed payload chain that starts with a HASH
     * of the PRF's length: a wrong IV garbles the first block, which holds that payload's header.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("mainModeExchangesWithPhase2")
    void phase2Iv(JsonNode e) {
        Sa sa = sa(e);
        JsonNode next = firstPhase2AfterMm6(e);
        IsakmpMessage mm6 = sa.at(frameOf(e, "MM6"));
        int block = sa.crypto.cipher().blockSize();
        byte[] last = Arrays.copyOfRange(mm6.bytes(), (int) mm6.length() - block, (int) mm6.length());
        IsakmpMessage m = sa.at(next.get("frame").asLong());
        assertEquals(Integer.parseUnsignedInt(next.get("message_id").asText(), 16), m.messageId());
        byte[] iv = sa.crypto.phase2Iv(last, m.messageId());
        Map<Integer, byte[]> payloads = decryptedPayloads(sa.crypto.cipher(), hex(e.get("keys").get("enc_key").asText()), iv, m);
        assertEquals(HASH, m.firstPayload());
        assertEquals(sa.crypto.prf().length(), payloads.get(HASH).length, "the HASH payload of " + next.get("label").asText());
    }

    // ---- the capture side ----

    /** What the dissector learnt of one SA, and its algorithms. */
    private record Sa(SaSession session, byte[] saiB, List<MessageEvent> events, Phase1Crypto crypto) {
        byte[] ni() {
            return session.nonce(Side.INITIATOR);
        }

        byte[] nr() {
            return session.nonce(Side.RESPONDER);
        }

        byte[] gxi() {
            return session.keyExchange(Side.INITIATOR);
        }

        byte[] gxr() {
            return session.keyExchange(Side.RESPONDER);
        }

        long ckyI() {
            return session.initiatorCookie();
        }

        long ckyR() {
            return session.responderCookie();
        }

        /** The message of this SA at {@code frame} (for a reassembled one, its last fragment's frame). */
        IsakmpMessage at(long frame) {
            return events.stream().filter(ev -> ev.frame() == frame && !ev.quotedByIcmp()).findFirst()
                    .orElseThrow(() -> new AssertionError("no message of this SA at frame " + frame)).message();
        }
    }

    private static Sa sa(JsonNode e) {
        Capture c = CAPTURES.computeIfAbsent(e.get("pcap").asText(), Phase1LabTest::dissect);
        long cookie = Long.parseUnsignedLong(e.get("icookie").asText(), 16);
        List<MessageEvent> events = c.byCookie.getOrDefault(cookie, List.of());
        SaSession session = events.stream().map(MessageEvent::session).filter(s -> s != null).findFirst()
                .orElseThrow(() -> new AssertionError("no session for " + e.get("icookie").asText()));
        byte[] saiB = null;
        for (MessageEvent ev : events) {
            if (ev.from() == Side.INITIATOR && saiB == null && ev.message().has(PayloadType.SA.code())) {
                saiB = cleartextBody(ev.message(), PayloadType.SA);
            }
        }
        assertNotNull(saiB, "SAi_b");
        assertNotNull(session.chosen(), "the chosen suite");
        return new Sa(session, saiB, events, Phase1Crypto.of(session.chosen()));
    }

    private record Capture(Map<Long, List<MessageEvent>> byCookie) {
    }

    private static Capture dissect(String pcap) {
        Map<Long, List<MessageEvent>> byCookie = new HashMap<>();
        Dissector d = new Dissector(new Dissector.Options(Set.of(500), Set.of(4500), true,
                new SaSessions.Options(65536, Long.MAX_VALUE, true)));
        try (PacketSource src = Captures.open(LAB.resolve(pcap).toString())) {
            d.run(src, new DissectionListener() {
                @Override
                public void message(MessageEvent ev) {
                    byCookie.computeIfAbsent(ev.message().initiatorCookie(), k -> new ArrayList<>()).add(ev);
                }
            });
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        return new Capture(byCookie);
    }

    /** The body (after the generic header) of the first cleartext payload of {@code kind} in {@code m}. */
    private static byte[] cleartextBody(IsakmpMessage m, PayloadType kind) {
        for (Payload p : m.payloads()) {
            if (p.is(kind)) {
                return Arrays.copyOfRange(m.bytes(), p.offset() + 4, p.offset() + p.length());
            }
        }
        throw new AssertionError("no " + kind + " payload");
    }

    /**
     * Decrypts an IKEv1 message's body with {@code cipher} and walks its payload chain from the
     * header's Next Payload (RFC 2408 section 3.2 generic headers), which must end within the
     * plaintext.
     *
     * @return payload bodies by type (the first of each type)
     */
    private static Map<Integer, byte[]> decryptedPayloads(IkeCipher cipher, byte[] key, byte[] iv, IsakmpMessage m) {
        assertTrue(m.hasFlag(IsakmpMessage.FLAG_ENCRYPTION), "the message is encrypted");
        int end = (int) m.length();
        byte[] pt = cipher.decrypt(key, iv, m.bytes(), IsakmpMessage.HEADER_BYTES, end - IsakmpMessage.HEADER_BYTES);
        Map<Integer, byte[]> out = new HashMap<>();
        int type = m.firstPayload();
        int at = 0;
        while (type != 0) {
            assertTrue(at + 4 <= pt.length, "a payload header past the plaintext");
            int next = pt[at] & 0xff;
            int len = (pt[at + 2] & 0xff) << 8 | pt[at + 3] & 0xff;
            assertTrue(len >= 4 && at + len <= pt.length, "payload " + type + " of length " + len + " at " + at
                    + " in " + pt.length + " bytes: not a valid chain (wrong key or IV)");
            out.putIfAbsent(type, Arrays.copyOfRange(pt, at + 4, at + len));
            at += len;
            type = next;
        }
        assertFalse(out.isEmpty());
        return out;
    }

    // ---- the truth side ----

    private static Stream<Arguments> exchanges(Predicate<JsonNode> which) {
        List<Arguments> out = new ArrayList<>();
        try (Stream<Path> files = Files.list(LAB)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".truth.json")).sorted().toList()) {
                JsonNode truth = JSON.readTree(f.toFile());
                for (JsonNode e : truth.get("exchanges")) {
                    if (e.path("ike_version").asInt() == 1 && which.test(e)) {
                        ((com.fasterxml.jackson.databind.node.ObjectNode) e).put("pcap", truth.get("pcap").asText());
                        out.add(Arguments.of(Named.of(truth.get("scenario").asText() + " " + e.get("icookie").asText(), e)));
                    }
                }
            }
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        return out.stream();
    }

    /** The frame of the first message labelled {@code label} (MM5, AM2...), or 0. */
    private static long frameOf(JsonNode e, String label) {
        for (JsonNode m : e.get("messages")) {
            if (m.get("label").asText().equals(label)) {
                return m.get("frame").asLong();
            }
        }
        return 0;
    }

    /** The first encrypted quick-mode or informational message after MM6, or null (also when there is no MM6). */
    private static JsonNode firstPhase2AfterMm6(JsonNode e) {
        long mm6 = frameOf(e, "MM6");
        for (JsonNode m : e.get("messages")) {
            String label = m.get("label").asText();
            if (mm6 > 0 && m.get("frame").asLong() > mm6 && m.get("encrypted").asBoolean()
                    && (label.equals("quick") || label.equals("informational"))) {
                return m;
            }
        }
        return null;
    }

    /** The side whose daemon log a key set came from ("initiator charon log (ike 4)"). */
    private static Side sideOf(String source) {
        if (source.startsWith("initiator")) {
            return Side.INITIATOR;
        }
        assertTrue(source.startsWith("responder"), source);
        return Side.RESPONDER;
    }

    private static void assertHex(JsonNode expected, byte[] actual, String what) {
        assertNotNull(actual, what);
        assertEquals(expected.asText().toLowerCase(), HexFormat.of().formatHex(actual), what);
    }
}
