package org.ikescope.api.protocol;

/**
 * IPsec DOI security protocol identifiers (RFC 2407 section 4.4.1; PROTO_GIGABEAM_RADIO from
 * RFC 4705). Ranges: 6-248 unassigned, 249-255 private use.
 *
 * <p>This is a <em>type</em> registry: {@link #nameOf(int)} returns the constant name
 * (the IANA name written UPPER_SNAKE) for known codes.
 * Unassigned codes map to {@link #UNKNOWN} and are named by range ({@code "PRIVATE_USE"},
 * otherwise {@code "UNASSIGNED"}; {@code "INVALID"} for values that do not fit the 8-bit wire
 * field).
 */
public enum ProtocolId {
    /** RESERVED (code 0; RFC 2407). */
    RESERVED(0, "RFC 2407", "RESERVED"),
    /** ISAKMP (code 1; RFC 2407). */
    PROTO_ISAKMP(1, "RFC 2407", "ISAKMP"),
    /** IPSEC_AH (code 2; RFC 2407). */
    PROTO_IPSEC_AH(2, "RFC 2407", "IPSEC_AH"),
    /** IPSEC_ESP (code 3; RFC 2407). */
    PROTO_IPSEC_ESP(3, "RFC 2407", "IPSEC_ESP"),
    /** IPCOMP (code 4; RFC 2407). */
    PROTO_IPCOMP(4, "RFC 2407", "IPCOMP"),
    /** GIGABEAM_RADIO (code 5; RFC 4705). */
    PROTO_GIGABEAM_RADIO(5, "RFC 4705", "GIGABEAM_RADIO"),
    /** Sentinel returned by {@link #of(int)} for a code this registry does not assign; its code is -1. */
    UNKNOWN(-1, "", "Unknown");

    private static final CodeTable<ProtocolId> TABLE = new CodeTable<>(values(), ProtocolId::code);

    private final int code;
    private final String reference;
    private final String label;

    ProtocolId(int code, String reference, String label) {
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
    public static ProtocolId of(int code) {
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
        ProtocolId c = of(code);
        return c != UNKNOWN ? c.wireName() : rangeName(code);
    }

    private static String rangeName(int code) {
        if (code < 0 || code > 255) {
            return "INVALID";
        }
        if (code >= 249 && code <= 255) {
            return "PRIVATE_USE";
        }
        return "UNASSIGNED";
    }
}
