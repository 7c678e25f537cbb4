package org.ikescope.analyzer.output;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import org.ikescope.api.plugin.ImmutableBytes;
import org.ikescope.dissector.model.Escape;

/**
 * The one JSON writer of every JSON output ({@code analyze --format json}, {@code dissect --format
 * jsonl}, {@code plugins --format json}): UTF-8 bytes into a growable buffer, written to the stream
 * only by {@link #flush} and {@link #writeIfFull}, so that a value never allocates or throws.
 *
 * <p>Compact, no whitespace, no separator between root values; member names are encoded once per
 * writer (the name's string is a constant at every call site), and so are the values written as
 * {@link #writeLabel labels}; numbers and times are written digit by digit. Strings are escaped as JSON requires, and besides (see
 * {@link Escape#unsafe}) DEL as {@code \}{@code u007F}, and the C1 controls, format characters
 * (bidirectional overrides, zero-width characters), line and paragraph separators and surrogates as
 * {@code \}{@code u} and four lower-case hex digits, so a supplementary character is its surrogate
 * pair, both escaped: a JSON string holds the real text and still cannot reorder or hide what a
 * person reading the raw JSON sees. This is, byte for byte, what the Jackson generator with the
 * former {@code JsonText} escapes wrote ({@code JsonOutTest} compares the two).
 */
public final class JsonOut {
    /** {@link #writeIfFull} writes the buffer out from this many bytes on. */
    static final int CHUNK = 1 << 15;
    /** Names kept per writer; beyond this (names made at run time), names are encoded as they come. */
    static final int MAX_NAMES = 4096;
    /** Labels kept per writer; beyond this, labels are encoded as they come, as strings are. */
    static final int MAX_LABELS = 4096;

    private static final byte[] HEX_LOWER = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] HEX_UPPER = "0123456789ABCDEF".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] NULL = {'n', 'u', 'l', 'l'};
    private static final byte[] TRUE = {'t', 'r', 'u', 'e'};
    private static final byte[] FALSE = {'f', 'a', 'l', 's', 'e'};
    /** Per ASCII character: 0 written as is, a letter for a two-character escape, -1 for {@code \}{@code u00XX}. */
    private static final int[] ASCII = new int[128];
    /** Per char from U+0080 on, one bit: escaped ({@link Escape#unsafe}). */
    private static final long[] UNSAFE = new long[1 << 10];

    static {
        for (int c = 0; c < 0x20; c++) {
            ASCII[c] = -1;
        }
        ASCII['\b'] = 'b';
        ASCII['\t'] = 't';
        ASCII['\n'] = 'n';
        ASCII['\f'] = 'f';
        ASCII['\r'] = 'r';
        ASCII['"'] = '"';
        ASCII['\\'] = '\\';
        ASCII[0x7f] = -1;
        for (int c = 0x80; c <= 0xffff; c++) {
            if (Escape.unsafe(c)) {
                UNSAFE[c >>> 6] |= 1L << c;
            }
        }
    }

    private final OutputStream out;
    private byte[] buf = new byte[1 << 16];
    private int pos;
    /** Per open container, from index 1 (0 is the root, where values have no separator): it has a value. */
    private boolean[] hasValue = new boolean[16];
    private int depth;
    /** A member name was written: its value comes without a comma. */
    private boolean afterName;

    /** Member names with their encoded {@code "name":}. */
    private final Encoded names = new Encoded(MAX_NAMES);
    /** Label values with their encoded {@code "label"}. */
    private final Encoded labels = new Encoded(MAX_LABELS);
    /** The second of the last {@link #writeIsoTime} and its {@code yyyy-MM-ddTHH:mm:ss} (19 bytes): times come in order. */
    private long isoSecond = -1;
    private final byte[] isoPrefix = new byte[Times.ISO_SECONDS];

    public JsonOut(OutputStream out) {
        this.out = out;
    }

    // ---- structure

    public void writeStartObject() {
        open('{');
    }

    public void writeEndObject() {
        close('}');
    }

    public void writeStartArray() {
        open('[');
    }

    public void writeEndArray() {
        close(']');
    }

    private void open(char c) {
        beforeValue();
        ensure(1);
        buf[pos++] = (byte) c;
        if (++depth == hasValue.length) {
            hasValue = java.util.Arrays.copyOf(hasValue, depth * 2);
        }
        hasValue[depth] = false;
    }

    private void close(char c) {
        ensure(1);
        buf[pos++] = (byte) c;
        depth--;
        afterName = false;
    }

    /** The comma before a value, unless it follows its name or is its container's first. */
    private void beforeValue() {
        if (afterName) {
            afterName = false;
        } else if (depth > 0) {
            comma();
        }
    }

    /** A comma if the current container has a value already; it has one now. */
    private void comma() {
        if (hasValue[depth]) {
            ensure(1);
            buf[pos++] = ',';
        } else {
            hasValue[depth] = true;
        }
    }

    /**
     * A member name encoded once, for the writers of many records ({@code analyze --format json}):
     * {@link #writeFieldName(Name)} copies its bytes without looking the name up.
     */
    public static final class Name {
        /** {@code "name":} as every writer writes it. */
        private final byte[] encoded;

        private Name(byte[] encoded) {
            this.encoded = encoded;
        }
    }

    /** The member name {@code name}, encoded. */
    public static Name name(String name) {
        JsonOut w = new JsonOut(null);
        w.quoted(name);
        w.ensure(1);
        w.buf[w.pos++] = ':';
        return new Name(java.util.Arrays.copyOf(w.buf, w.pos));
    }

    /** {@code "name":}, as {@link #writeFieldName(String)} writes it. */
    public void writeFieldName(Name name) {
        byte[] b = name.encoded;
        int n = b.length;
        // One check for the comma and the name: this runs for every member of every exchange.
        if (pos + n + 1 > buf.length) {
            ensure(n + 1);
        }
        if (hasValue[depth]) {
            buf[pos++] = ',';
        } else {
            hasValue[depth] = true;
        }
        System.arraycopy(b, 0, buf, pos, n);
        pos += n;
        afterName = true;
    }

    /** {@code "name":}; the name is encoded the first time this writer sees its string. */
    public void writeFieldName(String name) {
        comma();
        byte[] b = names.get(name);
        if (b == null) {
            int start = pos;
            quoted(name);
            ensure(1);
            buf[pos++] = ':';
            names.put(name, buf, start, pos);
        } else {
            ensure(b.length);
            System.arraycopy(b, 0, buf, pos, b.length);
            pos += b.length;
        }
        afterName = true;
    }

    /**
     * Encoded strings of this writer: open addressing on {@link String#hashCode}, which a constant
     * string computes once and keeps (where {@link System#identityHashCode} is a call into the VM
     * each time under C1). The same string object is found by identity; an equal one made anew (a
     * label a record copied) by comparing, so equal strings share one entry. Holds at most
     * {@code max} strings; beyond, {@link #put} keeps nothing.
     */
    private static final class Encoded {
        private final int max;
        private String[] keys = new String[256];
        private int[] hashes = new int[256];
        private byte[][] values = new byte[256][];
        private int size;

        Encoded(int max) {
            this.max = max;
        }

        /** The bytes kept for this string, or null. */
        byte[] get(String s) {
            String[] ks = keys;
            int mask = ks.length - 1;
            int h = s.hashCode();
            for (int i = slot(h, mask);; i = (i + 1) & mask) {
                String k = ks[i];
                if (k == s || k != null && hashes[i] == h && k.equals(s)) {
                    return values[i];
                }
                if (k == null) {
                    return null;
                }
            }
        }

        /** Keeps {@code b[from..to)} as the bytes of {@code s} (not kept yet), while there is room. */
        void put(String s, byte[] b, int from, int to) {
            if (size >= max) {
                return;
            }
            int h = s.hashCode();
            int mask = keys.length - 1;
            int i = slot(h, mask);
            while (keys[i] != null) {
                i = (i + 1) & mask;
            }
            keys[i] = s;
            hashes[i] = h;
            values[i] = java.util.Arrays.copyOfRange(b, from, to);
            if (++size * 2 > keys.length) {
                rehash();
            }
        }

        /**
         * The first slot of a hash: its high bits by Fibonacci hashing, since the low bits of short
         * names' hashes ({@code "id"}, {@code "ip"}, {@code "to"}) cluster.
         */
        private static int slot(int h, int mask) {
            return (h * 0x9E3779B9 >>> 16) & mask;
        }

        private void rehash() {
            String[] ks = keys;
            int[] hs = hashes;
            byte[][] vs = values;
            keys = new String[ks.length * 2];
            hashes = new int[ks.length * 2];
            values = new byte[ks.length * 2][];
            int mask = keys.length - 1;
            for (int j = 0; j < ks.length; j++) {
                if (ks[j] != null) {
                    int i = slot(hs[j], mask);
                    while (keys[i] != null) {
                        i = (i + 1) & mask;
                    }
                    keys[i] = ks[j];
                    hashes[i] = hs[j];
                    values[i] = vs[j];
                }
            }
        }
    }

    // ---- values

    public void writeNull() {
        beforeValue();
        raw(NULL);
    }

    public void writeBoolean(boolean v) {
        beforeValue();
        raw(v ? TRUE : FALSE);
    }

    public void writeNumber(long v) {
        beforeValue();
        digits(v);
    }

    /**
     * As {@link Double#toString(double)} (what Jackson writes): digit by digit for the values the
     * outputs have (milliseconds with up to three decimals, below 10^7), through the JDK otherwise.
     */
    public void writeNumber(double v) {
        beforeValue();
        long k = Math.round(v * 1000);
        if (k >= 0 && k < 10_000_000_000L && k / 1000.0 == v && Double.doubleToRawLongBits(v) != Long.MIN_VALUE) {
            digits(k / 1000);
            int f = (int) (k % 1000);
            ensure(4);
            buf[pos++] = '.';
            buf[pos++] = (byte) ('0' + f / 100);
            if (f % 100 != 0) {
                buf[pos++] = (byte) ('0' + f / 10 % 10);
                if (f % 10 != 0) {
                    buf[pos++] = (byte) ('0' + f % 10);
                }
            }
        } else {
            String s = Double.toString(v);
            ensure(s.length());
            for (int i = 0; i < s.length(); i++) {
                buf[pos++] = (byte) s.charAt(i);
            }
        }
    }

    /** A string value, escaped; null writes {@code null}. */
    public void writeString(String s) {
        if (s == null) {
            writeNull();
            return;
        }
        beforeValue();
        quoted(s);
    }

    /**
     * A string value from a small set that recurs (enum labels, registry and catalog names, the
     * capture's file name), written as {@link #writeString} writes it; its encoded bytes are kept
     * per writer, so a label is encoded once, not at every use. Strings of many values (addresses,
     * texts) belong in {@link #writeString}: here each new one would be hashed and take a place.
     */
    public void writeLabel(String s) {
        if (s == null) {
            writeNull();
            return;
        }
        beforeValue();
        byte[] b = labels.get(s);
        if (b == null) {
            int start = pos;
            quoted(s);
            labels.put(s, buf, start, pos);
        } else {
            ensure(b.length);
            System.arraycopy(b, 0, buf, pos, b.length);
            pos += b.length;
        }
    }

    /** The characters of the string being written, copied out in bulk (String.charAt checks each index). */
    private char[] chars = new char[256];

    /** From this length on, a string is first tried in bulk ({@link #asciiQuoted}). */
    private static final int BULK = 32;

    /** {@code s} in quotes, escaped. */
    private void quoted(String s) {
        int n = s.length();
        if (n >= BULK && asciiQuoted(s, n)) {
            return;
        }
        ensure(n + 2);
        if (n > chars.length) {
            chars = new char[Math.max(n, chars.length * 2)];
        }
        char[] cs = chars;
        s.getChars(0, n, cs, 0);
        byte[] b = buf;
        int p = pos;
        b[p++] = '"';
        int i = 0;
        for (; i < n; i++) {
            char c = cs[i];
            if (c >= 0x80 || ASCII[c] != 0) {
                break;
            }
            b[p++] = (byte) c;
        }
        pos = p;
        if (i < n) {
            escaped(cs, i, n);
        }
        buf[pos++] = '"';
    }

    /**
     * A long string (a finding's text, a note) that is all ASCII and has nothing to escape, in
     * quotes; false, writing nothing, when it is not so. Its UTF-8 encoding as long as the string
     * proves every character ASCII, and the JDK makes it with one array copy where
     * {@link String#getChars} widens each byte of the string to a char: under C1 a third faster
     * than the character loop, for the bytes of the encoding are checked and copied as they are.
     */
    private boolean asciiQuoted(String s, int n) {
        byte[] u = s.getBytes(StandardCharsets.UTF_8);
        if (u.length != n) {
            return false;
        }
        for (byte c : u) {
            if (ASCII[c] != 0) {
                return false;
            }
        }
        ensure(n + 2);
        buf[pos++] = '"';
        System.arraycopy(u, 0, buf, pos, n);
        pos += n;
        buf[pos++] = '"';
        return true;
    }

    /** The rest of a string from its first character that is not plain ASCII; leaves room for the closing quote. */
    private void escaped(char[] cs, int i, int n) {
        ensure((n - i) * 6 + 1);
        byte[] b = buf;
        int p = pos;
        for (; i < n; i++) {
            char c = cs[i];
            if (c < 0x80) {
                int e = ASCII[c];
                if (e == 0) {
                    b[p++] = (byte) c;
                } else if (e > 0) {
                    b[p++] = '\\';
                    b[p++] = (byte) e;
                } else {
                    b[p++] = '\\';
                    b[p++] = 'u';
                    b[p++] = '0';
                    b[p++] = '0';
                    b[p++] = HEX_UPPER[c >> 4];
                    b[p++] = HEX_UPPER[c & 0xf];
                }
            } else if ((UNSAFE[c >>> 6] & (1L << c)) != 0) {
                b[p++] = '\\';
                b[p++] = 'u';
                b[p++] = HEX_LOWER[c >> 12];
                b[p++] = HEX_LOWER[(c >> 8) & 0xf];
                b[p++] = HEX_LOWER[(c >> 4) & 0xf];
                b[p++] = HEX_LOWER[c & 0xf];
            } else if (c < 0x800) {
                b[p++] = (byte) (0xc0 | (c >> 6));
                b[p++] = (byte) (0x80 | (c & 0x3f));
            } else {
                // Surrogates are all escaped above: three bytes.
                b[p++] = (byte) (0xe0 | (c >> 12));
                b[p++] = (byte) (0x80 | ((c >> 6) & 0x3f));
                b[p++] = (byte) (0x80 | (c & 0x3f));
            }
        }
        pos = p;
    }

    /** {@code value[from..to)} as a string of lower-case hex digits. */
    public void writeHex(byte[] value, int from, int to) {
        beforeValue();
        ensure((to - from) * 2 + 2);
        byte[] b = buf;
        int p = pos;
        b[p++] = '"';
        for (int i = from; i < to; i++) {
            b[p++] = HEX_LOWER[(value[i] >> 4) & 0xf];
            b[p++] = HEX_LOWER[value[i] & 0xf];
        }
        b[p++] = '"';
        pos = p;
    }

    /** Bytes as a string of lower-case hex digits, as {@link ImmutableBytes#hex} writes them. */
    public void writeHex(ImmutableBytes value) {
        beforeValue();
        int n = value.length();
        ensure(n * 2 + 2);
        byte[] b = buf;
        int p = pos;
        b[p++] = '"';
        for (int i = 0; i < n; i++) {
            int x = value.getUnsignedByte(i);
            b[p++] = HEX_LOWER[x >> 4];
            b[p++] = HEX_LOWER[x & 0xf];
        }
        b[p++] = '"';
        pos = p;
    }

    /** An IPv4 address from its four bytes (0..255), as {@code Addresses.format} writes it: {@code 192.0.2.1}. */
    public void writeIpv4(int a, int b, int c, int d) {
        beforeValue();
        ensure(17);
        buf[pos++] = '"';
        digits(a);
        buf[pos++] = '.';
        digits(b);
        buf[pos++] = '.';
        digits(c);
        buf[pos++] = '.';
        digits(d);
        buf[pos++] = '"';
    }

    /** The low {@code digits} hex digits of {@code v}, lower case, with leading zeros (as {@code IsakmpMessage.hex64} and {@code hex32}). */
    public void writeHex(long v, int digits) {
        beforeValue();
        ensure(digits + 2);
        byte[] b = buf;
        int p = pos;
        b[p++] = '"';
        for (int shift = (digits - 1) * 4; shift >= 0; shift -= 4) {
            b[p++] = HEX_LOWER[(int) (v >>> shift) & 0xf];
        }
        b[p++] = '"';
        pos = p;
    }

    /** A time as {@link Times#iso} writes it, without making the string. */
    public void writeIsoTime(long nanos) {
        if (!Times.civil(nanos)) {
            writeString(Times.iso(nanos));
            return;
        }
        beforeValue();
        ensure(Times.ISO_MAX + 2);
        buf[pos++] = '"';
        long second = Math.floorDiv(nanos, 1_000_000_000L);
        if (second != isoSecond) {
            Times.civil(isoPrefix, 0, second);
            isoSecond = second;
        }
        System.arraycopy(isoPrefix, 0, buf, pos, isoPrefix.length);
        pos = Times.fraction(buf, pos + isoPrefix.length, nanos);
        buf[pos++] = '"';
    }

    // ---- members

    public void writeStringField(String name, String value) {
        writeFieldName(name);
        writeString(value);
    }

    /** A member whose value is a {@link #writeLabel label}. */
    public void writeLabelField(String name, String value) {
        writeFieldName(name);
        writeLabel(value);
    }

    public void writeNumberField(String name, long value) {
        writeFieldName(name);
        writeNumber(value);
    }

    public void writeNumberField(String name, double value) {
        writeFieldName(name);
        writeNumber(value);
    }

    public void writeBooleanField(String name, boolean value) {
        writeFieldName(name);
        writeBoolean(value);
    }

    public void writeNullField(String name) {
        writeFieldName(name);
        writeNull();
    }

    public void writeObjectFieldStart(String name) {
        writeFieldName(name);
        writeStartObject();
    }

    public void writeArrayFieldStart(String name) {
        writeFieldName(name);
        writeStartArray();
    }

    /** A line break between root values (jsonl) or after the document. */
    public void writeNewline() {
        ensure(1);
        buf[pos++] = '\n';
    }

    public void writeStringField(Name name, String value) {
        writeFieldName(name);
        writeString(value);
    }

    public void writeLabelField(Name name, String value) {
        writeFieldName(name);
        writeLabel(value);
    }

    public void writeNumberField(Name name, long value) {
        writeFieldName(name);
        writeNumber(value);
    }

    public void writeNumberField(Name name, double value) {
        writeFieldName(name);
        writeNumber(value);
    }

    public void writeHex32Field(Name name, int v) {
        writeFieldName(name);
        writeHex(v & 0xffffffffL, 8);
    }

    public void writeIsoTimeField(Name name, long nanos) {
        writeFieldName(name);
        writeIsoTime(nanos);
    }

    public void writeBooleanField(Name name, boolean value) {
        writeFieldName(name);
        writeBoolean(value);
    }

    public void writeNullField(Name name) {
        writeFieldName(name);
        writeNull();
    }

    public void writeObjectFieldStart(Name name) {
        writeFieldName(name);
        writeStartObject();
    }

    public void writeArrayFieldStart(Name name) {
        writeFieldName(name);
        writeStartArray();
    }

    // ---- output

    /** Writes the buffer out once it holds {@link #CHUNK} bytes or more: call between records. */
    public void writeIfFull() throws IOException {
        if (pos >= CHUNK) {
            out.write(buf, 0, pos);
            pos = 0;
        }
    }

    /** Writes the buffer out and flushes the stream. */
    public void flush() throws IOException {
        if (pos > 0) {
            out.write(buf, 0, pos);
            pos = 0;
        }
        out.flush();
    }

    /** What is written and not yet flushed, for tests. */
    String buffered() {
        return new String(buf, 0, pos, StandardCharsets.UTF_8);
    }

    private void raw(byte[] b) {
        ensure(b.length);
        System.arraycopy(b, 0, buf, pos, b.length);
        pos += b.length;
    }

    private void digits(long v) {
        ensure(20);
        if (v < 0) {
            if (v == Long.MIN_VALUE) {
                raw(MIN_VALUE);
                return;
            }
            buf[pos++] = '-';
            v = -v;
        }
        if (v <= Integer.MAX_VALUE) {
            // Most numbers fit an int: int division is an instruction, long division under C1 a
            // call; the digits are counted by comparing, and each costs one division (C1 divides
            // by a constant with a division, and computes u % 10 with a second one).
            int u = (int) v;
            int p = pos + intDigits(u);
            pos = p;
            do {
                int q = u / 10;
                buf[--p] = (byte) ('0' + u - q * 10);
                u = q;
            } while (u != 0);
            return;
        }
        int n = 1;
        for (long t = v; t >= 10; t /= 10) {
            n++;
        }
        int p = pos + n;
        pos = p;
        do {
            buf[--p] = (byte) ('0' + (int) (v % 10));
            v /= 10;
        } while (v != 0);
    }

    /** The decimal digits of {@code u} (not negative). */
    private static int intDigits(int u) {
        if (u < 100_000) {
            return u < 100 ? (u < 10 ? 1 : 2) : u < 1000 ? 3 : u < 10_000 ? 4 : 5;
        }
        return u < 10_000_000 ? (u < 1_000_000 ? 6 : 7) : u < 100_000_000 ? 8 : u < 1_000_000_000 ? 9 : 10;
    }

    private static final byte[] MIN_VALUE = Long.toString(Long.MIN_VALUE).getBytes(StandardCharsets.US_ASCII);

    /** Room for n more bytes: the buffer grows (it is written out only between values). */
    private void ensure(int n) {
        if (pos + n > buf.length) {
            buf = java.util.Arrays.copyOf(buf, Math.max(buf.length * 2, pos + n));
        }
    }
}
