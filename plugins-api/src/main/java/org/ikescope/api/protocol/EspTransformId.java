package org.ikescope.api.protocol;

/**
 * IPsec DOI ESP transform identifiers (RFC 2407 section 4.4.4 and the IANA "IPSEC ESP Transform
 * Identifiers" registry). Ranges: 0 reserved, 17 and 24-248 unassigned, 249-255 private use.
 *
 * <p>This is a <em>type</em> registry: {@link #nameOf(int)} returns the constant name
 * (the IANA name written UPPER_SNAKE) for known codes.
 * Unassigned codes map to {@link #UNKNOWN} and are named by range ({@code "RESERVED"}, {@code
 * "PRIVATE_USE"}, otherwise {@code "UNASSIGNED"}; {@code "INVALID"} for values that do not fit the
 * 8-bit wire field).
 */
public enum EspTransformId implements RegistryValue {
    /** DES-IV64 (code 1; RFC 2407). */
    ESP_DES_IV64(1, "RFC 2407", "DES-IV64"),
    /** DES (code 2; RFC 2407). */
    ESP_DES(2, "RFC 2407", "DES"),
    /** 3DES (code 3; RFC 2407). */
    ESP_3DES(3, "RFC 2407", "3DES"),
    /** RC5 (code 4; RFC 2407). */
    ESP_RC5(4, "RFC 2407", "RC5"),
    /** IDEA (code 5; RFC 2407). */
    ESP_IDEA(5, "RFC 2407", "IDEA"),
    /** CAST (code 6; RFC 2407). */
    ESP_CAST(6, "RFC 2407", "CAST"),
    /** BLOWFISH (code 7; RFC 2407). */
    ESP_BLOWFISH(7, "RFC 2407", "BLOWFISH"),
    /** 3IDEA (code 8; RFC 2407). */
    ESP_3IDEA(8, "RFC 2407", "3IDEA"),
    /** DES-IV32 (code 9; RFC 2407). */
    ESP_DES_IV32(9, "RFC 2407", "DES-IV32"),
    /** RC4 (code 10; RFC 2407). */
    ESP_RC4(10, "RFC 2407", "RC4"),
    /** NULL (code 11; RFC 2407). */
    ESP_NULL(11, "RFC 2407", "NULL"),
    /** AES (code 12; RFC 3602). */
    ESP_AES(12, "RFC 3602", "AES"),
    /** AES-CTR (code 13; RFC 3686). */
    ESP_AES_CTR(13, "RFC 3686", "AES-CTR"),
    /** AES-CCM_8 (code 14; RFC 4309). */
    ESP_AES_CCM_8(14, "RFC 4309", "AES-CCM_8"),
    /** AES-CCM_12 (code 15; RFC 4309). */
    ESP_AES_CCM_12(15, "RFC 4309", "AES-CCM_12"),
    /** AES-CCM_16 (code 16; RFC 4309). */
    ESP_AES_CCM_16(16, "RFC 4309", "AES-CCM_16"),
    /** AES-GCM_8 (code 18; RFC 4106). */
    ESP_AES_GCM_8(18, "RFC 4106", "AES-GCM_8"),
    /** AES-GCM_12 (code 19; RFC 4106). */
    ESP_AES_GCM_12(19, "RFC 4106", "AES-GCM_12"),
    /** AES-GCM_16 (code 20; RFC 4106). */
    ESP_AES_GCM_16(20, "RFC 4106", "AES-GCM_16"),
    /** SEED-CBC (code 21; RFC 4196). */
    ESP_SEED_CBC(21, "RFC 4196", "SEED-CBC"),
    /** CAMELLIA (code 22; RFC 4312). */
    ESP_CAMELLIA(22, "RFC 4312", "CAMELLIA"),
    /** NULL_AUTH_AES-GMAC (code 23; RFC 4543). */
    ESP_NULL_AUTH_AES_GMAC(23, "RFC 4543", "NULL_AUTH_AES-GMAC"),
    /** Sentinel returned by {@link #of(int)} for a code this registry does not assign; its code is -1. */
    UNKNOWN(-1, "", "Unknown");

    private static final CodeTable<EspTransformId> TABLE = new CodeTable<>(values());

    private final Entry entry;

    EspTransformId(int code, String reference, String label) {
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
    public static EspTransformId of(int code) {
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
        EspTransformId c = of(code);
        return c != UNKNOWN ? c.wireName() : Ranges.ipsecDoiNumber(code);
    }
}
