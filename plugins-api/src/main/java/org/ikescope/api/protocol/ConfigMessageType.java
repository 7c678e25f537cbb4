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
public enum ConfigMessageType implements RegistryValue {
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

    private static final CodeTable<ConfigMessageType> TABLE = new CodeTable<>(values());

    private final Entry entry;

    ConfigMessageType(int code, String reference, String label) {
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
        return c != UNKNOWN ? c.wireName() : Ranges.modeCfgMessageType(code);
    }
}
