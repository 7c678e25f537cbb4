package org.ikescope.api.protocol;

/**
 * Mode-config (transaction exchange) attribute payload message types
 * (draft-dukes-ike-mode-cfg / draft-ietf-ipsec-isakmp-mode-cfg-05 section 3.2; IKEv2 CFG types in
 * RFC 7296 section 3.15 use the same numbers). Ranges: 0 reserved, 5-127 unassigned, 128-255 private
 * use.
 *
 * <p>This is a <em>type</em> registry: {@link #nameOf(int)} returns the constant name
 * (the IANA name written UPPER_SNAKE) for known codes.
 * Unassigned codes map to {@link #UNKNOWN} and are named by range ({@code "RESERVED"}, {@code
 * "PRIVATE_USE"}, otherwise {@code "UNASSIGNED"}; {@code "INVALID"} for values that do not fit the
 * 8-bit wire field).
 */
public enum ConfigMessageType {
    /** ISAKMP_CFG_REQUEST (code 1; draft-dukes-ike-mode-cfg). */
    ISAKMP_CFG_REQUEST(1, "draft-dukes-ike-mode-cfg", "ISAKMP_CFG_REQUEST"),
    /** ISAKMP_CFG_REPLY (code 2; draft-dukes-ike-mode-cfg). */
    ISAKMP_CFG_REPLY(2, "draft-dukes-ike-mode-cfg", "ISAKMP_CFG_REPLY"),
    /** ISAKMP_CFG_SET (code 3; draft-dukes-ike-mode-cfg). */
    ISAKMP_CFG_SET(3, "draft-dukes-ike-mode-cfg", "ISAKMP_CFG_SET"),
    /** ISAKMP_CFG_ACK (code 4; draft-dukes-ike-mode-cfg). */
    ISAKMP_CFG_ACK(4, "draft-dukes-ike-mode-cfg", "ISAKMP_CFG_ACK"),
    /** Sentinel returned by {@link #of(int)} for a code this registry does not assign; its code is -1. */
    UNKNOWN(-1, "", "Unknown");

    private static final CodeTable<ConfigMessageType> TABLE = new CodeTable<>(values(), ConfigMessageType::code);

    private final int code;
    private final String reference;
    private final String label;

    ConfigMessageType(int code, String reference, String label) {
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
    public static ConfigMessageType of(int code) {
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
        ConfigMessageType c = of(code);
        return c != UNKNOWN ? c.wireName() : rangeName(code);
    }

    private static String rangeName(int code) {
        if (code < 0 || code > 255) {
            return "INVALID";
        }
        if (code == 0) {
            return "RESERVED";
        }
        if (code >= 128 && code <= 255) {
            return "PRIVATE_USE";
        }
        return "UNASSIGNED";
    }
}
