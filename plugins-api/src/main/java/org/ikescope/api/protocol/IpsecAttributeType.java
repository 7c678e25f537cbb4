package org.ikescope.api.protocol;

/**
 * IPsec DOI phase-2 SA attribute types (RFC 2407 section 4.5 and the IANA "IPSEC Security
 * Association Attributes" registry). Ranges: 0 reserved, 16-32000 unassigned, 32001-32767 private
 * use (the type field is 15 bits).
 *
 * <p>This is a <em>type</em> registry: {@link #nameOf(int)} returns the constant name
 * (the IANA name written UPPER_SNAKE) for known codes.
 * Unassigned codes map to {@link #UNKNOWN} and are named by range ({@code "RESERVED"}, {@code
 * "PRIVATE_USE"}, otherwise {@code "UNASSIGNED"}; {@code "INVALID"} for values that do not fit the
 * 15-bit wire field).
 */
public enum IpsecAttributeType implements RegistryValue {
    /** SA-Life-Type (code 1; RFC 2407). */
    SA_LIFE_TYPE(1, "RFC 2407", "SA-Life-Type"),
    /** SA-Life-Duration (code 2; RFC 2407). */
    SA_LIFE_DURATION(2, "RFC 2407", "SA-Life-Duration"),
    /** Group-Description (code 3; RFC 2407). */
    GROUP_DESCRIPTION(3, "RFC 2407", "Group-Description"),
    /** Encapsulation-Mode (code 4; RFC 2407). */
    ENCAPSULATION_MODE(4, "RFC 2407", "Encapsulation-Mode"),
    /** Authentication-Algorithm (code 5; RFC 2407). */
    AUTHENTICATION_ALGORITHM(5, "RFC 2407", "Authentication-Algorithm"),
    /** Key-Length (code 6; RFC 2407). */
    KEY_LENGTH(6, "RFC 2407", "Key-Length"),
    /** Key-Rounds (code 7; RFC 2407). */
    KEY_ROUNDS(7, "RFC 2407", "Key-Rounds"),
    /** Compress-Dictionary-Size (code 8; RFC 2407). */
    COMPRESS_DICTIONARY_SIZE(8, "RFC 2407", "Compress-Dictionary-Size"),
    /** Compress-Private-Algorithm (code 9; RFC 2407). */
    COMPRESS_PRIVATE_ALGORITHM(9, "RFC 2407", "Compress-Private-Algorithm"),
    /** ECN Tunnel (code 10; RFC 3168). */
    ECN_TUNNEL(10, "RFC 3168", "ECN Tunnel"),
    /** Extended (64-bit) Sequence Number (code 11; RFC 4304). */
    EXTENDED_SEQUENCE_NUMBER(11, "RFC 4304", "Extended (64-bit) Sequence Number"),
    /** Authentication Key Length (code 12; RFC 4359). */
    AUTHENTICATION_KEY_LENGTH(12, "RFC 4359", "Authentication Key Length"),
    /** Signature Encoding Algorithm (code 13; RFC 4359). */
    SIG_ENC_ALGORITHM(13, "RFC 4359", "Signature Encoding Algorithm"),
    /** Address Preservation (code 14; RFC 6407). */
    ADDRESS_PRESERVATION(14, "RFC 6407", "Address Preservation"),
    /** SA Direction (code 15; RFC 6407). */
    SA_DIRECTION(15, "RFC 6407", "SA Direction"),
    /** Sentinel returned by {@link #of(int)} for a code this registry does not assign; its code is -1. */
    UNKNOWN(-1, "", "Unknown");

    private static final CodeTable<IpsecAttributeType> TABLE = new CodeTable<>(values());

    private final Entry entry;

    IpsecAttributeType(int code, String reference, String label) {
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
    public static IpsecAttributeType of(int code) {
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
        IpsecAttributeType c = of(code);
        return c != UNKNOWN ? c.wireName() : Ranges.ipsecAttributeType(code);
    }
}
