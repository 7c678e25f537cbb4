package org.ikescope.api.protocol;

/**
 * IKEv2 traffic selector types (RFC 7296 section 3.13.1 and the IANA "IKEv2 Traffic Selector Types"
 * registry; TS_FC_ADDR_RANGE from RFC 4595, TS_SECLABEL from RFC 9478). Ranges: 0-6 reserved,
 * 11-240 unassigned, 241-255 private use.
 *
 * <p>This is a <em>type</em> registry: {@link #nameOf(int)} returns the constant name
 * (the IANA name written UPPER_SNAKE) for known codes.
 * Unassigned codes map to {@link #UNKNOWN} and are named by range ({@code "RESERVED"}, {@code
 * "PRIVATE_USE"}, otherwise {@code "UNASSIGNED"}; {@code "INVALID"} for values that do not fit the
 * 8-bit wire field).
 */
public enum Ikev2TsType implements RegistryValue {
    /** TS_IPV4_ADDR_RANGE (code 7; RFC 7296). */
    TS_IPV4_ADDR_RANGE(7, "RFC 7296", "TS_IPV4_ADDR_RANGE"),
    /** TS_IPV6_ADDR_RANGE (code 8; RFC 7296). */
    TS_IPV6_ADDR_RANGE(8, "RFC 7296", "TS_IPV6_ADDR_RANGE"),
    /** TS_FC_ADDR_RANGE (code 9; RFC 4595). */
    TS_FC_ADDR_RANGE(9, "RFC 4595", "TS_FC_ADDR_RANGE"),
    /** TS_SECLABEL (code 10; RFC 9478). */
    TS_SECLABEL(10, "RFC 9478", "TS_SECLABEL"),
    /** Sentinel returned by {@link #of(int)} for a code this registry does not assign; its code is -1. */
    UNKNOWN(-1, "", "Unknown");

    private static final CodeTable<Ikev2TsType> TABLE = new CodeTable<>(values());

    private final Entry entry;

    Ikev2TsType(int code, String reference, String label) {
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
    public static Ikev2TsType of(int code) {
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
        Ikev2TsType c = of(code);
        return c != UNKNOWN ? c.wireName() : Ranges.ikev2TsType(code);
    }
}
