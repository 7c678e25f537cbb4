package org.ikescope.dissector.isakmp;

import java.nio.ByteBuffer;
import java.util.List;
import org.ikescope.api.protocol.PayloadType;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;


/**
 * Payload body decoders against hex fixtures. Expected values of the capture-derived fixtures are
 * what {@code tshark -V} prints for the same bytes (see each fixture's header).
 */
class PayloadDecodersTest {

    @Nested
    class SecurityAssociation {
        @Test
        void mainModeProposalMatchesTshark() {
            Fixtures.Decoded d = Fixtures.v1(PayloadType.SA.code(), "sa-mm1-aes128-sha1");
            assertEquals(List.of(), d.codes());
            SaBody sa = assertInstanceOf(SaBody.class, d.body());
            assertEquals("sa", sa.key());
            assertEquals(1, sa.doi());
            assertEquals(1, sa.situation());
            assertTrue(sa.phase1());
            Proposal p = sa.proposals().get(0);
            assertEquals(1, p.number());
            assertEquals(1, p.protocolId());
            assertEquals(0, p.spiSize());
            assertEquals(1, p.transformCount());
            Transform t = sa.firstTransform();
            assertEquals("KEY_IKE", t.idName());
            assertEquals(7, t.encryption());
            assertEquals(128, t.keyLength());
            assertEquals(2, t.hash());
            assertEquals(2, t.group());
            assertEquals(1, t.authMethod());
            assertEquals(28800, t.lifeSeconds());
            assertEquals(-1, t.lifeKilobytes());
            assertEquals(-1, t.prf());
            assertEquals(-1, t.attribute(20));
            assertEquals(7, t.attributes().size());
        }

        @Test
        void attributeJsonContract() {
            String json = Fixtures.v1(PayloadType.SA.code(), "sa-mm1-aes128-sha1").json();
            assertTrue(json.startsWith("{\"type\":{\"code\":1,\"name\":\"SA\"},\"length\":56,\"sa\":{"
                    + "\"doi\":{\"code\":1,\"name\":\"IPSEC\"},\"situation\":1,\"proposals\":[{\"number\":1,"
                    + "\"protocolId\":{\"code\":1,\"name\":\"PROTO_ISAKMP\"},\"spiSize\":0,\"transformCount\":1,"
                    + "\"transforms\":[{\"number\":1,\"id\":{\"code\":1,\"name\":\"KEY_IKE\"},\"attributes\":["
                    + "{\"type\":{\"code\":1,\"name\":\"ENCRYPTION_ALGORITHM\"},\"value\":7,\"valueName\":\"AES-CBC\"},"), json);
            assertTrue(json.contains("{\"type\":{\"code\":12,\"name\":\"LIFE_DURATION\"},\"value\":28800}"), json);
        }

        @Test
        void tlvLifeDurationIsANumber() {
            Fixtures.Decoded d = Fixtures.v1(PayloadType.SA.code(), "sa-ikescan-tlv-life");
            assertEquals(List.of(), d.codes());
            Transform t = ((SaBody) d.body()).firstTransform();
            assertEquals(5, t.encryption());
            assertEquals(-1, t.keyLength());
            assertEquals(28800, t.lifeSeconds());
            Attribute life = t.attributes().get(5);
            assertFalse(life.tv());
            assertEquals(4, life.length());
            assertTrue(d.json().contains("{\"type\":{\"code\":12,\"name\":\"LIFE_DURATION\"},\"length\":4,\"value\":28800}"),
                    d.json());
        }

        @Test
        void quickModeEspProposal() {
            Fixtures.Decoded d = Fixtures.v1(PayloadType.SA.code(), "sa-esp-phase2");
            assertEquals(List.of(), d.codes());
            SaBody sa = (SaBody) d.body();
            assertFalse(sa.phase1());
            Proposal p = sa.proposals().get(0);
            assertEquals(3, p.protocolId());
            assertEquals("c0ffee01", p.spiHex());
            assertEquals(2, p.transforms().size());
            Transform aes = p.transforms().get(0);
            assertEquals("ESP_AES", aes.idName());
            assertEquals(12, aes.encryption());
            assertEquals(256, aes.keyLength());
            assertEquals(1, aes.encapsulationMode());
            assertEquals(5, aes.authAlgorithm());
            assertEquals(14, aes.group());
            assertEquals(-1, aes.hash());
            assertEquals(3600, aes.lifeSeconds());
            assertEquals(4608000, aes.lifeKilobytes());
            Transform des = p.transforms().get(1);
            assertEquals("ESP_3DES", des.idName());
            assertEquals(2, des.authAlgorithm());
            String json = d.json();
            assertTrue(json.contains("{\"type\":{\"code\":4,\"name\":\"ENCAPSULATION_MODE\"},\"value\":1,\"valueName\":\"Tunnel\"}"), json);
            assertTrue(json.contains("{\"type\":{\"code\":2,\"name\":\"SA_LIFE_DURATION\"},\"length\":8,\"value\":4608000}"), json);
            assertEquals(2, sa.transforms().size());
        }

        @Test
        void ikev2ProposalMatchesTshark() {
            Fixtures.Decoded d = Fixtures.v2(PayloadType.V2_SA.code(), "sa-ikev2-init");
            assertEquals(List.of(), d.codes());
            Ikev2SaBody sa = assertInstanceOf(Ikev2SaBody.class, d.body());
            Ikev2Proposal p = sa.proposals().get(0);
            assertEquals(1, p.protocolId());
            assertEquals(4, p.transforms().size());
            Ikev2Transform encr = p.transforms(Ikev2Transform.ENCR).get(0);
            assertEquals("ENCR_AES_CBC", encr.idName());
            assertEquals(128, encr.keyLength());
            assertEquals("AUTH_HMAC_SHA2_256_128", p.transforms(Ikev2Transform.INTEG).get(0).idName());
            assertEquals("PRF_HMAC_SHA2_256", p.transforms(Ikev2Transform.PRF).get(0).idName());
            assertEquals(14, p.transforms(Ikev2Transform.DH).get(0).id());
            assertTrue(d.json().contains("{\"type\":{\"code\":1,\"name\":\"ENCR\"},\"id\":{\"code\":12,\"name\":\"ENCR_AES_CBC\"},"
                    + "\"attributes\":[{\"type\":{\"code\":14,\"name\":\"KEY_LENGTH\"},\"value\":128}]}"), d.json());
        }
    }

    @Nested
    class Identification {
        @Test
        void ipv4JsonContract() {
            Fixtures.Decoded d = Fixtures.v1(PayloadType.ID.code(), "id-ipv4");
            assertEquals(List.of(), d.codes());
            assertTrue(d.json().startsWith("{\"type\":{\"code\":5,\"name\":\"ID\"},\"length\":12,\"id\":"
                    + "{\"type\":{\"code\":1,\"name\":\"ID_IPV4_ADDR\"},\"value\":\"198.51.100.7\""), d.json());
        }

        @Test
        void fqdnFromAggressiveMode() {
            IdBody id = (IdBody) Fixtures.v1(PayloadType.ID.code(), "id-fqdn-am1").body();
            assertEquals("ID_FQDN", id.typeName());
            assertEquals("mobile1.example.net", id.value());
            assertEquals(0, id.protocolId());
            assertEquals(0, id.port());
        }

        @Test
        void protocolAndPort() {
            IdBody id = (IdBody) Fixtures.v1(PayloadType.ID.code(), "id-ipv4-udp500").body();
            assertEquals("192.0.2.101", id.value());
            assertEquals(17, id.protocolId());
            assertEquals(500, id.port());
        }

        @Test
        void subnetsRangesAndV6() {
            assertEquals("192.168.1.0/255.255.255.0", value(1, PayloadType.ID.code(), "id-ipv4-subnet"));
            assertEquals("2001:db8::/64", value(1, PayloadType.ID.code(), "id-ipv6-subnet"));
            assertEquals("10.0.0.1-10.0.0.254", value(1, PayloadType.ID.code(), "id-ipv4-range"));
            assertEquals("2001:db8::1", value(1, PayloadType.ID.code(), "id-ipv6"));
            assertEquals("carol@strongswan.org", value(2, PayloadType.IDI.code(), "id-ikev2-rfc822"));
        }

        @Test
        void distinguishedName() {
            Fixtures.Decoded d = Fixtures.v1(PayloadType.ID.code(), "id-der-dn");
            assertEquals(List.of(), d.codes());
            assertEquals("C=XX, O=Example-Branch, CN=Example-Branch Root CA", ((IdBody) d.body()).value());
        }

        @Test
        void nonPrintableBytesAreEscapedAndKeyIdIsHex() {
            assertEquals("bob@ex\\x0a", value(1, PayloadType.ID.code(), "id-user-fqdn-control"));
            Fixtures.Decoded d = Fixtures.v1(PayloadType.ID.code(), "id-key-id");
            assertNull(((IdBody) d.body()).value());
            assertTrue(d.json().contains("\"value\":\"0102abcd\""), d.json());
        }

        @Test
        void ikev2IdHasNoPortOrProtocol() {
            Fixtures.Decoded d = Fixtures.v2(PayloadType.IDI.code(), "id-ikev2-rfc822");
            assertEquals("{\"type\":{\"code\":35,\"name\":\"IDi\"},\"length\":28,\"id\":{\"type\":{\"code\":3,"
                    + "\"name\":\"ID_RFC822_ADDR\"},\"value\":\"carol@strongswan.org\"}}", d.json());
        }

        private String value(int major, int type, String fixture) {
            Fixtures.Decoded d = Fixtures.decode(major, 2, type, fixture);
            assertEquals(List.of(), d.codes());
            return ((IdBody) d.body()).value();
        }
    }

    @Nested
    class Notification {
        @Test
        void initialContactJsonContract() {
            Fixtures.Decoded d = Fixtures.decode(1, 5, PayloadType.N.code(), "notify-initial-contact");
            assertEquals(List.of(), d.codes());
            assertTrue(d.json().startsWith("{\"type\":{\"code\":11,\"name\":\"N\"},\"length\":28,\"notify\":"
                    + "{\"type\":{\"code\":24578,\"name\":\"INITIAL_CONTACT\"}"), d.json());
            NotifyBody n = (NotifyBody) d.body();
            assertEquals("df82e8299aff4b6f1122334455667788", n.spiHex());
            assertFalse(n.error());
        }

        @Test
        void noProposalChosenMatchesTshark() {
            NotifyBody n = (NotifyBody) Fixtures.decode(1, 5, PayloadType.N.code(), "notify-no-proposal").body();
            assertEquals(14, n.type());
            assertEquals("NO_PROPOSAL_CHOSEN", n.typeName());
            assertTrue(n.error());
            assertEquals(1, n.doi());
            assertEquals(1, n.protocolId());
            assertEquals(16, n.spiSize());
            assertEquals(0, n.dataLength());
        }

        @Test
        void dpdSequenceNumber() {
            Fixtures.Decoded d = Fixtures.decode(1, 5, PayloadType.N.code(), "notify-r-u-there");
            assertEquals(List.of(), d.codes());
            NotifyBody n = (NotifyBody) d.body();
            assertEquals("R_U_THERE", n.typeName());
            assertEquals(42, n.sequenceNumber());
            assertTrue(d.json().contains("\"sequenceNumber\":42"), d.json());
        }

        @Test
        void ikev2NotifyMatchesTshark() {
            Fixtures.Decoded d = Fixtures.v2(PayloadType.V2_N.code(), "notify-ikev2-signature-hash");
            assertEquals(List.of(), d.codes());
            NotifyBody n = (NotifyBody) d.body();
            assertEquals("SIGNATURE_HASH_ALGORITHMS", n.typeName());
            assertEquals("0002000300040005", n.dataHex());
            assertEquals("{\"type\":{\"code\":41,\"name\":\"N\"},\"length\":16,\"notify\":{\"type\":{\"code\":16431,"
                    + "\"name\":\"SIGNATURE_HASH_ALGORITHMS\"},\"protocolId\":{\"code\":0,\"name\":\"RESERVED\"},"
                    + "\"spiSize\":0,\"data\":\"0002000300040005\"}}", d.json());
        }
    }

    @Nested
    class Delete {
        @Test
        void isakmpSaByCookies() {
            Fixtures.Decoded d = Fixtures.decode(1, 5, PayloadType.D.code(), "delete-isakmp");
            assertEquals(List.of(), d.codes());
            DeleteBody del = (DeleteBody) d.body();
            assertEquals(1, del.protocolId());
            assertEquals(16, del.spiSize());
            assertEquals(List.of("df82e8299aff4b6f1122334455667788"), del.spis());
        }

        @Test
        void espSpis() {
            Fixtures.Decoded d = Fixtures.decode(1, 5, PayloadType.D.code(), "delete-esp-two");
            assertEquals(List.of(), d.codes());
            assertEquals(List.of("c0ffee01", "c0ffee02"), ((DeleteBody) d.body()).spis());
            assertTrue(d.json().contains("\"spis\":[\"c0ffee01\",\"c0ffee02\"]"), d.json());
        }

        @Test
        void ikev2IkeSa() {
            Fixtures.Decoded d = Fixtures.decode(2, 37, PayloadType.V2_D.code(), "delete-ikev2-ike");
            assertEquals(List.of(), d.codes());
            DeleteBody del = (DeleteBody) d.body();
            assertEquals(1, del.protocolId());
            assertEquals(List.of(), del.spis());
        }
    }

    @Nested
    class VendorIds {
        @Test
        void rfc3947JsonContractAndNatTraversal() {
            Fixtures.Decoded d = Fixtures.v1(PayloadType.VID.code(), "vid-rfc3947");
            assertEquals("{\"type\":{\"code\":13,\"name\":\"VID\"},\"length\":20,\"vendorId\":{\"hex\":"
                    + "\"4a131c81070358455c5728f20e95452f\",\"name\":\"RFC 3947 NAT-T\"}}", d.json());
            assertTrue(d.sa().rfc());
        }

        @Test
        void draftNatTraversalIsRecorded() {
            Fixtures.Decoded d = Fixtures.v1(PayloadType.VID.code(), "vid-draft-02n");
            assertEquals(2, d.sa().draft());
            assertFalse(d.sa().rfc());
        }

        @Test
        void implementationAndUnknown() {
            Fixtures.Decoded sw = Fixtures.v1(PayloadType.VID.code(), "vid-strongswan");
            VendorIdBody v = (VendorIdBody) sw.body();
            assertEquals("strongSwan", v.name());
            assertEquals("strongswan", v.implementation());
            assertTrue(sw.json().endsWith("\"name\":\"strongSwan\",\"implementation\":\"strongswan\"}}"), sw.json());
            Fixtures.Decoded unknown = Fixtures.v1(PayloadType.VID.code(), "vid-unknown");
            assertNull(((VendorIdBody) unknown.body()).name());
            assertTrue(unknown.json().endsWith("\"hex\":\"0011223344556677\",\"name\":null}}"), unknown.json());
            assertEquals(-1, unknown.sa().draft());
        }
    }

    @Nested
    class Certificates {
        @Test
        void certificateRequestAuthority() {
            Fixtures.Decoded d = Fixtures.v1(PayloadType.CR.code(), "cr-x509");
            assertEquals(List.of(), d.codes());
            CertBody cr = (CertBody) d.body();
            assertEquals("certRequest", cr.key());
            assertEquals(4, cr.encoding());
            assertEquals("C=XX, O=Example-Branch, CN=Example-Branch Root CA", cr.subject());
        }

        @Test
        void certificateSubjectAndIssuerMatchOpenssl() {
            Fixtures.Decoded d = Fixtures.v1(PayloadType.CERT.code(), "cert-x509");
            assertEquals(List.of(), d.codes());
            CertBody c = (CertBody) d.body();
            assertEquals(1154, c.dataLength());
            assertEquals("C=XX, O=Example-Branch, CN=Example-Branch VPN Issuing CA", c.subject());
            assertEquals("C=XX, O=Example-Branch, CN=Example-Branch Root CA", c.issuer());
        }
    }

    @Nested
    class ModeConfig {
        @Test
        void passwordNeverAppears() {
            Fixtures.Decoded d = Fixtures.decode(1, 6, PayloadType.ATTR.code(), "attr-xauth-reply");
            assertEquals(List.of(), d.codes());
            ConfigBody c = (ConfigBody) d.body();
            assertEquals(2, c.type());
            assertEquals(0x1234, c.identifier());
            assertEquals("alice", c.attribute(16521).text());
            Attribute pw = c.attribute(16522);
            assertTrue(pw.hidden());
            String json = d.json();
            assertFalse(json.contains("s3cret"), json);
            assertFalse(json.contains("73336372657421"), json);
            assertFalse(pw.summary().contains("s3cret"));
            assertTrue(json.contains("{\"type\":{\"code\":16522,\"name\":\"XAUTH_USER_PASSWORD\"},\"length\":7,"
                    + "\"value\":\"<hidden>\"}"), json);
            assertTrue(json.contains("{\"type\":{\"code\":16520,\"name\":\"XAUTH_TYPE\"},\"value\":0,\"valueName\":\"Generic\"}"), json);
        }

        @Test
        void emptyRequestAttributesAreLegal() {
            Fixtures.Decoded d = Fixtures.decode(1, 6, PayloadType.ATTR.code(), "attr-cfg-request");
            assertEquals(List.of(), d.codes());
            ConfigBody c = (ConfigBody) d.body();
            assertEquals(3, c.attributes().size());
            assertEquals("UNITY_BANNER", c.attributes().get(2).typeName());
        }

        @Test
        void replyValues() {
            Fixtures.Decoded d = Fixtures.decode(1, 6, PayloadType.ATTR.code(), "attr-cfg-reply");
            assertEquals(List.of(), d.codes());
            ConfigBody c = (ConfigBody) d.body();
            assertEquals("10.0.0.5", c.attribute(1).text());
            assertEquals("255.255.255.0", c.attribute(2).text());
            assertEquals("OK", c.attribute(16527).valueName());
        }

        @Test
        void ikev2ConfigurationPayload() {
            Fixtures.Decoded d = Fixtures.decode(2, 35, PayloadType.CP.code(), "cp-ikev2");
            assertEquals(List.of(), d.codes());
            assertEquals("10.3.0.1", ((ConfigBody) d.body()).attribute(1).text());
        }
    }

    @Nested
    class Others {
        @Test
        void natOa() {
            Fixtures.Decoded d = Fixtures.decode(1, 32, PayloadType.NAT_OA.code(), "nat-oa-ipv4");
            assertEquals(List.of(), d.codes());
            assertEquals("192.168.1.10", ((NatOaBody) d.body()).address());
        }

        @Test
        void draftPayload16IsNatOaOnlyInPhase1() {
            assertInstanceOf(NatOaBody.class, Fixtures.decode(1, 2, 16, "nat-oa-ipv4").body());
            assertInstanceOf(BytesBody.class, Fixtures.decode(1, 32, 16, "nat-oa-ipv4").body());
            assertEquals("NAT_OA_DRAFT", Fixtures.decode(1, 4, 16, "nat-oa-ipv4").payload().name());
        }

        @Test
        void natDIsAHash() {
            BytesBody b = (BytesBody) Fixtures.v1(PayloadType.NAT_D.code(), "vid-rfc3947").body();
            assertEquals("natD", b.key());
            assertEquals("natD", Fixtures.v1(PayloadType.NAT_D_DRAFT.code(), "vid-rfc3947").body().key());
        }

        @Test
        void trafficSelectors() {
            Fixtures.Decoded d = Fixtures.decode(2, 35, PayloadType.TSI.code(), "ts-ikev2");
            assertEquals(List.of(), d.codes());
            TsBody ts = (TsBody) d.body();
            assertEquals(2, ts.selectors().size());
            TrafficSelector v4 = ts.selectors().get(0);
            assertEquals("10.0.0.0", v4.startAddress());
            assertEquals("10.255.255.255", v4.endAddress());
            assertEquals(65535, v4.endPort());
            TrafficSelector v6 = ts.selectors().get(1);
            assertEquals(17, v6.ipProtocol());
            assertEquals(500, v6.startPort());
            assertEquals("2001:db8::", v6.startAddress());
            assertEquals("2001:db8:ffff:ffff:ffff:ffff:ffff:ffff", v6.endAddress());
        }

        @Test
        void ikev2KeAuthSkf() {
            KeBody ke = (KeBody) Fixtures.v2(PayloadType.V2_KE.code(), "ke-ikev2").body();
            assertEquals(14, ke.dhGroup());
            assertEquals(8, ke.dataLength());
            Fixtures.Decoded auth = Fixtures.decode(2, 35, PayloadType.AUTH.code(), "auth-ikev2");
            assertEquals("{\"type\":{\"code\":39,\"name\":\"AUTH\"},\"length\":16,\"auth\":{\"method\":{\"code\":2,"
                    + "\"name\":\"SHARED_KEY_MESSAGE_INTEGRITY_CODE\"},\"length\":8}}", auth.json());
            EncryptedBody skf = (EncryptedBody) Fixtures.decode(2, 35, PayloadType.SKF.code(), "skf-ikev2").body();
            assertEquals(1, skf.fragmentNumber());
            assertEquals(3, skf.totalFragments());
            assertEquals(8, skf.length());
            EncryptedBody sk = (EncryptedBody) Fixtures.decode(2, 35, PayloadType.SK.code(), "skf-ikev2").body();
            assertEquals("{\"type\":{\"code\":46,\"name\":\"SK\"},\"length\":16,\"encrypted\":{\"length\":12}}",
                    JsonTestSink.json(Fixtures.decode(2, 35, PayloadType.SK.code(), "skf-ikev2").payload()));
            assertEquals(-1, sk.fragmentNumber());
        }

        @Test
        void ikev1KeIsData() {
            KeBody ke = (KeBody) Fixtures.v1(PayloadType.KE.code(), "ke-ikev2").body();
            assertEquals(-1, ke.dhGroup());
            assertEquals(12, ke.dataLength());
        }
    }

    @Nested
    class WholeMessage {
        @Test
        void mainMode1ThroughTheDecoder() {
            IsakmpDecoder decoder = new IsakmpDecoder();
            NatTraversalNumbering natT = new NatTraversalNumbering();
            IsakmpMessage msg = decoder.decode(ByteBuffer.wrap(Fixtures.hex("message-mm1")), natT);
            assertEquals(List.of(), msg.diagnostics());
            assertEquals(7, msg.payloads().size());
            SaBody sa = (SaBody) msg.payloads().get(0).body();
            assertEquals(7, sa.firstTransform().encryption());
            List<String> names = msg.payloads().stream().skip(1).map(p -> ((VendorIdBody) p.body()).name()).toList();
            assertEquals("strongSwan", names.get(0));
            assertEquals("RFC 3947 NAT-T", names.get(4));
            assertTrue(natT.rfc());
            assertEquals(2, natT.draft());
        }
    }
}
