package org.ikescope.dissector.isakmp;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Issue 11, problem 5: a DN attribute value cannot pass for several attributes (RFC 4514 section
 * 2.4 escaping), and format characters in UTF8String/BMPString values (bidirectional overrides,
 * zero-width characters, line separators) are written as RFC 4514 hex pairs, never raw.
 */
class DnEscapingTest {
    static final byte[] CN = {0x06, 0x03, 0x55, 0x04, 0x03};
    static final byte[] O = {0x06, 0x03, 0x55, 0x04, 0x0a};

    static byte[] tlv(int tag, byte[]... parts) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            body.writeBytes(p);
        }
        byte[] b = body.toByteArray();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(tag);
        if (b.length < 0x80) {
            out.write(b.length);
        } else {
            out.write(0x82);
            out.write(b.length >> 8);
            out.write(b.length);
        }
        out.writeBytes(b);
        return out.toByteArray();
    }

    static byte[] rdn(byte[] oid, int stringTag, byte[] value) {
        return tlv(0x31, tlv(0x30, oid, tlv(stringTag, value)));
    }

    static String dn(byte[]... rdns) {
        byte[] name = tlv(0x30, rdns);
        return DerNames.dn(name, 0, name.length);
    }

    @Test
    void aCommonNameWithCommasAndEqualsSignsIsOneAttribute() {
        String spoof = dn(rdn(CN, 0x0c, "vpn.attacker.example, O=Cisco Systems, CN=vpn.bank.example".getBytes(StandardCharsets.UTF_8)));
        String real = dn(rdn(CN, 0x13, "vpn.attacker.example".getBytes(StandardCharsets.US_ASCII)),
                rdn(O, 0x13, "Cisco Systems".getBytes(StandardCharsets.US_ASCII)),
                rdn(CN, 0x13, "vpn.bank.example".getBytes(StandardCharsets.US_ASCII)));
        assertEquals("CN=vpn.attacker.example\\, O\\=Cisco Systems\\, CN\\=vpn.bank.example", spoof);
        assertEquals("CN=vpn.attacker.example, O=Cisco Systems, CN=vpn.bank.example", real);
    }

    @Test
    void rfc4514SpecialsLeadingAndTrailingSpaces() {
        assertEquals("CN=\\ a\\+b\\;c\\<d\\>e\\\"f\\\\g\\ ", dn(rdn(CN, 0x0c, " a+b;c<d>e\"f\\g ".getBytes(StandardCharsets.UTF_8))));
        assertEquals("CN=\\#hash#", dn(rdn(CN, 0x13, "#hash#".getBytes(StandardCharsets.US_ASCII))));
        assertEquals("CN=nul\\00bell\\07", dn(rdn(CN, 0x16, "nul\0bell\u0007".getBytes(StandardCharsets.US_ASCII))));
    }

    @Test
    void formatCharactersInUtf8AndBmpStringsAreHexPairs() {
        assertEquals("CN=vpn.\\E2\\80\\AEelpmaxe.knab", dn(rdn(CN, 0x0c, "vpn.\u202eelpmaxe.knab".getBytes(StandardCharsets.UTF_8))));
        assertEquals("CN=a\\E2\\81\\A6b\\E2\\80\\8Bc\\E2\\80\\A8d",
                dn(rdn(CN, 0x1e, "a\u2066b\u200bc\u2028d".getBytes(StandardCharsets.UTF_16BE))));
        assertEquals("CN=Zürich", dn(rdn(CN, 0x0c, "Zürich".getBytes(StandardCharsets.UTF_8))), "ordinary letters stay");
    }
}
