package org.ikescope.dissector.isakmp;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.ikescope.api.protocol.PayloadType;
import org.ikescope.dissector.model.Diagnostic;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;


/**
 * The catalogue of malformed payload bodies: each fixture yields exactly the listed diagnostic
 * codes, at the stated offset (from the ISAKMP header; fixture bodies start at offset 32), and
 * whatever could be decoded before the problem.
 */
class PayloadDecodersMalformedTest {
    private static final int BODY = Fixtures.BODY;

    private static Diagnostic only(Fixtures.Decoded d, String code) {
        assertEquals(List.of(code), d.codes(), () -> d.diagnostics().toString());
        return d.diagnostics().get(0);
    }

    @Test
    void attributeLengthRunsPastTransform() {
        Fixtures.Decoded d = Fixtures.v1(PayloadType.SA.code(), "sa-attribute-past-transform");
        // SA header 8 + proposal header 8 + transform header 8 + first attribute 4.
        assertEquals(BODY + 28, only(d, "isakmp.attribute.truncated").offset());
        Transform t = ((SaBody) d.body()).firstTransform();
        assertEquals(1, t.attributes().size());
        assertEquals(7, t.encryption());
    }

    @Test
    void transformCountMismatch() {
        Fixtures.Decoded d = Fixtures.v1(PayloadType.SA.code(), "sa-transform-count-mismatch");
        Diagnostic diag = only(d, "isakmp.sa.proposal.transforms.count");
        assertEquals(BODY + 8 + 7, diag.offset());
        assertEquals("proposal 1 transforms: 1 (expected: 2, # of Transforms)", diag.detail());
        assertEquals(1, ((SaBody) d.body()).proposals().get(0).transforms().size());
    }

    @Test
    void zeroLengthAttribute() {
        Fixtures.Decoded d = Fixtures.v1(PayloadType.SA.code(), "sa-zero-length-attribute");
        only(d, "isakmp.attribute.length.zero");
        Transform t = ((SaBody) d.body()).firstTransform();
        assertEquals(3, t.attributes().size());
        assertEquals(-1, t.lifeSeconds());
    }

    @Test
    void proposalLengthPastPayload() {
        Fixtures.Decoded d = Fixtures.v1(PayloadType.SA.code(), "sa-proposal-length-invalid");
        assertEquals(BODY + 8 + 2, only(d, "isakmp.sa.proposal.length.invalid").offset());
        assertEquals(List.of(), ((SaBody) d.body()).proposals());
    }

    @Test
    void saShorterThanDoiAndSituation() {
        Fixtures.Decoded d = Fixtures.v1(PayloadType.SA.code(), "id-truncated");
        only(d, "isakmp.sa.truncated");
    }

    @Test
    void idTooShort() {
        Fixtures.Decoded d = Fixtures.v1(PayloadType.ID.code(), "id-truncated");
        assertEquals(BODY, only(d, "isakmp.id.truncated").offset());
    }

    @Test
    void ipv4IdWithThreeBytes() {
        Fixtures.Decoded d = Fixtures.v1(PayloadType.ID.code(), "id-ipv4-short");
        Diagnostic diag = only(d, "isakmp.id.ipv4.length");
        assertEquals("ID data for ipv4: 3 bytes (expected: 4)", diag.detail());
        IdBody id = (IdBody) d.body();
        assertNull(id.value());
        assertEquals("c63364", id.dataHex());
    }

    @Test
    void brokenDistinguishedName() {
        Fixtures.Decoded d = Fixtures.v1(PayloadType.ID.code(), "id-der-dn-broken");
        only(d, "isakmp.id.dn.invalid");
    }

    @Test
    void notifySpiSizeLargerThanPayload() {
        Fixtures.Decoded d = Fixtures.decode(1, 5, PayloadType.N.code(), "notify-spi-too-big");
        Diagnostic diag = only(d, "isakmp.notify.spi.length");
        assertEquals(BODY + 5, diag.offset());
        assertEquals("notification SPI size: 8 (expected: <= 4)", diag.detail());
        NotifyBody n = (NotifyBody) d.body();
        assertEquals("", n.spiHex());
        assertEquals("c0ffee01", n.dataHex());
    }

    @Test
    void notifyTooShort() {
        only(Fixtures.decode(1, 5, PayloadType.N.code(), "id-truncated"), "isakmp.notify.truncated");
    }

    @Test
    void dpdWithoutSequenceNumber() {
        only(Fixtures.decode(1, 5, PayloadType.N.code(), "notify-no-proposal-as-dpd"), "isakmp.notify.dpd.length");
    }

    @Test
    void deleteCountMismatch() {
        Fixtures.Decoded d = Fixtures.decode(1, 5, PayloadType.D.code(), "delete-count-mismatch");
        only(d, "isakmp.delete.spi.count");
        assertEquals(List.of("c0ffee01", "c0ffee02"), ((DeleteBody) d.body()).spis());
    }

    @Test
    void natOaWrongLength() {
        only(Fixtures.decode(1, 32, PayloadType.NAT_OA.code(), "id-ipv4-short"), "isakmp.nat-oa.length");
    }

    @Test
    void certificateThatIsNotDer() {
        Fixtures.Decoded d = Fixtures.v1(PayloadType.CERT.code(), "cert-not-der");
        only(d, "isakmp.cert.x509.invalid");
        assertNull(((CertBody) d.body()).subject());
    }

    @Test
    void trafficSelectorLength() {
        Fixtures.Decoded d = Fixtures.decode(2, 35, PayloadType.TSI.code(), "ts-bad-length");
        assertEquals(List.of("isakmp.ts.length.invalid", "isakmp.ts.count"), d.codes());
    }

    @Test
    void ikev2TransformLengthZero() {
        Fixtures.Decoded d = Fixtures.v2(PayloadType.V2_SA.code(), "sa-ikev2-transform-length-zero");
        assertEquals(List.of("isakmp.sa.transform.length.invalid", "isakmp.sa.proposal.transforms.count"), d.codes());
    }

    @Test
    void shortFixedHeadersBecomeData() {
        for (int type : new int[] {PayloadType.V2_KE.code(), PayloadType.AUTH.code(), PayloadType.V2_N.code(),
                PayloadType.V2_D.code(), PayloadType.TSI.code(), PayloadType.CP.code(), PayloadType.SKF.code()}) {
            Fixtures.Decoded d = Fixtures.v2(type, "id-truncated");
            assertEquals(1, d.diagnostics().size(), "type " + type);
            assertInstanceOf(BytesBody.class, d.body());
        }
    }

    /** Never throws, whatever the bytes: every decoder on random and truncated real bodies. */
    @Test
    void randomBodiesNeverThrow() {
        Random r = new Random(20240501);
        List<byte[]> seeds = new ArrayList<>();
        for (String f : List.of("sa-mm1-aes128-sha1", "sa-esp-phase2", "sa-ikev2-init", "attr-xauth-reply",
                "ts-ikev2", "cert-x509", "id-der-dn", "notify-r-u-there", "delete-esp-two")) {
            seeds.add(Fixtures.hex(f));
        }
        int[] types = {1, 4, 5, 6, 7, 8, 11, 12, 13, 14, 15, 16, 20, 21, 130, 131, 132, 33, 34, 35, 37, 38, 39, 41,
                42, 43, 44, 46, 47, 53};
        for (int i = 0; i < 20000; i++) {
            byte[] seed = seeds.get(r.nextInt(seeds.size()));
            byte[] body = java.util.Arrays.copyOf(seed, r.nextInt(seed.length + 1));
            for (int k = r.nextInt(4); k > 0 && body.length > 0; k--) {
                body[r.nextInt(body.length)] = (byte) r.nextInt(256);
            }
            byte[] m = new byte[Fixtures.BODY + body.length];
            System.arraycopy(body, 0, m, Fixtures.BODY, body.length);
            int major = 1 + r.nextInt(2);
            DecodeContext ctx = new DecodeContext(m, major, 2, new NatTraversalNumbering(), new ArrayList<>());
            PayloadBody b = new PayloadDecoders().decode(types[r.nextInt(types.length)], Fixtures.BODY, m.length, ctx);
            JsonTestSink.json(b);
        }
    }
}
