package org.ikescope.dissector.model;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;

/** Address formatting as tshark prints addresses: dotted quad, RFC 5952 IPv6. */
public final class Addresses {
    private Addresses() {
    }

    /** Formats the first {@code len} bytes of {@code a} (4 or 16). */
    public static String format(byte[] a, int len) {
        if (len == 4) {
            // A capture has few distinct peers and formats each address for every SA and NAT-D check:
            // the text of recent IPv4 addresses is kept in a small direct-mapped table (an entry is
            // immutable, so a racing thread sees a whole entry or an older one).
            int v = (a[0] & 0xff) << 24 | (a[1] & 0xff) << 16 | (a[2] & 0xff) << 8 | (a[3] & 0xff);
            int slot = (v ^ v >>> 8 ^ v >>> 16 ^ v >>> 24) & (V4_TEXTS.length - 1);
            V4Text known = V4_TEXTS[slot];
            if (known != null && known.address == v) {
                return known.text;
            }
            String text = (a[0] & 0xff) + "." + (a[1] & 0xff) + "." + (a[2] & 0xff) + "." + (a[3] & 0xff);
            V4_TEXTS[slot] = new V4Text(v, text);
            return text;
        }
        if (len == 16) {
            return formatV6(a);
        }
        return "?";
    }

    private static final V4Text[] V4_TEXTS = new V4Text[256];

    /** An IPv4 address and its text. */
    private static final class V4Text {
        final int address;
        final String text;

        V4Text(int address, String text) {
            this.address = address;
            this.text = text;
        }
    }

    /** Formats a 4- or 16-byte address array. */
    public static String format(byte[] a) {
        return format(a, a.length);
    }

    private static String formatV6(byte[] a) {
        int[] w = new int[8];
        for (int i = 0; i < 8; i++) {
            w[i] = ((a[2 * i] & 0xff) << 8) | (a[2 * i + 1] & 0xff);
        }
        // RFC 5952: compress the longest run (>= 2) of zero words, the first one on ties.
        int bestStart = -1;
        int bestLen = 1;
        for (int i = 0; i < 8; ) {
            if (w[i] == 0) {
                int j = i;
                while (j < 8 && w[j] == 0) {
                    j++;
                }
                if (j - i > bestLen) {
                    bestStart = i;
                    bestLen = j - i;
                }
                i = j;
            } else {
                i++;
            }
        }
        // IPv4-mapped ::ffff:a.b.c.d
        if (bestStart == 0 && bestLen == 5 && w[5] == 0xffff) {
            return "::ffff:" + format(Arrays.copyOfRange(a, 12, 16), 4);
        }
        StringBuilder sb = new StringBuilder(39);
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                sb.append("::");
                i += bestLen - 1;
                continue;
            }
            if (sb.length() > 0 && sb.charAt(sb.length() - 1) != ':') {
                sb.append(':');
            }
            sb.append(Integer.toHexString(w[i]));
        }
        return sb.toString();
    }

    /** Parses a textual IPv4/IPv6 address without name lookups; null when it is not one. */
    public static byte[] parse(String s) {
        if (s == null || s.isEmpty() || !(s.indexOf(':') >= 0 || Character.isDigit(s.charAt(0)))) {
            return null;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!(Character.digit(c, 16) >= 0 || c == '.' || c == ':')) {
                return null;
            }
        }
        try {
            return InetAddress.getByName(s).getAddress();
        } catch (UnknownHostException e) {
            return null;
        }
    }
}
