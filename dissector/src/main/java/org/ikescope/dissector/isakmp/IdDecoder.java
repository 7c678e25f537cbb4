package org.ikescope.dissector.isakmp;

import org.ikescope.api.protocol.IdType;
import org.ikescope.api.protocol.Ikev2IdType;
import org.ikescope.dissector.model.Addresses;

/**
 * Decodes ID (IKEv1, RFC 2407 section 4.6.2) and IDi/IDr (IKEv2, RFC 7296 section 3.5) bodies,
 * and the identification data they share with NAT-OA.
 */
final class IdDecoder {
    /** ID Type (1) and Protocol ID (1) + Port (2), or RESERVED (3) in IKEv2. */
    static final int HEADER_BYTES = 4;
    static final int IPV4 = 4;
    static final int IPV6 = 16;

    // RFC 2407 section 4.6.2.1 / RFC 7296 section 3.5 ID types (IKEv1 numbering; IKEv2 shares 1-3, 5, 9-11).
    static final int ID_IPV4_ADDR = 1;
    static final int ID_FQDN = 2;
    static final int ID_USER_FQDN = 3;
    static final int ID_IPV4_ADDR_SUBNET = 4;
    static final int ID_IPV6_ADDR = 5;
    static final int ID_IPV6_ADDR_SUBNET = 6;
    static final int ID_IPV4_ADDR_RANGE = 7;
    static final int ID_IPV6_ADDR_RANGE = 8;
    static final int ID_DER_ASN1_DN = 9;
    static final int ID_DER_ASN1_GN = 10;
    static final int ID_KEY_ID = 11;
    static final int ID_NULL_V2 = 13;

    private IdDecoder() {
    }

    static IdBody decode(byte[] m, int from, int to, boolean v2, DecodeContext ctx) {
        if (to - from < HEADER_BYTES) {
            ctx.report("isakmp.id.truncated", from,
                    "ID body: " + (to - from) + " bytes (expected: >= " + HEADER_BYTES + ")");
            int type = to > from ? Octets.u8(m, from) : 0;
            return new IdBody(v2, type, typeName(type, v2), 0, 0, null, m, to, to);
        }
        int type = Octets.u8(m, from);
        int protocol = v2 ? 0 : Octets.u8(m, from + 1);
        int port = v2 ? 0 : Octets.u16(m, from + 2);
        int d = from + HEADER_BYTES;
        String value = value(m, d, to, type, v2, ctx);
        return new IdBody(v2, type, typeName(type, v2), protocol, port, value, m, d, to);
    }

    static String typeName(int type, boolean v2) {
        return v2 ? Ikev2IdType.nameOf(type) : IdType.nameOf(type);
    }

    /** Decoded identification data in {@code m[d, to)}; null when it has the wrong form. */
    static String value(byte[] m, int d, int to, int type, boolean v2, DecodeContext ctx) {
        int len = to - d;
        if (v2 && (type == ID_IPV4_ADDR_SUBNET || type == ID_IPV6_ADDR_SUBNET
                || type == ID_IPV4_ADDR_RANGE || type == ID_IPV6_ADDR_RANGE || type > ID_KEY_ID)) {
            // IKEv2 has no subnet or range identities; 12 is ID_FC_NAME, 13 ID_NULL.
            return type == ID_NULL_V2 && len == 0 ? "" : null;
        }
        return switch (type) {
            case ID_IPV4_ADDR -> fixed(m, d, to, IPV4, "ipv4", ctx) ? address(m, d, IPV4) : null;
            case ID_IPV6_ADDR -> fixed(m, d, to, IPV6, "ipv6", ctx) ? address(m, d, IPV6) : null;
            case ID_IPV4_ADDR_SUBNET -> fixed(m, d, to, 2 * IPV4, "ipv4-subnet", ctx)
                    ? address(m, d, IPV4) + "/" + address(m, d + IPV4, IPV4) : null;
            case ID_IPV6_ADDR_SUBNET -> fixed(m, d, to, 2 * IPV6, "ipv6-subnet", ctx)
                    ? address(m, d, IPV6) + "/" + ipv6Mask(m, d + IPV6) : null;
            case ID_IPV4_ADDR_RANGE -> fixed(m, d, to, 2 * IPV4, "ipv4-range", ctx)
                    ? address(m, d, IPV4) + "-" + address(m, d + IPV4, IPV4) : null;
            case ID_IPV6_ADDR_RANGE -> fixed(m, d, to, 2 * IPV6, "ipv6-range", ctx)
                    ? address(m, d, IPV6) + "-" + address(m, d + IPV6, IPV6) : null;
            case ID_FQDN, ID_USER_FQDN -> Octets.ascii(m, d, to);
            case ID_DER_ASN1_DN -> {
                String dn = DerNames.dn(m, d, to);
                if (dn == null) {
                    ctx.report("isakmp.id.dn.invalid", d,
                            "ID_DER_ASN1_DN: " + len + " bytes that are not a DER Name (expected: SEQUENCE OF RDN)");
                }
                yield dn;
            }
            default -> null; // ID_DER_ASN1_GN, ID_KEY_ID, ID_LIST, unknown: written as hex
        };
    }

    /** Checks an address-form length; reports {@code isakmp.id.<kind>.length} when wrong. */
    private static boolean fixed(byte[] m, int d, int to, int expected, String kind, DecodeContext ctx) {
        if (to - d != expected) {
            ctx.report("isakmp.id." + kind + ".length", d,
                    "ID data for " + kind + ": " + (to - d) + " bytes (expected: " + expected + ")");
            return false;
        }
        return true;
    }

    static String address(byte[] m, int from, int len) {
        byte[] a = new byte[len];
        System.arraycopy(m, from, a, 0, len);
        return Addresses.format(a, len);
    }

    /** An IPv6 mask as a prefix length when contiguous, else as an address. */
    private static String ipv6Mask(byte[] m, int from) {
        int bits = 0;
        int i = 0;
        while (i < IPV6 && m[from + i] == (byte) 0xff) {
            bits += 8;
            i++;
        }
        if (i < IPV6) {
            int b = m[from + i] & 0xff;
            int ones = Integer.numberOfLeadingZeros(~b << 24);
            if (((b << ones) & 0xff) != 0) {
                return address(m, from, IPV6);
            }
            bits += ones;
            for (int j = i + 1; j < IPV6; j++) {
                if (m[from + j] != 0) {
                    return address(m, from, IPV6);
                }
            }
        }
        return Integer.toString(bits);
    }
}
