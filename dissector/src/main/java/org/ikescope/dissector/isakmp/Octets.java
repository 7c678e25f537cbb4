package org.ikescope.dissector.isakmp;

import org.ikescope.dissector.model.Escape;

/** Big-endian reads and text escaping over the message copy; callers check bounds first. */
final class Octets {
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private Octets() {
    }

    static int u8(byte[] m, int at) {
        return m[at] & 0xff;
    }

    static int u16(byte[] m, int at) {
        return ((m[at] & 0xff) << 8) | (m[at + 1] & 0xff);
    }

    static long u32(byte[] m, int at) {
        return ((long) (m[at] & 0xff) << 24) | ((m[at + 1] & 0xff) << 16) | ((m[at + 2] & 0xff) << 8) | (m[at + 3] & 0xff);
    }

    /** Unsigned big-endian value of [from, to); caller guarantees {@code to - from <= 8}. */
    static long uint(byte[] m, int from, int to) {
        long v = 0;
        for (int i = from; i < to; i++) {
            v = (v << 8) | (m[i] & 0xff);
        }
        return v;
    }

    static String hex(byte[] m, int from, int to) {
        char[] c = new char[(to - from) * 2];
        for (int i = from, j = 0; i < to; i++) {
            c[j++] = HEX[(m[i] >> 4) & 0xf];
            c[j++] = HEX[m[i] & 0xf];
        }
        return new String(c);
    }

    /** ASCII text with bytes outside 0x20-0x7e (and the backslash) written as {@code \xNN}. */
    static String ascii(byte[] m, int from, int to) {
        StringBuilder sb = new StringBuilder(to - from);
        for (int i = from; i < to; i++) {
            int b = m[i] & 0xff;
            if (b >= 0x20 && b < 0x7f && b != '\\') {
                sb.append((char) b);
            } else {
                sb.append("\\x").append(HEX[b >> 4]).append(HEX[b & 0xf]);
            }
        }
        return sb.toString();
    }

    /** Decoded text with controls, format characters and the backslash escaped: {@link Escape#decoded}. */
    static String escape(String s) {
        return Escape.decoded(s);
    }
}
