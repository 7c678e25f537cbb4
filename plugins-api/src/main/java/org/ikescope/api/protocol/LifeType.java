package org.ikescope.api.protocol;

/**
 * Life-Type attribute values, shared by the IKEv1 phase-1 Life-Type (RFC 2409 Appendix A) and the
 * IPsec DOI SA-Life-Type (RFC 2407 section 4.5). Ranges: 0 reserved, 3-65000 unassigned,
 * 65001-65535 private use (phase 1) / 61440-65535 (IPsec DOI); {@link #nameOf(int)} names
 * unassigned codes by the IPsec DOI ranges.
 *
 * <p>This is an attribute-<em>value</em> registry: {@link #nameOf(int)} returns the
 * constant's {@link #label()} for known codes.
 * Unassigned codes map to {@link #UNKNOWN} and are named by range ({@code "RESERVED"}, {@code
 * "PRIVATE_USE"}, otherwise {@code "UNASSIGNED"}; {@code "INVALID"} for values that do not fit the
 * 16-bit wire field).
 */
public enum LifeType implements RegistryValue {
    /** Seconds (code 1; RFC 2409). */
    SECONDS(1, "RFC 2409", "Seconds"),
    /** Kilobytes (code 2; RFC 2409). */
    KILOBYTES(2, "RFC 2409", "Kilobytes"),
    /** Sentinel returned by {@link #of(int)} for a code this registry does not assign; its code is -1. */
    UNKNOWN(-1, "", "Unknown");

    private static final CodeTable<LifeType> TABLE = new CodeTable<>(values());

    private final Entry entry;

    LifeType(int code, String reference, String label) {
        this.entry = new Entry(code, reference, label);
    }

    @Override
    public Entry entry() {
        return entry;
    }

    /**
     * The {@link #label()}: this is an attribute-value registry.
     *
     * @return the label, never null
     */
    @Override
    public String wireName() {
        return label();
    }

    /**
     * Looks a code up. Never throws and never allocates.
     *
     * @param code the code read from the wire
     * @return the constant for {@code code}, or {@link #UNKNOWN} if the code is unassigned
     */
    public static LifeType of(int code) {
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
        LifeType c = of(code);
        return c != UNKNOWN ? c.wireName() : Ranges.ipsecAttributeValue(code);
    }
}
