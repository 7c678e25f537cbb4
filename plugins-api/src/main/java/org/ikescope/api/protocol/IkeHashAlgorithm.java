package org.ikescope.api.protocol;

/**
 * IKEv1 phase-1 Hash-Algorithm attribute values (RFC 2409 Appendix A and the IANA "IKE Attributes"
 * registry; SHA2 values from RFC 4868). Ranges: 0 reserved, 7-65000 unassigned, 65001-65535 private
 * use.
 *
 * <p>This is an attribute-<em>value</em> registry: {@link #nameOf(int)} returns the
 * constant's {@link #label()} for known codes.
 * Unassigned codes map to {@link #UNKNOWN} and are named by range ({@code "RESERVED"}, {@code
 * "PRIVATE_USE"}, otherwise {@code "UNASSIGNED"}; {@code "INVALID"} for values that do not fit the
 * 16-bit wire field).
 */
public enum IkeHashAlgorithm implements RegistryValue {
    /** MD5 (code 1; RFC 1321). */
    MD5(1, "RFC 1321", "MD5", 16, "HmacMD5"),
    /** SHA (code 2; FIPS 180-4). */
    SHA(2, "FIPS 180-4", "SHA", 20, "HmacSHA1"),
    /** Tiger (code 3; RFC 2409). */
    TIGER(3, "RFC 2409", "Tiger", 24, null),
    /** SHA2-256 (code 4; RFC 4868). */
    SHA2_256(4, "RFC 4868", "SHA2-256", 32, "HmacSHA256"),
    /** SHA2-384 (code 5; RFC 4868). */
    SHA2_384(5, "RFC 4868", "SHA2-384", 48, "HmacSHA384"),
    /** SHA2-512 (code 6; RFC 4868). */
    SHA2_512(6, "RFC 4868", "SHA2-512", 64, "HmacSHA512"),
    /** Sentinel returned by {@link #of(int)} for a code this registry does not assign; its code is -1. */
    UNKNOWN(-1, "", "Unknown", 0, null);

    private static final CodeTable<IkeHashAlgorithm> TABLE = new CodeTable<>(values());

    private final Entry entry;
    private final int digestLength;
    private final String hmacAlgorithm;

    IkeHashAlgorithm(int code, String reference, String label, int digestLength, String hmacAlgorithm) {
        this.entry = new Entry(code, reference, label);
        this.digestLength = digestLength;
        this.hmacAlgorithm = hmacAlgorithm;
    }

    @Override
    public Entry entry() {
        return entry;
    }

    /**
     * The digest (and HMAC output) length in bytes; 0 for {@link #UNKNOWN}.
     *
     * @return the digestLength
     */
    public int digestLength() {
        return digestLength;
    }

    /**
     * The JCA {@code javax.crypto.Mac} algorithm name for HMAC with this hash, or null when
     * the JDK has none (Tiger, {@link #UNKNOWN}).
     *
     * @return the hmacAlgorithm
     */
    public String hmacAlgorithm() {
        return hmacAlgorithm;
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
    public static IkeHashAlgorithm of(int code) {
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
        IkeHashAlgorithm c = of(code);
        return c != UNKNOWN ? c.wireName() : Ranges.ikeAttributeValue(code);
    }
}
