package org.ikescope.api.protocol;

/**
 * IPsec DOI identification types for IKEv1 ID payloads (RFC 2407 section 4.6.2.1; ID_LIST from
 * RFC 3554). Ranges: 0 reserved, 13-248 unassigned, 249-255 private use.
 *
 * <p>This is a <em>type</em> registry: {@link #nameOf(int)} returns the constant name
 * (the IANA name written UPPER_SNAKE) for known codes.
 * Unassigned codes map to {@link #UNKNOWN} and are named by range ({@code "RESERVED"}, {@code
 * "PRIVATE_USE"}, otherwise {@code "UNASSIGNED"}; {@code "INVALID"} for values that do not fit the
 * 8-bit wire field).
 */
public enum IdType implements RegistryValue {
    /** ID_IPV4_ADDR (code 1; RFC 2407). */
    ID_IPV4_ADDR(1, "RFC 2407", "ID_IPV4_ADDR"),
    /** ID_FQDN (code 2; RFC 2407). */
    ID_FQDN(2, "RFC 2407", "ID_FQDN"),
    /** ID_USER_FQDN (code 3; RFC 2407). */
    ID_USER_FQDN(3, "RFC 2407", "ID_USER_FQDN"),
    /** ID_IPV4_ADDR_SUBNET (code 4; RFC 2407). */
    ID_IPV4_ADDR_SUBNET(4, "RFC 2407", "ID_IPV4_ADDR_SUBNET"),
    /** ID_IPV6_ADDR (code 5; RFC 2407). */
    ID_IPV6_ADDR(5, "RFC 2407", "ID_IPV6_ADDR"),
    /** ID_IPV6_ADDR_SUBNET (code 6; RFC 2407). */
    ID_IPV6_ADDR_SUBNET(6, "RFC 2407", "ID_IPV6_ADDR_SUBNET"),
    /** ID_IPV4_ADDR_RANGE (code 7; RFC 2407). */
    ID_IPV4_ADDR_RANGE(7, "RFC 2407", "ID_IPV4_ADDR_RANGE"),
    /** ID_IPV6_ADDR_RANGE (code 8; RFC 2407). */
    ID_IPV6_ADDR_RANGE(8, "RFC 2407", "ID_IPV6_ADDR_RANGE"),
    /** ID_DER_ASN1_DN (code 9; RFC 2407). */
    ID_DER_ASN1_DN(9, "RFC 2407", "ID_DER_ASN1_DN"),
    /** ID_DER_ASN1_GN (code 10; RFC 2407). */
    ID_DER_ASN1_GN(10, "RFC 2407", "ID_DER_ASN1_GN"),
    /** ID_KEY_ID (code 11; RFC 2407). */
    ID_KEY_ID(11, "RFC 2407", "ID_KEY_ID"),
    /** ID_LIST (code 12; RFC 3554). */
    ID_LIST(12, "RFC 3554", "ID_LIST"),
    /** Sentinel returned by {@link #of(int)} for a code this registry does not assign; its code is -1. */
    UNKNOWN(-1, "", "Unknown");

    private static final CodeTable<IdType> TABLE = new CodeTable<>(values());

    private final Entry entry;

    IdType(int code, String reference, String label) {
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
    public static IdType of(int code) {
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
        IdType c = of(code);
        return c != UNKNOWN ? c.wireName() : Ranges.ipsecDoiNumber(code);
    }
}
