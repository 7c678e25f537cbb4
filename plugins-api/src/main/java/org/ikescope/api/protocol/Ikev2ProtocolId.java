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
public enum Ikev2ProtocolId {
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

    private static final CodeTable<Ikev2ProtocolId> TABLE = new CodeTable<>(values(), Ikev2ProtocolId::code);

    private final int code;
    private final String reference;
    private final String label;

    Ikev2ProtocolId(int code, String reference, String label) {
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
        return c != UNKNOWN ? c.wireName() : rangeName(code);
    }

    private static String rangeName(int code) {
        if (code < 0 || code > 255) {
            return "INVALID";
        }
        if (code >= 201 && code <= 255) {
            return "PRIVATE_USE";
        }
        return "UNASSIGNED";
    }
}
