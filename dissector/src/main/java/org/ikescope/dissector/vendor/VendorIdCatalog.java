package org.ikescope.dissector.vendor;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableSet;
import com.google.common.io.BaseEncoding;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * A catalogue of known ISAKMP/IKE Vendor ID payload values.
 *
 * <p>Each entry is either an {@code exact} value (the whole Vendor ID payload body must be equal)
 * or a {@code prefix} (a fixed leading part followed by version, capability or product bytes, as
 * for Cisco Unity, Check Point, Netscreen, "MS NT5 ISAKMPOAKLEY" or the FreeS/WAN "OE" family).
 * A {@linkplain #lookup(ByteBuffer) lookup} tries an exact match first and otherwise returns the
 * entry with the longest matching prefix.
 *
 * <p>The built-in catalogue ({@link #builtIn()}) is read from the class-path resource
 * {@code org/ikescope/dissector/vendor/vendor-ids.tsv}; see the header of that file for the column
 * format and the meaning of the flags. {@link #load(Reader)} reads the same format, e.g. for a
 * user-supplied extra catalogue.
 *
 * <p>Instances are immutable and thread-safe. Lookups never throw for any input (other than a
 * {@code null} argument), never modify the buffer and, on the exact-match path, allocate nothing.
 */
public final class VendorIdCatalog {

    /** Name of the built-in catalogue resource, relative to this class. */
    static final String RESOURCE = "vendor-ids.tsv";

    private static final BaseEncoding HEX = BaseEncoding.base16().lowerCase();

    private final ImmutableList<VendorId> entries;
    /** Raw bytes of {@link #entries}, same order. */
    private final byte[][] values;
    /** Pre-built results, same order, so that a hit allocates nothing. */
    private final List<Optional<VendorId>> results;

    /** Open-addressing hash table of the exact entries: full 64-bit hash and entry index (-1 = empty). */
    private final long[] slotHash;
    private final int[] slotEntry;
    private final int mask;

    /** Indices of the prefix entries, longest prefix first. */
    private final int[] prefixEntries;
    /** Per prefix entry: its first eight bytes as a big-endian number (0 when shorter). */
    private final long[] prefixHeads;

    /**
     * What each entry's flags say about NAT traversal, worked out once (the decoder asks for every
     * VID payload): the payload numbers of its {@code natd=} flags (-1 for one that is not a
     * number), and {@link #NATT_RFC}, {@link #NATT_NONE} or the draft number.
     */
    private final int[][] natDiscoveryTypes;
    private final int[] natTraversal;
    /** {@link #natTraversal}: the RFC 3947 VID. */
    public static final int NATT_RFC = -1;
    /** {@link #natTraversal}: neither the RFC VID nor a numbered draft. */
    public static final int NATT_NONE = -2;
    private static final String NATD_FLAG = "natd=";

    private VendorIdCatalog(List<VendorId> entries, List<byte[]> values) {
        this.entries = ImmutableList.copyOf(entries);
        this.values = values.toArray(new byte[0][]);
        List<Optional<VendorId>> res = new ArrayList<>(entries.size());
        for (VendorId v : entries) {
            res.add(Optional.of(v));
        }
        this.results = ImmutableList.copyOf(res);

        int exactCount = 0;
        List<Integer> prefixes = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            if (entries.get(i).prefix()) {
                prefixes.add(i);
            } else {
                exactCount++;
            }
        }
        int capacity = Integer.highestOneBit(Math.max(4, exactCount * 2 + 1) - 1) << 1;
        this.mask = capacity - 1;
        this.slotHash = new long[capacity];
        this.slotEntry = new int[capacity];
        Arrays.fill(slotEntry, -1);
        for (int i = 0; i < entries.size(); i++) {
            if (entries.get(i).prefix()) {
                continue;
            }
            byte[] v = this.values[i];
            long h = hash(v);
            int slot = (int) h & mask;
            while (slotEntry[slot] >= 0) {
                slot = (slot + 1) & mask;
            }
            slotHash[slot] = h;
            slotEntry[slot] = i;
        }
        this.natDiscoveryTypes = new int[entries.size()][];
        this.natTraversal = new int[entries.size()];
        for (int i = 0; i < entries.size(); i++) {
            VendorId v = entries.get(i);
            natDiscoveryTypes[i] = natDiscoveryTypes(v);
            natTraversal[i] = v.natTraversalRfc() ? NATT_RFC : v.natTraversalDraft().orElse(NATT_NONE);
        }
        byte[][] vals = this.values;
        prefixes.sort(Comparator.comparingInt((Integer i) -> vals[i].length).reversed()
                .thenComparingInt(i -> i));
        this.prefixEntries = prefixes.stream().mapToInt(Integer::intValue).toArray();
        this.prefixHeads = new long[prefixEntries.length];
        for (int k = 0; k < prefixEntries.length; k++) {
            byte[] v = vals[prefixEntries[k]];
            prefixHeads[k] = v.length >= Long.BYTES ? be64(v, 0) : 0;
        }
    }

    /**
     * Returns the catalogue shipped with ikescope, loaded from the class path on first use.
     *
     * @return the built-in catalogue (always the same instance)
     * @throws IllegalStateException if the resource is missing or malformed (a packaging bug)
     */
    public static VendorIdCatalog builtIn() {
        return BuiltIn.INSTANCE;
    }

    /** Lazy holder of the built-in catalogue. */
    private static final class BuiltIn {
        static final VendorIdCatalog INSTANCE = loadBuiltIn();

        private static VendorIdCatalog loadBuiltIn() {
            try (InputStream in = VendorIdCatalog.class.getResourceAsStream(RESOURCE)) {
                if (in == null) {
                    throw new IllegalStateException("missing resource " + RESOURCE);
                }
                return load(new InputStreamReader(in, StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new IllegalStateException("cannot load built-in vendor ID catalogue", new UncheckedIOException(e));
            }
        }
    }

    /**
     * Reads a catalogue in the {@code vendor-ids.tsv} format: UTF-8 text, one entry per line,
     * {@code hex<TAB>match<TAB>label<TAB>source[<TAB>flags]}, with blank lines and lines starting
     * with {@code #} ignored. The reader is consumed but not closed.
     *
     * @param reader the catalogue text
     * @return the catalogue
     * @throws IOException if reading fails or a line is malformed (the message names the line),
     *     including a hex value that appears twice
     */
    public static VendorIdCatalog load(Reader reader) throws IOException {
        Objects.requireNonNull(reader, "reader");
        BufferedReader in = reader instanceof BufferedReader b ? b : new BufferedReader(reader);
        List<VendorId> entries = new ArrayList<>();
        List<byte[]> values = new ArrayList<>();
        Map<String, Integer> seen = new HashMap<>();
        String line;
        int lineNo = 0;
        while ((line = in.readLine()) != null) {
            lineNo++;
            if (lineNo == 1 && line.startsWith("\uFEFF")) {
                line = line.substring(1);
            }
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] f = line.split("\t", -1);
            if (f.length < 4 || f.length > 5) {
                throw malformed(lineNo, "expected 4 or 5 tab-separated columns, got " + f.length);
            }
            String hex = f[0].strip();
            byte[] value = lowerHex(hex);
            if (value == null) {
                throw malformed(lineNo, "hex must be a non-empty, even-length, lowercase hex string: '" + hex + "'");
            }
            boolean prefix;
            switch (f[1].strip()) {
                case "exact" -> prefix = false;
                case "prefix" -> prefix = true;
                default -> throw malformed(lineNo, "match must be 'exact' or 'prefix': '" + f[1] + "'");
            }
            String label = f[2].strip();
            if (label.isEmpty()) {
                throw malformed(lineNo, "empty label");
            }
            String source = f[3].strip();
            if (source.isEmpty()) {
                throw malformed(lineNo, "empty source");
            }
            Set<String> flags = f.length == 5 ? flags(f[4]) : ImmutableSet.of();
            Integer previous = seen.putIfAbsent(hex, lineNo);
            if (previous != null) {
                throw malformed(lineNo, "duplicate vendor ID " + hex + " (first on line " + previous + ")");
            }
            entries.add(new VendorId(hex, prefix, label, source, flags));
            values.add(value);
        }
        return new VendorIdCatalog(entries, values);
    }

    // The built-in catalogue is read once per run, on the start-up path, by code that runs too
    // rarely to be compiled: plain loops here, no streams or regular expressions (issue 10).

    /** The bytes of a non-empty, even-length, lowercase hex string; null when it is not one. */
    private static byte[] lowerHex(String hex) {
        int n = hex.length();
        if (n == 0 || n % 2 != 0) {
            return null;
        }
        byte[] out = new byte[n / 2];
        for (int i = 0; i < n; i += 2) {
            int hi = lowerHexDigit(hex.charAt(i));
            int lo = lowerHexDigit(hex.charAt(i + 1));
            if (hi < 0 || lo < 0) {
                return null;
            }
            out[i / 2] = (byte) (hi << 4 | lo);
        }
        return out;
    }

    private static int lowerHexDigit(char c) {
        return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
    }

    /** The comma-separated flags of a line, stripped, empty ones left out, in order. */
    private static Set<String> flags(String column) {
        ImmutableSet.Builder<String> flags = ImmutableSet.builder();
        int from = 0;
        while (from <= column.length()) {
            int comma = column.indexOf(',', from);
            int to = comma < 0 ? column.length() : comma;
            String t = column.substring(from, to).strip();
            if (!t.isEmpty()) {
                flags.add(t);
            }
            from = to + 1;
        }
        return flags.build();
    }

    private static IOException malformed(int lineNo, String what) {
        return new IOException("vendor ID catalogue line " + lineNo + ": " + what);
    }

    /**
     * Identifies a Vendor ID payload body.
     *
     * @param vid the payload body, from its position to its limit; neither the position nor the
     *     limit is changed
     * @return the exact entry if there is one, otherwise the entry with the longest prefix of the
     *     body, otherwise empty
     */
    public Optional<VendorId> lookup(ByteBuffer vid) {
        Objects.requireNonNull(vid, "vid");
        int len = vid.remaining();
        int e;
        if (vid.hasArray()) {
            e = find(vid.array(), vid.arrayOffset() + vid.position(), len);
        } else {
            byte[] copy = new byte[len];
            vid.get(vid.position(), copy);
            e = find(copy, 0, len);
        }
        return e < 0 ? Optional.empty() : results.get(e);
    }

    /**
     * Identifies the Vendor ID payload body {@code m[off, off+len)} without allocating (the
     * decoder's path): the index of the exact entry if there is one, otherwise of the entry with the
     * longest prefix of the body, otherwise -1. See {@link #entry}, {@link #natTraversal},
     * {@link #natDiscoveryTypes}.
     */
    public int find(byte[] m, int off, int len) {
        Objects.checkFromIndexSize(off, len, m.length);
        long h = hash(m, off, len);
        int slot = (int) h & mask;
        int e;
        while ((e = slotEntry[slot]) >= 0) {
            if (slotHash[slot] == h && values[e].length == len && startsWith(m, off, len, values[e])) {
                return e;
            }
            slot = (slot + 1) & mask;
        }
        // The prefix entries, longest first. Their first eight bytes, compared as one number, rule
        // out nearly every entry before a byte-by-byte comparison (an unknown VID meets them all).
        long head = len >= Long.BYTES ? be64(m, off) : 0;
        for (int k = 0; k < prefixEntries.length; k++) {
            int p = prefixEntries[k];
            byte[] v = values[p];
            if (v.length <= len && (v.length < Long.BYTES || prefixHeads[k] == head) && startsWith(m, off, len, v)) {
                return p;
            }
        }
        return -1;
    }

    /** The entry at {@code index} ({@link #find}), in catalogue order. */
    public VendorId entry(int index) {
        return entries.get(index);
    }

    /**
     * What the entry at {@code index} says of NAT traversal: {@link #NATT_RFC} for RFC 3947's VID,
     * the draft-ietf-ipsec-nat-t-ike revision it announces, else {@link #NATT_NONE}; as
     * {@link VendorId#natTraversalRfc()} and {@link VendorId#natTraversalDraft()}.
     */
    public int natTraversal(int index) {
        return natTraversal[index];
    }

    /**
     * The payload numbers under which the entry at {@code index} announces NAT-D ({@code natd=}
     * flags; -1 for a flag that is not a number); empty for most entries. Do not change the array.
     */
    public int[] natDiscoveryTypes(int index) {
        return natDiscoveryTypes[index];
    }

    /** The numbers of an entry's {@code natd=} flags (-1 for one that is not a number), in order. */
    private static int[] natDiscoveryTypes(VendorId v) {
        int n = 0;
        for (String f : v.flags()) {
            if (f.startsWith(NATD_FLAG)) {
                n++;
            }
        }
        int[] types = new int[n];
        int k = 0;
        for (String f : v.flags()) {
            if (f.startsWith(NATD_FLAG)) {
                types[k++] = parseIntOr(f.substring(NATD_FLAG.length()), -1);
            }
        }
        return types;
    }

    private static int parseIntOr(String s, int fallback) {
        try {
            return Integer.parseInt(s.trim());
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    /**
     * Identifies a Vendor ID payload body.
     *
     * @param vid the whole payload body
     * @return as {@link #lookup(ByteBuffer)}
     */
    public Optional<VendorId> lookup(byte[] vid) {
        Objects.requireNonNull(vid, "vid");
        return lookup(ByteBuffer.wrap(vid));
    }

    /**
     * Returns the number of entries.
     *
     * @return the number of entries
     */
    public int size() {
        return entries.size();
    }

    /**
     * Returns all entries in catalogue order.
     *
     * @return an immutable list of the entries
     */
    public List<VendorId> entries() {
        return entries;
    }

    private static boolean startsWith(byte[] m, int off, int len, byte[] v) {
        return v.length <= len && Arrays.equals(m, off, off + v.length, v, 0, v.length);
    }

    private static long hash(byte[] v) {
        return hash(v, 0, v.length);
    }

    /** Eight bytes at a time, then the rest byte by byte: a VID is 16 to 20 bytes, two or three steps. */
    private static long hash(byte[] m, int off, int len) {
        long h = seed(len);
        int i = off;
        for (int end = off + len - Long.BYTES; i <= end; i += Long.BYTES) {
            h = (h ^ be64(m, i)) * 0x100000001b3L;
            h ^= h >>> 29;
        }
        for (; i < off + len; i++) {
            h = step(h, m[i]);
        }
        return finish(h);
    }

    /** {@code m[i, i+8)} as a big-endian number (shifts: as fast under C1, which the launcher mostly runs, as under C2). */
    private static long be64(byte[] m, int i) {
        return (m[i] & 0xffL) << 56 | (m[i + 1] & 0xffL) << 48 | (m[i + 2] & 0xffL) << 40 | (m[i + 3] & 0xffL) << 32
                | (m[i + 4] & 0xffL) << 24 | (m[i + 5] & 0xffL) << 16 | (m[i + 6] & 0xffL) << 8 | (m[i + 7] & 0xffL);
    }

    private static long seed(int len) {
        return 0xcbf29ce484222325L ^ (len * 0x9e3779b97f4a7c15L);
    }

    private static long step(long h, byte b) {
        return (h ^ (b & 0xff)) * 0x100000001b3L;
    }

    private static long finish(long h) {
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        return h;
    }

    @Override
    public String toString() {
        return "VendorIdCatalog[" + entries.size() + " entries]";
    }

    /**
     * One catalogue entry.
     *
     * @param hex lowercase hex of the Vendor ID (or of its fixed leading part)
     * @param prefix {@code true} if any payload body starting with these bytes matches,
     *     {@code false} if the body must be equal
     * @param label a human label (Wireshark's where Wireshark knows the value)
     * @param source where the fact comes from (RFC, draft, Wireshark, ike-scan, strongSwan, ...)
     * @param flags tags such as {@code natt-rfc}, {@code natt-draft-02}, {@code natd=130},
     *     {@code dpd}, {@code xauth}, {@code unity}, {@code frag} or {@code impl=strongswan}
     */
    public record VendorId(String hex, boolean prefix, String label, String source, Set<String> flags) {

        private static final String IMPL = "impl=";
        private static final String NATT_DRAFT = "natt-draft-";

        /**
         * Validates the components and makes {@code flags} an immutable, ordered copy.
         */
        public VendorId {
            Objects.requireNonNull(hex, "hex");
            Objects.requireNonNull(label, "label");
            Objects.requireNonNull(source, "source");
            flags = ImmutableSet.copyOf(Objects.requireNonNull(flags, "flags"));
        }

        /**
         * Returns the raw Vendor ID bytes (a fresh copy).
         *
         * @return the decoded {@link #hex()}
         */
        public byte[] bytes() {
            return HEX.decode(hex);
        }

        /**
         * Returns the implementation this Vendor ID reveals, from the {@code impl=NAME} flag.
         *
         * @return the implementation name (e.g. {@code "cisco"}, {@code "strongswan"}), if known
         */
        public Optional<String> implementation() {
            for (String f : flags) {
                if (f.startsWith(IMPL) && f.length() > IMPL.length()) {
                    return Optional.of(f.substring(IMPL.length()));
                }
            }
            return Optional.empty();
        }

        /**
         * Tells whether the entry carries a flag.
         *
         * @param flag a flag such as {@code "dpd"} or {@code "impl=cisco"}
         * @return {@code true} if the flag is present
         */
        public boolean has(String flag) {
            return flags.contains(flag);
        }

        /**
         * Returns the draft-ietf-ipsec-nat-t-ike revision this VID announces.
         *
         * @return the draft number (e.g. 2 for {@code natt-draft-02}); empty for RFC 3947 and
         *     for VIDs that are not a numbered NAT-T draft
         */
        public OptionalInt natTraversalDraft() {
            for (String f : flags) {
                if (f.startsWith(NATT_DRAFT)) {
                    String n = f.substring(NATT_DRAFT.length());
                    if (!n.isEmpty() && n.length() <= 3 && isDigits(n)) {
                        return OptionalInt.of(Integer.parseInt(n));
                    }
                }
            }
            return OptionalInt.empty();
        }

        private static boolean isDigits(String n) {
            for (int i = 0; i < n.length(); i++) {
                if (n.charAt(i) < '0' || n.charAt(i) > '9') {
                    return false;
                }
            }
            return true;
        }

        /**
         * Tells whether this is the RFC 3947 NAT-Traversal VID.
         *
         * @return {@code true} for the {@code natt-rfc} flag
         */
        public boolean natTraversalRfc() {
            return flags.contains("natt-rfc");
        }
    }
}
