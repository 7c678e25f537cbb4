package org.ikescope.api.protocol;

/**
 * IKEv2 security protocol identifiers (RFC 7296 section 3.3.1 and the IANA "IKEv2 Security Protocol
 * Identifiers" registry; FC values from RFC 4595). Ranges: 6-200 unassigned, 201-255 private use.
 *
 * <p>This is a <em>type</em> registry: {@link #nameOf(int)} returns the constant name
 * (the IANA name written UPPER_SNAKE) for known codes.
 * Unassigned codes map to {@link #UNKNOWN} and are named by range ({@code "PRIVATE_USE"},
 * otherwise {@code "UNASSIGNED"}; {@code "INVALID"} for values that do not fit the 8-bit wire
 * field).
 */
public enum Ikev2ProtocolId implements RegistryValue {
    /** RESERVED (code 0; RFC 7296). */
    RESERVED(0, "RFC 7296", "RESERVED"),
    /** IKE (code 1; RFC 7296). */
    IKE(1, "RFC 7296", "IKE"),
    /** AH (code 2; RFC 7296). */
    AH(2, "RFC 7296", "AH"),
    /** ESP (code 3; RFC 7296). */
    ESP(3, "RFC 7296", "ESP"),
    /** FC_ESP_HEADER (code 4; RFC 4595). */
    FC_ESP_HEADER(4, "RFC 4595", "FC_ESP_HEADER"),
    /** FC_CT_AUTHENTICATION (code 5; RFC 4595). */
    FC_CT_AUTHENTICATION(5, "RFC 4595", "FC_CT_AUTHENTICATION"),
    /** Sentinel returned by {@link #of(int)} for a code this registry does not assign; its code is -1. */
    UNKNOWN(-1, "", "Unknown");

    private static final CodeTable<Ikev2ProtocolId> TABLE = new CodeTable<>(values());

    private final Entry entry;

    Ikev2ProtocolId(int code, String reference, String label) {
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
    public static Ikev2ProtocolId of(int code) {
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
        Ikev2ProtocolId c = of(code);
        return c != UNKNOWN ? c.wireName() : Ranges.certEncodingOrIkev2ProtocolId(code);
    }
}
