package org.ikescope.api.protocol;

/**
 * IKEv2 identification types (RFC 7296 section 3.5 and the IANA "IKEv2 Identification Payload ID
 * Types" registry; ID_FC_NAME from RFC 4595, ID_NULL from RFC 7619). Ranges: 0, 4 and 6-8 reserved,
 * 14-200 unassigned, 201-255 private use.
 *
 * <p>This is a <em>type</em> registry: {@link #nameOf(int)} returns the constant name
 * (the IANA name written UPPER_SNAKE) for known codes.
 * Unassigned codes map to {@link #UNKNOWN} and are named by range ({@code "RESERVED"}, {@code
 * "PRIVATE_USE"}, otherwise {@code "UNASSIGNED"}; {@code "INVALID"} for values that do not fit the
 * 8-bit wire field).
 */
public enum Ikev2IdType implements RegistryValue {
    /** ID_IPV4_ADDR (code 1; RFC 7296). */
    ID_IPV4_ADDR(1, "RFC 7296", "ID_IPV4_ADDR"),
    /** ID_FQDN (code 2; RFC 7296). */
    ID_FQDN(2, "RFC 7296", "ID_FQDN"),
    /** ID_RFC822_ADDR (code 3; RFC 7296). */
    ID_RFC822_ADDR(3, "RFC 7296", "ID_RFC822_ADDR"),
    /** ID_IPV6_ADDR (code 5; RFC 7296). */
    ID_IPV6_ADDR(5, "RFC 7296", "ID_IPV6_ADDR"),
    /** ID_DER_ASN1_DN (code 9; RFC 7296). */
    ID_DER_ASN1_DN(9, "RFC 7296", "ID_DER_ASN1_DN"),
    /** ID_DER_ASN1_GN (code 10; RFC 7296). */
    ID_DER_ASN1_GN(10, "RFC 7296", "ID_DER_ASN1_GN"),
    /** ID_KEY_ID (code 11; RFC 7296). */
    ID_KEY_ID(11, "RFC 7296", "ID_KEY_ID"),
    /** ID_FC_NAME (code 12; RFC 4595). */
    ID_FC_NAME(12, "RFC 4595", "ID_FC_NAME"),
    /** ID_NULL (code 13; RFC 7619). */
    ID_NULL(13, "RFC 7619", "ID_NULL"),
    /** Sentinel returned by {@link #of(int)} for a code this registry does not assign; its code is -1. */
    UNKNOWN(-1, "", "Unknown");

    private static final CodeTable<Ikev2IdType> TABLE = new CodeTable<>(values());

    private final Entry entry;

    Ikev2IdType(int code, String reference, String label) {
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
    public static Ikev2IdType of(int code) {
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
        Ikev2IdType c = of(code);
        return c != UNKNOWN ? c.wireName() : Ranges.ikev2AuthMethodOrIdType(code);
    }
}
