package org.ikescope.api.protocol;

/**
 * IPsec DOI Authentication-Algorithm attribute values (RFC 2407 section 4.5 and the IANA "IPSEC
 * Security Association Attributes" registry; SHA2 from RFC 4868, RIPEMD from RFC 2857, AES-XCBC-MAC
 * from RFC 3566, SIG-RSA from RFC 4359, GMAC from RFC 4543). Ranges: 0 reserved, 14-61439
 * unassigned, 61440-65535 private use.
 *
 * <p>This is an attribute-<em>value</em> registry: {@link #nameOf(int)} returns the
 * constant's {@link #label()} for known codes.
 * Unassigned codes map to {@link #UNKNOWN} and are named by range ({@code "RESERVED"}, {@code
 * "PRIVATE_USE"}, otherwise {@code "UNASSIGNED"}; {@code "INVALID"} for values that do not fit the
 * 16-bit wire field).
 */
public enum IpsecAuthAlgorithm implements RegistryValue {
    /** HMAC-MD5 (code 1; RFC 2407). */
    HMAC_MD5(1, "RFC 2407", "HMAC-MD5"),
    /** HMAC-SHA (code 2; RFC 2407). */
    HMAC_SHA(2, "RFC 2407", "HMAC-SHA"),
    /** DES-MAC (code 3; RFC 2407). */
    DES_MAC(3, "RFC 2407", "DES-MAC"),
    /** KPDK (code 4; RFC 2407). */
    KPDK(4, "RFC 2407", "KPDK"),
    /** HMAC-SHA2-256 (code 5; RFC 4868). */
    HMAC_SHA2_256(5, "RFC 4868", "HMAC-SHA2-256"),
    /** HMAC-SHA2-384 (code 6; RFC 4868). */
    HMAC_SHA2_384(6, "RFC 4868", "HMAC-SHA2-384"),
    /** HMAC-SHA2-512 (code 7; RFC 4868). */
    HMAC_SHA2_512(7, "RFC 4868", "HMAC-SHA2-512"),
    /** HMAC-RIPEMD (code 8; RFC 2857). */
    HMAC_RIPEMD(8, "RFC 2857", "HMAC-RIPEMD"),
    /** AES-XCBC-MAC (code 9; RFC 3566). */
    AES_XCBC_MAC(9, "RFC 3566", "AES-XCBC-MAC"),
    /** SIG-RSA (code 10; RFC 4359). */
    SIG_RSA(10, "RFC 4359", "SIG-RSA"),
    /** AES-128-GMAC (code 11; RFC 4543). */
    AES_128_GMAC(11, "RFC 4543", "AES-128-GMAC"),
    /** AES-192-GMAC (code 12; RFC 4543). */
    AES_192_GMAC(12, "RFC 4543", "AES-192-GMAC"),
    /** AES-256-GMAC (code 13; RFC 4543). */
    AES_256_GMAC(13, "RFC 4543", "AES-256-GMAC"),
    /** Sentinel returned by {@link #of(int)} for a code this registry does not assign; its code is -1. */
    UNKNOWN(-1, "", "Unknown");

    private static final CodeTable<IpsecAuthAlgorithm> TABLE = new CodeTable<>(values());

    private final Entry entry;

    IpsecAuthAlgorithm(int code, String reference, String label) {
        this.entry = new Entry(code, reference, label);
    }

    @Override
    public Entry entry() {
        return entry;
    }

    /**
     * The {@link #label()}: this is an attribute-value registry.
     *
     * @return the label, never null
     */
    @Override
    public String wireName() {
        return label();
    }

    /**
     * Looks a code up. Never throws and never allocates.
     *
     * @param code the code read from the wire
     * @return the constant for {@code code}, or {@link #UNKNOWN} if the code is unassigned
     */
    public static IpsecAuthAlgorithm of(int code) {
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
        IpsecAuthAlgorithm c = of(code);
        return c != UNKNOWN ? c.wireName() : Ranges.ipsecAttributeValue(code);
    }
}
