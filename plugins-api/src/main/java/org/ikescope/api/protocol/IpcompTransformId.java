package org.ikescope.api.protocol;

/**
 * IPsec DOI IPCOMP transform identifiers (RFC 2407 section 4.4.5; LZJH from RFC 3051). Ranges: 0
 * reserved, 5-47 and 64-255 unassigned, 48-63 private use.
 *
 * <p>This is a <em>type</em> registry: {@link #nameOf(int)} returns the constant name
 * (the IANA name written UPPER_SNAKE) for known codes.
 * Unassigned codes map to {@link #UNKNOWN} and are named by range ({@code "RESERVED"}, {@code
 * "PRIVATE_USE"}, otherwise {@code "UNASSIGNED"}; {@code "INVALID"} for values that do not fit the
 * 8-bit wire field).
 */
public enum IpcompTransformId implements RegistryValue {
    /** OUI (code 1; RFC 2407). */
    IPCOMP_OUI(1, "RFC 2407", "OUI"),
    /** DEFLATE (code 2; RFC 2407). */
    IPCOMP_DEFLATE(2, "RFC 2407", "DEFLATE"),
    /** LZS (code 3; RFC 2407). */
    IPCOMP_LZS(3, "RFC 2407", "LZS"),
    /** LZJH (code 4; RFC 3051). */
    IPCOMP_LZJH(4, "RFC 3051", "LZJH"),
    /** Sentinel returned by {@link #of(int)} for a code this registry does not assign; its code is -1. */
    UNKNOWN(-1, "", "Unknown");

    private static final CodeTable<IpcompTransformId> TABLE = new CodeTable<>(values());

    private final Entry entry;

    IpcompTransformId(int code, String reference, String label) {
        this.entry = new Entry(code, reference, label);
    }

    @Override
    public Entry entry() {
        return entry;
    }

    /**
     * Looks a code up. Never throws and never allocates.
     *
     * @param code the code read from the wire
     * @return the constant for {@code code}, or {@link #UNKNOWN} if the code is unassigned
     */
    public static IpcompTransformId of(int code) {
        return TABLE.get(code, UNKNOWN);
    }

    /**
     * The wire name of a code: {@link #wireName()} for a known code, else the name of the range
     * the code falls in. Never throws and never allocates.
     *
     * @param code the code read from the wire
     * @return the name, never null
     */
    public static String nameOf(int code) {
        IpcompTransformId c = of(code);
        return c != UNKNOWN ? c.wireName() : Ranges.ipcompTransformId(code);
    }
}
