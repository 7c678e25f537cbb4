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
public enum Ikev2PrfAlgorithm {
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

    private static final CodeTable<Ikev2PrfAlgorithm> TABLE = new CodeTable<>(values(), Ikev2PrfAlgorithm::code);

    private final int code;
    private final String reference;
    private final String label;

    Ikev2PrfAlgorithm(int code, String reference, String label) {
        this.code = code;
        this.reference = reference;
        this.label = label;
    }

    /**
     * The numeric code as carried on the wire.
     *
     * @return the registry code, or -1 for {@link #UNKNOWN}
     */
    public int code() {
        return code;
    }

    /**
     * The document that assigns this code (for example {@code "RFC 2408"}).
     *
     * @return the reference, empty for {@link #UNKNOWN}
     */
    public String reference() {
        return reference;
    }

    /**
     * A human, tshark-like label for this code.
     *
     * @return the label, never null
     */
    public String label() {
        return label;
    }

    /**
     * The name {@link #nameOf(int)} returns for this constant's code (used as the JSON name).
     *
     * @return the wire name, never null
     */
    public String wireName() {
        return name();
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
        return c != UNKNOWN ? c.wireName() : rangeName(code);
    }

    private static String rangeName(int code) {
        if (code < 0 || code > 65535) {
            return "INVALID";
        }
        if (code == 0) {
            return "RESERVED";
        }
        if (code >= 1024 && code <= 65535) {
            return "PRIVATE_USE";
        }
        return "UNASSIGNED";
    }
}
