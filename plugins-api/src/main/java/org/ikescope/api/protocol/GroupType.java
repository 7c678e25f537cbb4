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
public enum GroupType {
    /** MODP (code 1; RFC 2409). */
    MODP(1, "RFC 2409", "MODP"),
    /** ECP (code 2; RFC 2409). */
    ECP(2, "RFC 2409", "ECP"),
    /** EC2N (code 3; RFC 2409). */
    EC2N(3, "RFC 2409", "EC2N"),
    /** Sentinel returned by {@link #of(int)} for a code this registry does not assign; its code is -1. */
    UNKNOWN(-1, "", "Unknown");

    private static final CodeTable<GroupType> TABLE = new CodeTable<>(values(), GroupType::code);

    private final int code;
    private final String reference;
    private final String label;

    GroupType(int code, String reference, String label) {
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
        return label;
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
        return c != UNKNOWN ? c.wireName() : rangeName(code);
    }

    private static String rangeName(int code) {
        if (code < 0 || code > 65535) {
            return "INVALID";
        }
        if (code == 0) {
            return "RESERVED";
        }
        if (code >= 65001 && code <= 65535) {
            return "PRIVATE_USE";
        }
        return "UNASSIGNED";
    }
}
