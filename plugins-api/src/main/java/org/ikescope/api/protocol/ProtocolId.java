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
public enum ProtocolId implements RegistryValue {
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

    private static final CodeTable<ProtocolId> TABLE = new CodeTable<>(values());

    private final Entry entry;

    ProtocolId(int code, String reference, String label) {
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
        return c != UNKNOWN ? c.wireName() : Ranges.ipsecDoiNumber(code);
    }
}
