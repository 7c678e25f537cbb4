package org.ikescope.analyzer.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.ikescope.analyzer.exchange.Analyses;
import org.ikescope.analyzer.exchange.SyntheticCapture;
import org.ikescope.api.protocol.AuthMethod;
import org.ikescope.api.protocol.DhGroup;
import org.ikescope.api.protocol.ExchangeType;
import org.ikescope.api.protocol.IkeEncryptionAlgorithm;
import org.ikescope.api.protocol.IkeHashAlgorithm;
import org.ikescope.api.protocol.Ikev2EncryptionAlgorithm;
import org.ikescope.api.protocol.Ikev2IntegrityAlgorithm;
import org.ikescope.api.protocol.Ikev2PrfAlgorithm;
import org.ikescope.api.protocol.NotifyType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Schema version 2 (CHANGELOG.md): one JSON vocabulary in {@code dissect --format jsonl} and
 * {@code analyze --format json}, on real captures.
 */
class JsonVocabularyTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final Path LAB = Analyses.LAB;
    static final Path THIRDPARTY = Path.of("../dissector/src/test/resources/captures/thirdparty");
    static final List<String> PROPOSAL_MEMBERS = List.of("protocol", "spi", "encryption", "keyLength", "hash", "integrity", "prf", "auth",
            "group", "lifetimeSeconds", "lifetimeKilobytes", "proposalNumber", "transformNumber");

    @TempDir
    Path dir;

    static JsonNode analyze(Path capture) throws IOException {
        AnalyzeRun.Result r = AnalyzeRun.run("analyze", "--format", "json", capture.toString());
        assertEquals(0, r.exit(), r.err());
        return JSON.readTree(r.out());
    }

    static List<JsonNode> dissect(Path capture) throws IOException {
        AnalyzeRun.Result r = AnalyzeRun.run("dissect", "--format", "jsonl", capture.toString());
        assertEquals(0, r.exit(), r.err());
        List<JsonNode> out = new ArrayList<>();
        for (String line : r.out().split("\n")) {
            out.add(JSON.readTree(line));
        }
        return out;
    }

    /** The registry value {@code {"code":code,"name":name}}. */
    static JsonNode value(int code, String name) {
        return JSON.createObjectNode().put("code", code).put("name", name);
    }

    @Test
    void ikev1AndIkev2ProposalsHaveTheSameMembersAndIanaNames() throws IOException {
        JsonNode v1 = analyze(LAB.resolve("mm-aes256-sha256-modp2048.pcap")).get("exchanges").get(0);
        JsonNode v2 = analyze(LAB.resolve("ikev2-psk-ok.pcap")).get("exchanges").get(0);
        assertEquals(2, v2.get("version").asInt());
        for (JsonNode x : List.of(v1, v2)) {
            assertEquals(PROPOSAL_MEMBERS, AnalyzeCliTest.fieldNames(x.get("proposal")));
            for (JsonNode o : x.get("offered")) {
                assertEquals(PROPOSAL_MEMBERS, AnalyzeCliTest.fieldNames(o));
            }
        }

        JsonNode p1 = v1.get("proposal");
        assertEquals(value(7, IkeEncryptionAlgorithm.nameOf(7)), p1.get("encryption"));
        assertEquals(value(7, "AES-CBC"), p1.get("encryption"));
        assertEquals(256, p1.get("keyLength").asInt());
        assertEquals(value(4, IkeHashAlgorithm.nameOf(4)), p1.get("hash"));
        assertEquals(value(4, "SHA2-256"), p1.get("hash"));
        assertTrue(p1.get("integrity").isNull(), "IKEv1 phase 1 has a hash, not an integrity algorithm");
        assertTrue(p1.get("prf").isNull(), "no PRF attribute was sent");
        assertEquals(value(1, AuthMethod.nameOf(1)), p1.get("auth"));
        assertEquals(value(14, DhGroup.nameOf(14)), p1.get("group"));
        assertEquals(28800, p1.get("lifetimeSeconds").asInt());
        assertEquals(1, p1.get("transformNumber").asInt());

        JsonNode p2 = v2.get("proposal");
        assertEquals(value(12, Ikev2EncryptionAlgorithm.nameOf(12)), p2.get("encryption"));
        assertEquals(value(12, "ENCR_AES_CBC"), p2.get("encryption"));
        assertEquals(128, p2.get("keyLength").asInt());
        assertTrue(p2.get("hash").isNull(), "IKEv2 has no hash: its integrity algorithm is not one");
        assertEquals(value(12, Ikev2IntegrityAlgorithm.nameOf(12)), p2.get("integrity"));
        assertEquals(value(12, "AUTH_HMAC_SHA2_256_128"), p2.get("integrity"));
        assertEquals(value(5, Ikev2PrfAlgorithm.nameOf(5)), p2.get("prf"));
        assertEquals(value(5, "PRF_HMAC_SHA2_256"), p2.get("prf"));
        assertTrue(p2.get("auth").isNull());
        assertEquals(value(14, DhGroup.nameOf(14)), p2.get("group"));
        assertTrue(p2.get("transformNumber").isNull(), "IKEv2 transforms have no numbers");
        assertEquals(p1.get("group"), p2.get("group"), "one group name in both versions");
    }

    @Test
    void theGroupIsTheSameObjectInDissectAndAnalyze() throws IOException {
        // IKEv2: the DH transform of the responder's IKE_SA_INIT SA is the chosen proposal's group.
        Path v2 = LAB.resolve("ikev2-psk-ok.pcap");
        JsonNode chosen = analyze(v2).get("exchanges").get(0).get("proposal").get("group");
        JsonNode dh = null;
        for (JsonNode rec : dissect(v2)) {
            JsonNode i = rec.get("isakmp");
            if (i != null && i.get("exchangeType").get("code").asInt() == 34 && i.get("flags").get("response").asBoolean()) {
                for (JsonNode t : sa(i).get("proposals").get(0).get("transforms")) {
                    if (t.get("type").get("name").asText().equals("DH")) {
                        dh = t.get("id");
                    }
                }
            }
        }
        assertEquals(dh, chosen);
        assertEquals(value(14, "2048-bit MODP group"), chosen);

        // IKEv1: the Group-Description attribute of the responder's MM2 SA, by value and registry name.
        Path v1 = LAB.resolve("mm-aes256-sha256-modp2048.pcap");
        JsonNode group = analyze(v1).get("exchanges").get(0).get("proposal").get("group");
        JsonNode mm2 = dissect(v1).get(1).get("isakmp");
        JsonNode attribute = null;
        for (JsonNode a : sa(mm2).get("proposals").get(0).get("transforms").get(0).get("attributes")) {
            if (a.get("type").get("name").asText().equals("GROUP_DESCRIPTION")) {
                attribute = a;
            }
        }
        assertEquals(value(attribute.get("value").asInt(), attribute.get("valueName").asText()), group);
    }

    private static JsonNode sa(JsonNode isakmp) {
        for (JsonNode p : isakmp.get("payloads")) {
            if (p.has("sa")) {
                return p.get("sa");
            }
        }
        throw new AssertionError("no SA payload in " + isakmp);
    }

    @Test
    void notificationsAndExchangeTypesAreRegistryValues() throws IOException {
        JsonNode x = analyze(LAB.resolve("mm-noproposal.pcap")).get("exchanges").get(0);
        JsonNode npc = value(14, NotifyType.nameOf(14));
        assertEquals("NO_PROPOSAL_CHOSEN", npc.get("name").asText());
        JsonNode n = x.get("notifications").get(0);
        assertEquals(npc, n.get("type"));
        assertEquals(List.of("type", "frame", "from", "encrypted"), AnalyzeCliTest.fieldNames(n));
        JsonNode mm1 = x.get("messages").get(0);
        JsonNode answer = x.get("messages").get(1);
        assertEquals(value(2, ExchangeType.nameOf(2)), mm1.get("exchangeType"));
        assertEquals(value(5, ExchangeType.nameOf(5)), answer.get("exchangeType"));
        assertEquals(JSON.createArrayNode().add(npc), answer.get("notifications"));
        assertEquals(JSON.createArrayNode().add(npc), x.get("informational").get(0).get("notifications"));

        JsonNode v2 = analyze(LAB.resolve("ikev2-psk-ok.pcap")).get("exchanges").get(0);
        JsonNode init = v2.get("messages").get(0);
        assertEquals(value(34, "IKE_SA_INIT"), init.get("exchangeType"));
        assertEquals(value(16388, "NAT_DETECTION_SOURCE_IP"), init.get("notifications").get(0));
    }

    @Test
    void identitiesAndVendorIdsAreObjects() throws IOException {
        JsonNode am = analyze(LAB.resolve("am-psk-ok.pcap")).get("exchanges").get(0);
        JsonNode id = am.get("identities").get("initiator");
        assertEquals(value(2, "ID_FQDN"), id.get("type"));
        assertEquals("mobile1.example.net", id.get("value").asText());

        JsonNode mm = analyze(LAB.resolve("mm-aes256-sha256-modp2048.pcap")).get("exchanges").get(0);
        JsonNode vids = mm.get("initiator").get("vendorIds");
        assertEquals(JSON.createObjectNode().put("hex", "882fe56d6fd20dbc2251613b2ebe5beb").put("name", "strongSwan"), vids.get(0));
        assertEquals("draft-ietf-ipsec-nat-t-ike-02 (with trailing newline)", vids.get(vids.size() - 1).get("name").asText());

        JsonNode unknown = analyze(THIRDPARTY.resolve("ISAKMP_sa_setup.pcap")).get("exchanges").get(0);
        boolean seen = false;
        for (String side : List.of("initiator", "responder")) {
            for (JsonNode v : unknown.get(side).get("vendorIds")) {
                assertEquals(List.of("hex", "name"), AnalyzeCliTest.fieldNames(v));
                seen |= v.get("name").isNull() && v.get("hex").asText().equals("3ac5957214a85b93db6a509869fdb330");
            }
        }
        assertTrue(seen, "an unknown vendor ID is listed with its bytes and a null name");
    }

    @Test
    void bothOutputsStartWithTheSchemaVersion() throws IOException {
        Path cap = LAB.resolve("mm-aes256-sha256-modp2048.pcap");
        JsonNode doc = analyze(cap);
        assertEquals(List.of("schemaVersion", "exchanges", "findings", "stats"), AnalyzeCliTest.fieldNames(doc));
        assertEquals(2, doc.get("schemaVersion").asInt());
        List<JsonNode> records = dissect(cap);
        assertTrue(records.get(records.size() - 1).has("stats"));
        for (JsonNode rec : records) {
            assertEquals("schemaVersion", rec.fieldNames().next(), rec.toString());
            assertEquals(2, rec.get("schemaVersion").asInt());
        }
    }

    @Test
    void anUnassignedExchangeTypeIsNamedByItsRangeEverywhere() throws IOException {
        Path cap = dir.resolve("unassigned.pcap");
        try (SyntheticCapture c = new SyntheticCapture(cap, 5)) {
            c.udp(0, 0xc6336401, 500, 0xcb007109, 500, c.isakmp(77, 88, 190, 0, false, 0, 0, new int[0], new byte[0][]));
        }
        assertEquals("UNASSIGNED", ExchangeType.nameOf(190));
        JsonNode unassigned = value(190, "UNASSIGNED");
        assertEquals(unassigned, dissect(cap).get(0).get("isakmp").get("exchangeType"));
        AnalyzeRun.Result text = AnalyzeRun.run("dissect", cap.toString());
        assertTrue(text.out().contains("IKEv1 UNASSIGNED (190)"), text.out());
        JsonNode m = analyze(cap).get("exchanges").get(0).get("messages").get(0);
        assertEquals(unassigned, m.get("exchangeType"));
        assertEquals("UNASSIGNED", m.get("step").asText());
    }
}
