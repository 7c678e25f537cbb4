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
public enum IpcompTransformId {
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

    private static final CodeTable<IpcompTransformId> TABLE = new CodeTable<>(values(), IpcompTransformId::code);

    private final int code;
    private final String reference;
    private final String label;

    IpcompTransformId(int code, String reference, String label) {
        this.code = code;
        this.reference = reference;
        this.label = label;
    }

    /**
     * The numeric code as carried on the wire.
     *
     * @return the registry code, or -1 for {@link #UNKNOWN}
     */
    public int code() {
        return code;
    }

    /**
     * The document that assigns this code (for example {@code "RFC 2408"}).
     *
     * @return the reference, empty for {@link #UNKNOWN}
     */
    public String reference() {
        return reference;
    }

    /**
     * A human, tshark-like label for this code.
     *
     * @return the label, never null
     */
    public String label() {
        return label;
    }

    /**
     * The name {@link #nameOf(int)} returns for this constant's code (used as the JSON name).
     *
     * @return the wire name, never null
     */
    public String wireName() {
        return name();
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
        return c != UNKNOWN ? c.wireName() : rangeName(code);
    }

    private static String rangeName(int code) {
        if (code < 0 || code > 255) {
            return "INVALID";
        }
        if (code == 0) {
            return "RESERVED";
        }
        if (code >= 48 && code <= 63) {
            return "PRIVATE_USE";
        }
        return "UNASSIGNED";
    }
}
