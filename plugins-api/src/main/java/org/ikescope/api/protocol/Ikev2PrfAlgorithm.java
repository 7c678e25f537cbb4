package org.ikescope.api.protocol;

/**
 * IKEv2 Transform Type 2 (pseudorandom function) IDs (RFC 7296 section 3.3.2 and the IANA "Transform
 * Type 2 - Pseudorandom Function Transform IDs" registry). Ranges: 0 reserved, 10-1023 unassigned,
 * 1024-65535 private use.
 *
 * <p>This is a <em>type</em> registry: {@link #nameOf(int)} returns the constant name
 * (the IANA name written UPPER_SNAKE) for known codes.
 * Unassigned codes map to {@link #UNKNOWN} and are named by range ({@code "RESERVED"}, {@code
 * "PRIVATE_USE"}, otherwise {@code "UNASSIGNED"}; {@code "INVALID"} for values that do not fit the
 * 16-bit wire field).
 */
public enum Ikev2PrfAlgorithm implements RegistryValue {
    /** PRF_HMAC_MD5 (code 1; RFC 2104). */
    PRF_HMAC_MD5(1, "RFC 2104", "PRF_HMAC_MD5"),
    /** PRF_HMAC_SHA1 (code 2; RFC 2104). */
    PRF_HMAC_SHA1(2, "RFC 2104", "PRF_HMAC_SHA1"),
    /** PRF_HMAC_TIGER (code 3; RFC 7296). */
    PRF_HMAC_TIGER(3, "RFC 7296", "PRF_HMAC_TIGER"),
    /** PRF_AES128_XCBC (code 4; RFC 4434). */
    PRF_AES128_XCBC(4, "RFC 4434", "PRF_AES128_XCBC"),
    /** PRF_HMAC_SHA2_256 (code 5; RFC 4868). */
    PRF_HMAC_SHA2_256(5, "RFC 4868", "PRF_HMAC_SHA2_256"),
    /** PRF_HMAC_SHA2_384 (code 6; RFC 4868). */
    PRF_HMAC_SHA2_384(6, "RFC 4868", "PRF_HMAC_SHA2_384"),
    /** PRF_HMAC_SHA2_512 (code 7; RFC 4868). */
    PRF_HMAC_SHA2_512(7, "RFC 4868", "PRF_HMAC_SHA2_512"),
    /** PRF_AES128_CMAC (code 8; RFC 4615). */
    PRF_AES128_CMAC(8, "RFC 4615", "PRF_AES128_CMAC"),
    /** PRF_HMAC_STREEBOG_512 (code 9; RFC 9385). */
    PRF_HMAC_STREEBOG_512(9, "RFC 9385", "PRF_HMAC_STREEBOG_512"),
    /** Sentinel returned by {@link #of(int)} for a code this registry does not assign; its code is -1. */
    UNKNOWN(-1, "", "Unknown");

    private static final CodeTable<Ikev2PrfAlgorithm> TABLE = new CodeTable<>(values());

    private final Entry entry;

    Ikev2PrfAlgorithm(int code, String reference, String label) {
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
    public static Ikev2PrfAlgorithm of(int code) {
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
        Ikev2PrfAlgorithm c = of(code);
        return c != UNKNOWN ? c.wireName() : Ranges.ikev2TransformId(code);
    }
}
