package org.ikescope.api.protocol;

/**
 * IKEv1 phase-1 Encryption-Algorithm attribute values (RFC 2409 Appendix A and the IANA "IKE
 * Attributes" registry; AES-CBC from RFC 3602, CAMELLIA-CBC from RFC 4312). Ranges: 0 reserved,
 * 9-65000 unassigned, 65001-65535 private use.
 *
 * <p>This is an attribute-<em>value</em> registry: {@link #nameOf(int)} returns the
 * constant's {@link #label()} for known codes.
 * Unassigned codes map to {@link #UNKNOWN} and are named by range ({@code "RESERVED"}, {@code
 * "PRIVATE_USE"}, otherwise {@code "UNASSIGNED"}; {@code "INVALID"} for values that do not fit the
 * 16-bit wire field).
 */
public enum IkeEncryptionAlgorithm implements RegistryValue {
    /** DES-CBC (code 1; RFC 2405). */
    DES_CBC(1, "RFC 2405", "DES-CBC", 8, 64),
    /** IDEA-CBC (code 2; RFC 2409). */
    IDEA_CBC(2, "RFC 2409", "IDEA-CBC", 8, 128),
    /** Blowfish-CBC (code 3; RFC 2451). */
    BLOWFISH_CBC(3, "RFC 2451", "Blowfish-CBC", 8, 128),
    /** RC5-R16-B64-CBC (code 4; RFC 2451). */
    RC5_R16_B64_CBC(4, "RFC 2451", "RC5-R16-B64-CBC", 8, 128),
    /** 3DES-CBC (code 5; RFC 2451). */
    TRIPLE_DES_CBC(5, "RFC 2451", "3DES-CBC", 8, 192),
    /** CAST-CBC (code 6; RFC 2451). */
    CAST_CBC(6, "RFC 2451", "CAST-CBC", 8, 128),
    /** AES-CBC (code 7; RFC 3602). */
    AES_CBC(7, "RFC 3602", "AES-CBC", 16, 0),
    /** CAMELLIA-CBC (code 8; RFC 4312). */
    CAMELLIA_CBC(8, "RFC 4312", "CAMELLIA-CBC", 16, 0),
    /** Sentinel returned by {@link #of(int)} for a code this registry does not assign; its code is -1. */
    UNKNOWN(-1, "", "Unknown", 0, 0);

    private static final CodeTable<IkeEncryptionAlgorithm> TABLE = new CodeTable<>(values());

    private final Entry entry;
    private final int blockSize;
    private final int defaultKeyBits;

    IkeEncryptionAlgorithm(int code, String reference, String label, int blockSize, int defaultKeyBits) {
        this.entry = new Entry(code, reference, label);
        this.blockSize = blockSize;
        this.defaultKeyBits = defaultKeyBits;
    }

    @Override
    public Entry entry() {
        return entry;
    }

    /**
     * The cipher block size in bytes (the CBC IV length); 0 for {@link #UNKNOWN}.
     *
     * @return the blockSize
     */
    public int blockSize() {
        return blockSize;
    }

    /**
     * The key length in bits used when no Key-Length attribute is sent (RFC 2409 Appendix
     * A), or 0 when the attribute is mandatory (AES, Camellia); DES and 3DES count parity
     * bits.
     *
     * @return the defaultKeyBits
     */
    public int defaultKeyBits() {
        return defaultKeyBits;
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
    public static IkeEncryptionAlgorithm of(int code) {
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
        IkeEncryptionAlgorithm c = of(code);
        return c != UNKNOWN ? c.wireName() : Ranges.ikeAttributeValue(code);
    }
}
