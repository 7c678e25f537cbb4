package org.ikescope.api.protocol;

/**
 * IKEv2 Transform Type 3 (integrity algorithm) IDs (RFC 7296 section 3.3.2 and the IANA "Transform
 * Type 3 - Integrity Algorithm Transform IDs" registry). Ranges: 15-1023 unassigned, 1024-65535
 * private use.
 *
 * <p>This is a <em>type</em> registry: {@link #nameOf(int)} returns the constant name
 * (the IANA name written UPPER_SNAKE) for known codes.
 * Unassigned codes map to {@link #UNKNOWN} and are named by range ({@code "PRIVATE_USE"},
 * otherwise {@code "UNASSIGNED"}; {@code "INVALID"} for values that do not fit the 16-bit wire
 * field).
 */
public enum Ikev2IntegrityAlgorithm implements RegistryValue {
    /** NONE (code 0; RFC 7296). */
    NONE(0, "RFC 7296", "NONE"),
    /** AUTH_HMAC_MD5_96 (code 1; RFC 2403). */
    AUTH_HMAC_MD5_96(1, "RFC 2403", "AUTH_HMAC_MD5_96"),
    /** AUTH_HMAC_SHA1_96 (code 2; RFC 2404). */
    AUTH_HMAC_SHA1_96(2, "RFC 2404", "AUTH_HMAC_SHA1_96"),
    /** AUTH_DES_MAC (code 3; RFC 7296). */
    AUTH_DES_MAC(3, "RFC 7296", "AUTH_DES_MAC"),
    /** AUTH_KPDK_MD5 (code 4; RFC 1826). */
    AUTH_KPDK_MD5(4, "RFC 1826", "AUTH_KPDK_MD5"),
    /** AUTH_AES_XCBC_96 (code 5; RFC 3566). */
    AUTH_AES_XCBC_96(5, "RFC 3566", "AUTH_AES_XCBC_96"),
    /** AUTH_HMAC_MD5_128 (code 6; RFC 4595). */
    AUTH_HMAC_MD5_128(6, "RFC 4595", "AUTH_HMAC_MD5_128"),
    /** AUTH_HMAC_SHA1_160 (code 7; RFC 4595). */
    AUTH_HMAC_SHA1_160(7, "RFC 4595", "AUTH_HMAC_SHA1_160"),
    /** AUTH_AES_CMAC_96 (code 8; RFC 4494). */
    AUTH_AES_CMAC_96(8, "RFC 4494", "AUTH_AES_CMAC_96"),
    /** AUTH_AES_128_GMAC (code 9; RFC 4543). */
    AUTH_AES_128_GMAC(9, "RFC 4543", "AUTH_AES_128_GMAC"),
    /** AUTH_AES_192_GMAC (code 10; RFC 4543). */
    AUTH_AES_192_GMAC(10, "RFC 4543", "AUTH_AES_192_GMAC"),
    /** AUTH_AES_256_GMAC (code 11; RFC 4543). */
    AUTH_AES_256_GMAC(11, "RFC 4543", "AUTH_AES_256_GMAC"),
    /** AUTH_HMAC_SHA2_256_128 (code 12; RFC 4868). */
    AUTH_HMAC_SHA2_256_128(12, "RFC 4868", "AUTH_HMAC_SHA2_256_128"),
    /** AUTH_HMAC_SHA2_384_192 (code 13; RFC 4868). */
    AUTH_HMAC_SHA2_384_192(13, "RFC 4868", "AUTH_HMAC_SHA2_384_192"),
    /** AUTH_HMAC_SHA2_512_256 (code 14; RFC 4868). */
    AUTH_HMAC_SHA2_512_256(14, "RFC 4868", "AUTH_HMAC_SHA2_512_256"),
    /** Sentinel returned by {@link #of(int)} for a code this registry does not assign; its code is -1. */
    UNKNOWN(-1, "", "Unknown");

    private static final CodeTable<Ikev2IntegrityAlgorithm> TABLE = new CodeTable<>(values());

    private final Entry entry;

    Ikev2IntegrityAlgorithm(int code, String reference, String label) {
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
    public static Ikev2IntegrityAlgorithm of(int code) {
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
        Ikev2IntegrityAlgorithm c = of(code);
        return c != UNKNOWN ? c.wireName() : Ranges.ikev2TransformId(code);
    }
}
