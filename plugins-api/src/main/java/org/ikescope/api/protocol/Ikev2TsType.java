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
public enum Ikev2TsType {
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

    private static final CodeTable<Ikev2TsType> TABLE = new CodeTable<>(values(), Ikev2TsType::code);

    private final int code;
    private final String reference;
    private final String label;

    Ikev2TsType(int code, String reference, String label) {
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
        return c != UNKNOWN ? c.wireName() : rangeName(code);
    }

    private static String rangeName(int code) {
        if (code < 0 || code > 255) {
            return "INVALID";
        }
        if (code >= 0 && code <= 6) {
            return "RESERVED";
        }
        if (code >= 241 && code <= 255) {
            return "PRIVATE_USE";
        }
        return "UNASSIGNED";
    }
}
