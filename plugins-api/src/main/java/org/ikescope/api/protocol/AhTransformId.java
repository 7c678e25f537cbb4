package org.ikescope.api.protocol;

/**
 * IPsec DOI AH transform identifiers (RFC 2407 section 4.4.3 and the IANA "IPSEC AH Transform
 * Identifiers" registry). Ranges: 0-1 reserved, 14-248 unassigned, 249-255 private use.
 *
 * <p>This is a <em>type</em> registry: {@link #nameOf(int)} returns the constant name
 * (the IANA name written UPPER_SNAKE) for known codes.
 * Unassigned codes map to {@link #UNKNOWN} and are named by range ({@code "RESERVED"}, {@code
 * "PRIVATE_USE"}, otherwise {@code "UNASSIGNED"}; {@code "INVALID"} for values that do not fit the
 * 8-bit wire field).
 */
public enum AhTransformId implements RegistryValue {
    /** MD5 (code 2; RFC 2407). */
    AH_MD5(2, "RFC 2407", "MD5"),
    /** SHA (code 3; RFC 2407). */
    AH_SHA(3, "RFC 2407", "SHA"),
    /** DES (code 4; RFC 2407). */
    AH_DES(4, "RFC 2407", "DES"),
    /** SHA2-256 (code 5; RFC 4868). */
    AH_SHA2_256(5, "RFC 4868", "SHA2-256"),
    /** SHA2-384 (code 6; RFC 4868). */
    AH_SHA2_384(6, "RFC 4868", "SHA2-384"),
    /** SHA2-512 (code 7; RFC 4868). */
    AH_SHA2_512(7, "RFC 4868", "SHA2-512"),
    /** RIPEMD (code 8; RFC 2857). */
    AH_RIPEMD(8, "RFC 2857", "RIPEMD"),
    /** AES-XCBC-MAC (code 9; RFC 3566). */
    AH_AES_XCBC_MAC(9, "RFC 3566", "AES-XCBC-MAC"),
    /** RSA (code 10; RFC 4359). */
    AH_RSA(10, "RFC 4359", "RSA"),
    /** AES-128-GMAC (code 11; RFC 4543). */
    AH_AES_128_GMAC(11, "RFC 4543", "AES-128-GMAC"),
    /** AES-192-GMAC (code 12; RFC 4543). */
    AH_AES_192_GMAC(12, "RFC 4543", "AES-192-GMAC"),
    /** AES-256-GMAC (code 13; RFC 4543). */
    AH_AES_256_GMAC(13, "RFC 4543", "AES-256-GMAC"),
    /** Sentinel returned by {@link #of(int)} for a code this registry does not assign; its code is -1. */
    UNKNOWN(-1, "", "Unknown");

    private static final CodeTable<AhTransformId> TABLE = new CodeTable<>(values());

    private final Entry entry;

    AhTransformId(int code, String reference, String label) {
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
    public static AhTransformId of(int code) {
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
        AhTransformId c = of(code);
        return c != UNKNOWN ? c.wireName() : Ranges.ahTransformId(code);
    }
}
