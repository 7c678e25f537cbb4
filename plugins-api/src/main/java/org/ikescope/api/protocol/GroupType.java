package org.ikescope.api.protocol;

/**
 * IKEv1 Group-Type attribute values (RFC 2409 Appendix A). Ranges: 0 reserved, 4-65000 unassigned,
 * 65001-65535 private use.
 *
 * <p>This is an attribute-<em>value</em> registry: {@link #nameOf(int)} returns the
 * constant's {@link #label()} for known codes.
 * Unassigned codes map to {@link #UNKNOWN} and are named by range ({@code "RESERVED"}, {@code
 * "PRIVATE_USE"}, otherwise {@code "UNASSIGNED"}; {@code "INVALID"} for values that do not fit the
 * 16-bit wire field).
 */
public enum GroupType implements RegistryValue {
    /** MODP (code 1; RFC 2409). */
    MODP(1, "RFC 2409", "MODP"),
    /** ECP (code 2; RFC 2409). */
    ECP(2, "RFC 2409", "ECP"),
    /** EC2N (code 3; RFC 2409). */
    EC2N(3, "RFC 2409", "EC2N"),
    /** Sentinel returned by {@link #of(int)} for a code this registry does not assign; its code is -1. */
    UNKNOWN(-1, "", "Unknown");

    private static final CodeTable<GroupType> TABLE = new CodeTable<>(values());

    private final Entry entry;

    GroupType(int code, String reference, String label) {
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
    public static GroupType of(int code) {
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
        GroupType c = of(code);
        return c != UNKNOWN ? c.wireName() : Ranges.ikeAttributeValue(code);
    }
}
