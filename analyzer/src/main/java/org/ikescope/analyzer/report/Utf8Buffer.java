package org.ikescope.analyzer.report;

import java.io.PrintStream;
import java.util.Arrays;

/**
 * Text encoded as UTF-8 into one growing byte array, the way {@code String.getBytes(UTF_8)} and a
 * UTF-8 {@code PrintWriter} encode it (a surrogate without its pair becomes {@code ?}), without a
 * string or an encoder per piece: the text report writes its lines through one of these.
 */
final class Utf8Buffer {
    private byte[] bytes;
    private int size;
    /** The characters being encoded. */
    private char[] chars = new char[256];

    Utf8Buffer(int capacity) {
        bytes = new byte[capacity];
    }

    int size() {
        return size;
    }

    byte[] array() {
        return bytes;
    }

    void reset() {
        size = 0;
    }

    /** Drops the bytes after the first {@code n}. */
    void truncate(int n) {
        size = n;
    }

    private void ensure(int more) {
        if (size + more > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(size + more, bytes.length * 2));
        }
    }

    Utf8Buffer append(CharSequence s) {
        return append(s, 0, s.length());
    }

    /** {@code s[from, to)}: a surrogate pair split by {@code from} or {@code to} is two lone surrogates. */
    Utf8Buffer append(CharSequence s, int from, int to) {
        int n = to - from;
        if (chars.length < n) {
            chars = new char[Math.max(n, 2 * chars.length)];
        }
        // The characters copied out in bulk: C1 alone (the launcher's compiler for small captures)
        // does not inline CharSequence.charAt, a call per character.
        if (s instanceof String str) {
            str.getChars(from, to, chars, 0);
        } else if (s instanceof StringBuilder sb) {
            sb.getChars(from, to, chars, 0);
        } else {
            for (int i = 0; i < n; i++) {
                chars[i] = s.charAt(from + i);
            }
        }
        return append(chars, n);
    }

    private Utf8Buffer append(char[] s, int to) {
        // At most three bytes per char (a pair's four bytes are two chars).
        ensure(3 * to);
        byte[] b = bytes;
        int p = size;
        for (int i = 0; i < to; i++) {
            char c = s[i];
            if (c < 0x80) {
                b[p++] = (byte) c;
            } else if (c < 0x800) {
                b[p++] = (byte) (0xc0 | c >> 6);
                b[p++] = (byte) (0x80 | c & 0x3f);
            } else if (Character.isHighSurrogate(c) && i + 1 < to && Character.isLowSurrogate(s[i + 1])) {
                int cp = Character.toCodePoint(c, s[++i]);
                b[p++] = (byte) (0xf0 | cp >> 18);
                b[p++] = (byte) (0x80 | cp >> 12 & 0x3f);
                b[p++] = (byte) (0x80 | cp >> 6 & 0x3f);
                b[p++] = (byte) (0x80 | cp & 0x3f);
            } else if (Character.isSurrogate(c)) {
                b[p++] = '?';
            } else {
                b[p++] = (byte) (0xe0 | c >> 12);
                b[p++] = (byte) (0x80 | c >> 6 & 0x3f);
                b[p++] = (byte) (0x80 | c & 0x3f);
            }
        }
        size = p;
        return this;
    }

    Utf8Buffer append(byte[] b, int off, int len) {
        ensure(len);
        System.arraycopy(b, off, bytes, size, len);
        size += len;
        return this;
    }

    Utf8Buffer append(byte b) {
        ensure(1);
        bytes[size++] = b;
        return this;
    }

    /** {@code n} spaces (none when {@code n} is not positive). */
    Utf8Buffer spaces(int n) {
        if (n > 0) {
            ensure(n);
            Arrays.fill(bytes, size, size + n, (byte) ' ');
            size += n;
        }
        return this;
    }

    /** Writes the bytes to {@code out} and empties the buffer (a PrintStream keeps its errors for checkError, as before). */
    void writeTo(PrintStream out) {
        out.write(bytes, 0, size);
        size = 0;
    }
}
