package org.ikescope.api.protocol;

/**
 * IKEv2 Transform Type 1 (encryption algorithm) IDs (RFC 7296 section 3.3.2 and the IANA "Transform
 * Type 1 - Encryption Algorithm Transform IDs" registry). Ranges: 0, 10 and 22 reserved, 17 and
 * 36-1023 unassigned, 1024-65535 private use.
 *
 * <p>This is a <em>type</em> registry: {@link #nameOf(int)} returns the constant name
 * (the IANA name written UPPER_SNAKE) for known codes.
 * Unassigned codes map to {@link #UNKNOWN} and are named by range ({@code "RESERVED"}, {@code
 * "RESERVED"}, {@code "RESERVED"}, {@code "PRIVATE_USE"}, otherwise {@code "UNASSIGNED"}; {@code
 * "INVALID"} for values that do not fit the 16-bit wire field).
 */
public enum Ikev2EncryptionAlgorithm implements RegistryValue {
    /** ENCR_DES_IV64 (code 1; RFC 1827). */
    ENCR_DES_IV64(1, "RFC 1827", "ENCR_DES_IV64", false),
    /** ENCR_DES (code 2; RFC 2405). */
    ENCR_DES(2, "RFC 2405", "ENCR_DES", false),
    /** ENCR_3DES (code 3; RFC 2451). */
    ENCR_3DES(3, "RFC 2451", "ENCR_3DES", false),
    /** ENCR_RC5 (code 4; RFC 2451). */
    ENCR_RC5(4, "RFC 2451", "ENCR_RC5", false),
    /** ENCR_IDEA (code 5; RFC 2451). */
    ENCR_IDEA(5, "RFC 2451", "ENCR_IDEA", false),
    /** ENCR_CAST (code 6; RFC 2451). */
    ENCR_CAST(6, "RFC 2451", "ENCR_CAST", false),
    /** ENCR_BLOWFISH (code 7; RFC 2451). */
    ENCR_BLOWFISH(7, "RFC 2451", "ENCR_BLOWFISH", false),
    /** ENCR_3IDEA (code 8; RFC 2451). */
    ENCR_3IDEA(8, "RFC 2451", "ENCR_3IDEA", false),
    /** ENCR_DES_IV32 (code 9; RFC 7296). */
    ENCR_DES_IV32(9, "RFC 7296", "ENCR_DES_IV32", false),
    /** ENCR_NULL (code 11; RFC 2410). */
    ENCR_NULL(11, "RFC 2410", "ENCR_NULL", false),
    /** ENCR_AES_CBC (code 12; RFC 3602). */
    ENCR_AES_CBC(12, "RFC 3602", "ENCR_AES_CBC", false),
    /** ENCR_AES_CTR (code 13; RFC 3686). */
    ENCR_AES_CTR(13, "RFC 3686", "ENCR_AES_CTR", false),
    /** ENCR_AES_CCM_8 (code 14; RFC 4309). */
    ENCR_AES_CCM_8(14, "RFC 4309", "ENCR_AES_CCM_8", true),
    /** ENCR_AES_CCM_12 (code 15; RFC 4309). */
    ENCR_AES_CCM_12(15, "RFC 4309", "ENCR_AES_CCM_12", true),
    /** ENCR_AES_CCM_16 (code 16; RFC 4309). */
    ENCR_AES_CCM_16(16, "RFC 4309", "ENCR_AES_CCM_16", true),
    /** ENCR_AES_GCM_8 (code 18; RFC 4106). */
    ENCR_AES_GCM_8(18, "RFC 4106", "ENCR_AES_GCM_8", true),
    /** ENCR_AES_GCM_12 (code 19; RFC 4106). */
    ENCR_AES_GCM_12(19, "RFC 4106", "ENCR_AES_GCM_12", true),
    /** ENCR_AES_GCM_16 (code 20; RFC 4106). */
    ENCR_AES_GCM_16(20, "RFC 4106", "ENCR_AES_GCM_16", true),
    /** ENCR_NULL_AUTH_AES_GMAC (code 21; RFC 4543). */
    ENCR_NULL_AUTH_AES_GMAC(21, "RFC 4543", "ENCR_NULL_AUTH_AES_GMAC", false),
    /** ENCR_CAMELLIA_CBC (code 23; RFC 5529). */
    ENCR_CAMELLIA_CBC(23, "RFC 5529", "ENCR_CAMELLIA_CBC", false),
    /** ENCR_CAMELLIA_CTR (code 24; RFC 5529). */
    ENCR_CAMELLIA_CTR(24, "RFC 5529", "ENCR_CAMELLIA_CTR", false),
    /** ENCR_CAMELLIA_CCM_8 (code 25; RFC 5529). */
    ENCR_CAMELLIA_CCM_8(25, "RFC 5529", "ENCR_CAMELLIA_CCM_8", true),
    /** ENCR_CAMELLIA_CCM_12 (code 26; RFC 5529). */
    ENCR_CAMELLIA_CCM_12(26, "RFC 5529", "ENCR_CAMELLIA_CCM_12", true),
    /** ENCR_CAMELLIA_CCM_16 (code 27; RFC 5529). */
    ENCR_CAMELLIA_CCM_16(27, "RFC 5529", "ENCR_CAMELLIA_CCM_16", true),
    /** ENCR_CHACHA20_POLY1305 (code 28; RFC 7634). */
    ENCR_CHACHA20_POLY1305(28, "RFC 7634", "ENCR_CHACHA20_POLY1305", true),
    /** ENCR_AES_CCM_8_IIV (code 29; RFC 8750). */
    ENCR_AES_CCM_8_IIV(29, "RFC 8750", "ENCR_AES_CCM_8_IIV", true),
    /** ENCR_AES_GCM_16_IIV (code 30; RFC 8750). */
    ENCR_AES_GCM_16_IIV(30, "RFC 8750", "ENCR_AES_GCM_16_IIV", true),
    /** ENCR_CHACHA20_POLY1305_IIV (code 31; RFC 8750). */
    ENCR_CHACHA20_POLY1305_IIV(31, "RFC 8750", "ENCR_CHACHA20_POLY1305_IIV", true),
    /** ENCR_KUZNYECHIK_MGM_KTREE (code 32; RFC 9227). */
    ENCR_KUZNYECHIK_MGM_KTREE(32, "RFC 9227", "ENCR_KUZNYECHIK_MGM_KTREE", true),
    /** ENCR_MAGMA_MGM_KTREE (code 33; RFC 9227). */
    ENCR_MAGMA_MGM_KTREE(33, "RFC 9227", "ENCR_MAGMA_MGM_KTREE", true),
    /** ENCR_KUZNYECHIK_MGM_MAC_KTREE (code 34; RFC 9227). */
    ENCR_KUZNYECHIK_MGM_MAC_KTREE(34, "RFC 9227", "ENCR_KUZNYECHIK_MGM_MAC_KTREE", false),
    /** ENCR_MAGMA_MGM_MAC_KTREE (code 35; RFC 9227). */
    ENCR_MAGMA_MGM_MAC_KTREE(35, "RFC 9227", "ENCR_MAGMA_MGM_MAC_KTREE", false),
    /** Sentinel returned by {@link #of(int)} for a code this registry does not assign; its code is -1. */
    UNKNOWN(-1, "", "Unknown", false);

    private static final CodeTable<Ikev2EncryptionAlgorithm> TABLE = new CodeTable<>(values());

    private final Entry entry;
    private final boolean aead;

    Ikev2EncryptionAlgorithm(int code, String reference, String label, boolean aead) {
        this.entry = new Entry(code, reference, label);
        this.aead = aead;
    }

    @Override
    public Entry entry() {
        return entry;
    }

    /**
     * Whether this is a combined-mode (AEAD) cipher that needs no separate integrity
     * transform.
     *
     * @return the aead
     */
    public boolean aead() {
        return aead;
    }

    /**
     * Looks a code up. Never throws and never allocates.
     *
     * @param code the code read from the wire
     * @return the constant for {@code code}, or {@link #UNKNOWN} if the code is unassigned
     */
    public static Ikev2EncryptionAlgorithm of(int code) {
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
        Ikev2EncryptionAlgorithm c = of(code);
        return c != UNKNOWN ? c.wireName() : Ranges.ikev2EncryptionId(code);
    }
}
