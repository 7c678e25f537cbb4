package org.ikescope.dissector.session;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.ikescope.api.plugin.ExchangeMode;
import org.ikescope.api.plugin.Side;
import org.ikescope.api.protocol.DhGroup;
import org.ikescope.api.protocol.IkeHashAlgorithm;
import org.ikescope.dissector.capture.Captures;
import org.ikescope.dissector.capture.PacketSource;
import org.ikescope.dissector.event.DissectionListener;
import org.ikescope.dissector.event.MessageEvent;
import org.ikescope.dissector.isakmp.IsakmpDecoder;
import org.ikescope.dissector.isakmp.IsakmpMessage;
import org.ikescope.dissector.isakmp.NatTraversalNumbering;
import org.ikescope.dissector.isakmp.Suite;
import org.ikescope.dissector.model.Endpoint;
import org.ikescope.dissector.model.Addresses;
import org.ikescope.dissector.pipeline.Dissector;
import org.ikescope.dissector.pipeline.TestCaptures;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The per-SA sessions against the lab's truth files (taken from the daemons' logs): every message
 * of every exchange belongs to the session of its initiator cookie, the session's initiator,
 * responder cookie, mode and chosen suite are the truth's, and each message's sender side is the
 * truth's. Then the bounds: the cap, the idle timeout, tombstones, and KE/nonce retention.
 */
class SaSessionsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TestFactory
    Stream<DynamicTest> sessionsAgreeWithTheDaemonsLogs() throws IOException {
        List<Path> truths;
        try (Stream<Path> s = Files.list(TestCaptures.path("lab"))) {
            truths = s.filter(p -> p.toString().endsWith(".truth.json")).sorted().toList();
        }
        assertTrue(truths.size() >= 30, "lab truth files missing: " + truths.size());
        return truths.stream().map(t -> DynamicTest.dynamicTest(t.getFileName().toString(), () -> check(t)));
    }

    private static void check(Path truthFile) throws IOException {
        JsonNode truth = JSON.readTree(truthFile.toFile());
        Path pcap = truthFile.resolveSibling(truth.get("pcap").asText());
        Map<Long, MessageEvent> byFrame = new HashMap<>();
        Dissector d = new Dissector(Dissector.Options.defaults());
        try (PacketSource src = Captures.open(pcap.toString())) {
            d.run(src, new DissectionListener() {
                @Override
                public void message(MessageEvent e) {
                    if (!e.quotedByIcmp() && e.ikeFragmentFrames().isEmpty()) {
                        byFrame.putIfAbsent(e.frame(), e);
                    }
                }
            });
        }
        for (JsonNode x : truth.get("exchanges")) {
            long ispi = Long.parseUnsignedLong(x.get("icookie").asText(), 16);
            byte[] initiator = Addresses.parse(x.get("initiator").get("addr").asText());
            byte[] responder = Addresses.parse(x.get("responder").get("addr").asText());
            SaSession s = d.sessions().find(ispi, initiator, responder);
            String what = truthFile.getFileName() + " " + x.get("icookie").asText();
            assertNotNull(s, what + ": no session");
            assertArrayEquals(initiator, s.initiatorAddress(), what + ": initiator");
            assertArrayEquals(responder, s.responderAddress(), what + ": responder");
            assertFalse(s.rolesInferred(), what);
            String rcookie = x.path("rcookie").asText("");
            if (!rcookie.isEmpty() && !rcookie.equals("0000000000000000")) {
                assertEquals(Long.parseUnsignedLong(rcookie, 16), s.responderCookie(), what + ": responder cookie");
            }
            String mode = x.get("ike_version").asInt() == 2 ? "ikev2" : x.get("exchange_type").asText();
            assertEquals(mode, s.mode().label(), what + ": mode");
            JsonNode n = x.get("negotiated");
            if (n != null && !n.isNull() && n.has("hash") && x.get("ike_version").asInt() == 1) {
                Suite c = s.chosen();
                assertNotNull(c, what + ": chosen suite");
                assertEquals(n.path("key_length").asInt(0), c.keyLength(), what + ": key length");
                assertEquals(hashCode(n.get("hash").asText()), c.hash(), what + ": hash");
                String group = n.get("dh_group").asText();
                assertEquals(Integer.parseInt(group.substring(group.indexOf('(') + 1, group.indexOf(')'))), c.group(),
                        what + ": group");
                assertEquals(IkeHashAlgorithm.of(c.hash()), s.phase1Hash(), what + ": phase-1 hash");
            }
            for (JsonNode m : x.get("messages")) {
                MessageEvent e = byFrame.get(m.get("frame").asLong());
                if (e == null) {
                    continue; // an IP fragment or a message the truth lists at another frame
                }
                assertSame(s, e.session(), what + " frame " + m.get("frame") + ": session");
                assertEquals(m.get("from").asText(), e.from().label(), what + " frame " + m.get("frame") + ": sender");
            }
        }
    }

    private static int hashCode(String truthName) {
        return switch (truthName.toUpperCase(Locale.ROOT)) {
            case "MD5" -> IkeHashAlgorithm.MD5.code();
            case "SHA1" -> IkeHashAlgorithm.SHA.code();
            case "SHA2-256" -> IkeHashAlgorithm.SHA2_256.code();
            case "SHA2-384" -> IkeHashAlgorithm.SHA2_384.code();
            case "SHA2-512" -> IkeHashAlgorithm.SHA2_512.code();
            default -> throw new AssertionError("hash " + truthName);
        };
    }

    // ------------------------------------------------------------------ bounds, on one real MM1..MM4

    private static final byte[] A = {10, 0, 0, 1};
    private static final byte[] B = {10, 0, 0, 2};

    /** The first four messages of a real main mode (strongSwan, MODP1024). */
    private static List<IsakmpMessage> mainMode() throws IOException {
        List<IsakmpMessage> out = new ArrayList<>();
        Dissector d = new Dissector(Dissector.Options.defaults());
        try (PacketSource src = Captures.open(TestCaptures.path("lab/mm-aes128-sha1-modp1024.pcap").toString())) {
            d.run(src, new DissectionListener() {
                @Override
                public void message(MessageEvent e) {
                    if (out.size() < 4) {
                        out.add(e.message());
                    }
                }
            });
        }
        return out;
    }

    @Test
    void saPayloadsOfEqualBytesShareTheirSuites() throws IOException {
        List<IsakmpMessage> mm = mainMode();
        IsakmpMessage mm1 = mm.get(0);
        IsakmpMessage again = withCookie(mm1, 0x1122334455667788L);
        SuiteInterner suites = new SuiteInterner();
        org.ikescope.dissector.isakmp.Payload sa = mm1.first(1);
        List<Suite> first = suites.all(mm1, sa);
        assertEquals(Suite.all(sa.body()), first, "the suites Suite.all makes of the body");
        assertFalse(first.isEmpty());
        // Another SA (another cookie), the same SA payload bytes: the same shared list.
        assertSame(first, suites.all(again, again.first(1)));
        // MM2's SA payload is other bytes: its own suites, each the shared copy of an equal one.
        IsakmpMessage mm2 = mm.get(1);
        List<Suite> chosen = suites.all(mm2, mm2.first(1));
        assertEquals(Suite.all(mm2.first(1).body()), chosen);
        assertSame(chosen, suites.all(mm2, mm2.first(1)));
        assertEquals(first.get(0).equals(chosen.get(0)), first.get(0) == chosen.get(0), "equal suites are one copy");
    }

    private static IsakmpMessage withCookie(IsakmpMessage m, long ispi) {
        byte[] b = m.bytes().clone();
        ByteBuffer.wrap(b).putLong(0, ispi);
        return new IsakmpDecoder().decode(b, new NatTraversalNumbering(), 0);
    }

    private static SaSession feed(SaSessions t, IsakmpMessage m, byte[] src, byte[] dst, long now) {
        SaSession s = t.open(m, new Endpoint(src, 500), new Endpoint(dst, 500), new NatTraversalNumbering());
        t.observe(s, m, s.sideOf(src), now);
        return s;
    }

    @Test
    void rolesFromTheFirstMessageAndAGuessWhenItIsALaterOne() throws IOException {
        List<IsakmpMessage> mm = mainMode();
        SaSessions t = new SaSessions(SaSessions.Options.defaults());
        SaSession s = feed(t, mm.get(0), A, B, 0);
        assertEquals(ExchangeMode.MAIN, s.mode());
        assertNull(s.chosen());
        assertEquals(IkeHashAlgorithm.SHA, s.phase1Hash(), "before MM2: the one hash every offered suite names");
        assertFalse(s.rolesInferred());
        assertSame(s, feed(t, mm.get(1), B, A, 1), "MM2 from the responder joins the SA");
        assertEquals(Side.RESPONDER, s.sideOf(B));
        assertEquals(mm.get(1).responderCookie(), s.responderCookie());
        assertEquals(1, s.offered().size());
        assertEquals(DhGroup.MODP_1024.code(), s.chosen().group());

        // A capture that starts at MM2: its sender is taken for the initiator, and the responder's address finds it too.
        SaSessions late = new SaSessions(SaSessions.Options.defaults());
        SaSession guessed = feed(late, mm.get(1), B, A, 0);
        assertTrue(guessed.rolesInferred());
        assertArrayEquals(B, guessed.initiatorAddress());
        assertSame(guessed, late.find(mm.get(1).initiatorCookie(), A, A));
    }

    @Test
    void keyExchangeAndNoncesOnlyWhenAsked() throws IOException {
        List<IsakmpMessage> mm = mainMode();
        SaSessions plain = new SaSessions(SaSessions.Options.defaults());
        SaSessions keep = new SaSessions(new SaSessions.Options(16, Long.MAX_VALUE, true));
        for (SaSessions t : List.of(plain, keep)) {
            for (int i = 0; i < 4; i++) {
                feed(t, mm.get(i), i % 2 == 0 ? A : B, i % 2 == 0 ? B : A, i);
            }
        }
        SaSession p = plain.find(mm.get(0).initiatorCookie(), A, B);
        SaSession k = keep.find(mm.get(0).initiatorCookie(), A, B);
        assertNull(p.keyExchange(Side.INITIATOR));
        assertNull(p.nonce(Side.RESPONDER));
        // MODP1024: g^x is 128 bytes; strongSwan's nonces are 32.
        assertEquals(128, k.keyExchange(Side.INITIATOR).length);
        assertEquals(128, k.keyExchange(Side.RESPONDER).length);
        assertEquals(32, k.nonce(Side.INITIATOR).length);
        assertFalse(java.util.Arrays.equals(k.nonce(Side.INITIATOR), k.nonce(Side.RESPONDER)));
        assertNull(k.keys(), "the key slot stays empty until decryption fills it");
        // SAi_b: the body of MM1's SA payload (its generic header is 4 bytes before it).
        var sa = mm.get(0).payloads().get(0);
        assertArrayEquals(java.util.Arrays.copyOfRange(mm.get(0).bytes(), sa.offset() + 4, sa.offset() + sa.length()),
                k.initiatorSaBody());
        assertNull(p.initiatorSaBody());
    }

    @Test
    void theCapEvictsTheLeastRecentlyActiveAndItsRolesSurvive() throws IOException {
        IsakmpMessage mm1 = mainMode().get(0);
        SaSessions t = new SaSessions(new SaSessions.Options(2, Long.MAX_VALUE, false));
        SaSession first = feed(t, withCookie(mm1, 1), A, B, 0);
        feed(t, withCookie(mm1, 2), A, B, 1);
        feed(t, withCookie(mm1, 1), A, B, 2); // the first becomes the most recent
        feed(t, withCookie(mm1, 3), A, B, 3); // evicts cookie 2
        assertEquals(2, t.size());
        assertEquals(1, t.evicted());
        assertNull(t.find(2, A, B));
        assertSame(first, t.find(1, A, B));
        // A later message of the evicted SA from the responder's side: the tombstone keeps who initiated.
        IsakmpMessage fromResponder = withCookie(mainMode().get(1), 2);
        SaSession reopened = t.open(fromResponder, new Endpoint(B, 500), new Endpoint(A, 500), new NatTraversalNumbering());
        assertEquals(1, t.reopened());
        assertArrayEquals(A, reopened.initiatorAddress());
        assertFalse(reopened.rolesInferred());
    }

    @Test
    void idleSessionsExpire() throws IOException {
        IsakmpMessage mm1 = mainMode().get(0);
        SaSessions t = new SaSessions(new SaSessions.Options(16, 10, false));
        SaSession s = feed(t, mm1, A, B, 100);
        t.expire(110);
        assertSame(s, t.find(mm1.initiatorCookie(), A, B), "10 ns idle is not yet more than the timeout");
        t.expire(111);
        assertNull(t.find(mm1.initiatorCookie(), A, B));
        assertEquals(1, t.expired());
        assertNotSame(s, feed(t, mm1, A, B, 200));
    }
}
