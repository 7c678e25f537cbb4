package org.ikescope.api.protocol;

/**
 * IPsec DOI ISAKMP transform identifiers (RFC 2407 section 4.4.2). Ranges: 0 and 2-248 reserved,
 * 249-255 private use.
 *
 * <p>This is a <em>type</em> registry: {@link #nameOf(int)} returns the constant name
 * (the IANA name written UPPER_SNAKE) for known codes.
 * Unassigned codes map to {@link #UNKNOWN} and are named by range ({@code "RESERVED"}, {@code
 * "PRIVATE_USE"}, otherwise {@code "UNASSIGNED"}; {@code "INVALID"} for values that do not fit the
 * 8-bit wire field).
 */
public enum IsakmpTransformId implements RegistryValue {
    /** KEY_IKE (code 1; RFC 2407). */
    KEY_IKE(1, "RFC 2407", "KEY_IKE"),
    /** Sentinel returned by {@link #of(int)} for a code this registry does not assign; its code is -1. */
    UNKNOWN(-1, "", "Unknown");

    private static final CodeTable<IsakmpTransformId> TABLE = new CodeTable<>(values());

    private final Entry entry;

    IsakmpTransformId(int code, String reference, String label) {
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
    public static IsakmpTransformId of(int code) {
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
        IsakmpTransformId c = of(code);
        return c != UNKNOWN ? c.wireName() : Ranges.isakmpTransformId(code);
    }
}
