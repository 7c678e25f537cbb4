package org.ikescope.dissector.isakmp;

import java.nio.charset.StandardCharsets;
import org.ikescope.dissector.model.Escape;

/**
 * Just enough DER (X.690) to print X.501 distinguished names, from ID_DER_ASN1_DN identities and
 * from X.509 certificates (subject, issuer). Names print in wire order as strongSwan and openssl
 * show them ("C=CH, O=strongSwan, CN=moon"), RDN values joined with "+". Every read is bounds
 * checked against its enclosing TLV; a malformed encoding yields null, never an exception.
 */
final class DerNames {
    static final int SEQUENCE = 0x30;
    static final int SET = 0x31;
    static final int OID = 0x06;
    static final int INTEGER = 0x02;
    /** More RDNs than this is not a name anyone configured. */
    static final int MAX_RDNS = 64;
    /** Long-form lengths of more than 4 bytes cannot fit a 64 KiB message. */
    static final int MAX_LENGTH_BYTES = 4;

    private DerNames() {
    }

    /** A parsed TLV header: tag, value window [from, to). */
    private record Tlv(int tag, int from, int to) {
    }

    /** The TLV at {@code pos} within [pos, limit), or null when it does not fit. */
    private static Tlv tlv(byte[] m, int pos, int limit) {
        if (limit - pos < 2) {
            return null;
        }
        int tag = m[pos] & 0xff;
        if ((tag & 0x1f) == 0x1f) {
            return null; // high tag numbers never occur in names or certificate headers
        }
        int first = m[pos + 1] & 0xff;
        int at = pos + 2;
        long len;
        if (first < 0x80) {
            len = first;
        } else {
            int n = first & 0x7f;
            if (n == 0 || n > MAX_LENGTH_BYTES || limit - at < n) {
                return null; // indefinite length is not DER
            }
            len = 0;
            for (int i = 0; i < n; i++) {
                len = (len << 8) | (m[at++] & 0xff);
            }
        }
        if (len > limit - at) {
            return null;
        }
        return new Tlv(tag, at, at + (int) len);
    }

    /** The Name (SEQUENCE OF RDN) that fills {@code m[from, to)}, as text; null when malformed. */
    static String dn(byte[] m, int from, int to) {
        Tlv name = tlv(m, from, to);
        if (name == null || name.tag != SEQUENCE || name.to != to) {
            return null;
        }
        return name(m, name);
    }

    private static String name(byte[] m, Tlv name) {
        StringBuilder sb = new StringBuilder();
        int pos = name.from;
        int rdns = 0;
        while (pos < name.to) {
            Tlv rdn = tlv(m, pos, name.to);
            if (rdn == null || rdn.tag != SET || ++rdns > MAX_RDNS) {
                return null;
            }
            int at = rdn.from;
            boolean firstInRdn = true;
            while (at < rdn.to) {
                Tlv atv = tlv(m, at, rdn.to);
                if (atv == null || atv.tag != SEQUENCE) {
                    return null;
                }
                Tlv oid = tlv(m, atv.from, atv.to);
                if (oid == null || oid.tag != OID) {
                    return null;
                }
                Tlv value = tlv(m, oid.to, atv.to);
                if (value == null || value.to != atv.to) {
                    return null;
                }
                if (sb.length() > 0) {
                    sb.append(firstInRdn ? ", " : "+");
                }
                sb.append(attributeName(oidText(m, oid.from, oid.to))).append('=').append(valueText(m, value));
                firstInRdn = false;
                at = atv.to;
            }
            pos = rdn.to;
        }
        return sb.toString();
    }

    /**
     * Subject and issuer of the X.509 certificate (RFC 5280 section 4.1) that fills
     * {@code m[from, to)}: {subject, issuer}, or null when it is not one.
     */
    static String[] certificateNames(byte[] m, int from, int to) {
        Tlv cert = tlv(m, from, to);
        if (cert == null || cert.tag != SEQUENCE) {
            return null;
        }
        Tlv tbs = tlv(m, cert.from, cert.to);
        if (tbs == null || tbs.tag != SEQUENCE) {
            return null;
        }
        Tlv f = tlv(m, tbs.from, tbs.to);
        if (f != null && f.tag == 0xa0) { // [0] EXPLICIT Version
            f = tlv(m, f.to, tbs.to);
        }
        if (f == null || f.tag != INTEGER) { // serialNumber
            return null;
        }
        Tlv sigAlg = tlv(m, f.to, tbs.to);
        if (sigAlg == null || sigAlg.tag != SEQUENCE) {
            return null;
        }
        Tlv issuer = tlv(m, sigAlg.to, tbs.to);
        if (issuer == null || issuer.tag != SEQUENCE) {
            return null;
        }
        Tlv validity = tlv(m, issuer.to, tbs.to);
        if (validity == null || validity.tag != SEQUENCE) {
            return null;
        }
        Tlv subject = tlv(m, validity.to, tbs.to);
        if (subject == null || subject.tag != SEQUENCE) {
            return null;
        }
        String s = name(m, subject);
        String i = name(m, issuer);
        return s == null || i == null ? null : new String[] {s, i};
    }

    private static String attributeName(String oid) {
        return switch (oid) {
            case "2.5.4.3" -> "CN";
            case "2.5.4.4" -> "SN";
            case "2.5.4.5" -> "serialNumber";
            case "2.5.4.6" -> "C";
            case "2.5.4.7" -> "L";
            case "2.5.4.8" -> "ST";
            case "2.5.4.9" -> "street";
            case "2.5.4.10" -> "O";
            case "2.5.4.11" -> "OU";
            case "2.5.4.12" -> "title";
            case "2.5.4.17" -> "postalCode";
            case "2.5.4.42" -> "GN";
            case "2.5.4.43" -> "initials";
            case "2.5.4.46" -> "dnQualifier";
            case "2.5.4.65" -> "pseudonym";
            case "1.2.840.113549.1.9.1" -> "E";
            case "0.9.2342.19200300.100.1.1" -> "UID";
            case "0.9.2342.19200300.100.1.25" -> "DC";
            default -> oid;
        };
    }

    private static String oidText(byte[] m, int from, int to) {
        if (from >= to) {
            return "";
        }
        StringBuilder sb = new StringBuilder();
        long v = 0;
        boolean first = true;
        for (int i = from; i < to; i++) {
            if (v > (Long.MAX_VALUE >> 7)) {
                return "#" + Octets.hex(m, from, to);
            }
            v = (v << 7) | (m[i] & 0x7f);
            if ((m[i] & 0x80) == 0) {
                if (first) {
                    int arc1 = v < 40 ? 0 : v < 80 ? 1 : 2;
                    sb.append(arc1).append('.').append(v - 40L * arc1);
                    first = false;
                } else {
                    sb.append('.').append(v);
                }
                v = 0;
            }
        }
        return sb.toString();
    }

    /**
     * An attribute value as RFC 4514 section 2.4 writes it, so that a value cannot pass for several
     * attributes ("vpn.attacker.example, O=Cisco Systems, CN=vpn.bank.example" as one CN prints as
     * {@code CN=vpn.attacker.example\, O\=Cisco Systems\, CN\=vpn.bank.example}) and no character
     * in it acts on a terminal or reorders the text.
     */
    private static String valueText(byte[] m, Tlv v) {
        int len = v.to - v.from;
        return switch (v.tag) {
            case 0x0c -> rfc4514(new String(m, v.from, len, StandardCharsets.UTF_8), false); // UTF8String
            // Numeric, Printable, IA5, Visible, T61 (Teletex): one character per byte
            case 0x12, 0x13, 0x16, 0x1a, 0x14 -> rfc4514(new String(m, v.from, len, StandardCharsets.ISO_8859_1), true);
            case 0x1e -> rfc4514(new String(m, v.from, len & ~1, StandardCharsets.UTF_16BE), false); // BMPString
            default -> "#" + Octets.hex(m, v.from - headerBytes(len), v.to); // RFC 4514 2.4: #hex of the BER
        };
    }

    /**
     * RFC 4514 section 2.4: '"', '+', ',', ';', '<', '>' and '\' preceded by a backslash, and '='
     * too (section 3 allows escaping any character; an unescaped '=' inside a value is what makes
     * "O=..." look like a second attribute); a leading space or '#' and a trailing space escaped;
     * NUL, every other control, format characters (Cf: bidirectional overrides, zero-width
     * characters), line and paragraph separators, and unpaired surrogates as hex pairs of their
     * UTF-8 bytes ({@code \E2\80\AE}). {@code bytes}: the string holds one byte per character
     * (T61, IA5, ...), whose value is written as one hex pair.
     */
    static String rfc4514(String s, boolean bytes) {
        StringBuilder sb = new StringBuilder(s.length() + 8);
        int i = 0;
        while (i < s.length()) {
            int cp = s.codePointAt(i);
            int n = Character.charCount(cp);
            boolean first = i == 0;
            boolean last = i + n == s.length();
            if ("\"+,;<>\\=".indexOf(cp) >= 0 || first && (cp == ' ' || cp == '#') || last && cp == ' ') {
                sb.append('\\').appendCodePoint(cp);
            } else if (Escape.unsafe(cp) || bytes && cp > 0x7e) {
                byte[] utf8 = bytes ? new byte[] {(byte) cp} : new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8);
                if (Character.getType(cp) == Character.SURROGATE) {
                    utf8 = new byte[] {(byte) 0xef, (byte) 0xbf, (byte) 0xbd}; // U+FFFD: a lone surrogate has no UTF-8
                }
                for (byte b : utf8) {
                    sb.append('\\').append(UPPER_HEX[(b >> 4) & 0xf]).append(UPPER_HEX[b & 0xf]);
                }
            } else {
                sb.appendCodePoint(cp);
            }
            i += n;
        }
        return sb.toString();
    }

    private static final char[] UPPER_HEX = "0123456789ABCDEF".toCharArray();

    private static int headerBytes(int len) {
        return len < 0x80 ? 2 : len < 0x100 ? 3 : len < 0x10000 ? 4 : 5;
    }
}
