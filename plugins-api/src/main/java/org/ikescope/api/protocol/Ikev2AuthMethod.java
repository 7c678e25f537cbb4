package org.ikescope.api.protocol;

/**
 * IKEv2 authentication methods (RFC 7296 section 3.8 and the IANA "IKEv2 Authentication Method"
 * registry; ECDSA from RFC 4754, generic secure password from RFC 6467, NULL from RFC 7619, digital
 * signature from RFC 7427). Ranges: 0 and 4-8 reserved, 15-200 unassigned, 201-255 private use.
 *
 * <p>This is a <em>type</em> registry: {@link #nameOf(int)} returns the constant name
 * (the IANA name written UPPER_SNAKE) for known codes.
 * Unassigned codes map to {@link #UNKNOWN} and are named by range ({@code "RESERVED"}, {@code
 * "PRIVATE_USE"}, otherwise {@code "UNASSIGNED"}; {@code "INVALID"} for values that do not fit the
 * 8-bit wire field).
 */
public enum Ikev2AuthMethod implements RegistryValue {
    /** RSA Digital Signature (code 1; RFC 7296). */
    RSA_DIGITAL_SIGNATURE(1, "RFC 7296", "RSA Digital Signature"),
    /** Shared Key Message Integrity Code (code 2; RFC 7296). */
    SHARED_KEY_MESSAGE_INTEGRITY_CODE(2, "RFC 7296", "Shared Key Message Integrity Code"),
    /** DSS Digital Signature (code 3; RFC 7296). */
    DSS_DIGITAL_SIGNATURE(3, "RFC 7296", "DSS Digital Signature"),
    /** ECDSA with SHA-256 on the P-256 curve (code 9; RFC 4754). */
    ECDSA_SHA256_P256(9, "RFC 4754", "ECDSA with SHA-256 on the P-256 curve"),
    /** ECDSA with SHA-384 on the P-384 curve (code 10; RFC 4754). */
    ECDSA_SHA384_P384(10, "RFC 4754", "ECDSA with SHA-384 on the P-384 curve"),
    /** ECDSA with SHA-512 on the P-521 curve (code 11; RFC 4754). */
    ECDSA_SHA512_P521(11, "RFC 4754", "ECDSA with SHA-512 on the P-521 curve"),
    /** Generic Secure Password Authentication Method (code 12; RFC 6467). */
    GENERIC_SECURE_PASSWORD(12, "RFC 6467", "Generic Secure Password Authentication Method"),
    /** NULL Authentication (code 13; RFC 7619). */
    NULL_AUTHENTICATION(13, "RFC 7619", "NULL Authentication"),
    /** Digital Signature (code 14; RFC 7427). */
    DIGITAL_SIGNATURE(14, "RFC 7427", "Digital Signature"),
    /** Sentinel returned by {@link #of(int)} for a code this registry does not assign; its code is -1. */
    UNKNOWN(-1, "", "Unknown");

    private static final CodeTable<Ikev2AuthMethod> TABLE = new CodeTable<>(values());

    private final Entry entry;

    Ikev2AuthMethod(int code, String reference, String label) {
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
    public static Ikev2AuthMethod of(int code) {
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
        Ikev2AuthMethod c = of(code);
        return c != UNKNOWN ? c.wireName() : Ranges.ikev2AuthMethodOrIdType(code);
    }
}
