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
public enum Ikev2AuthMethod {
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

    private static final CodeTable<Ikev2AuthMethod> TABLE = new CodeTable<>(values(), Ikev2AuthMethod::code);

    private final int code;
    private final String reference;
    private final String label;

    Ikev2AuthMethod(int code, String reference, String label) {
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
        return c != UNKNOWN ? c.wireName() : rangeName(code);
    }

    private static String rangeName(int code) {
        if (code < 0 || code > 255) {
            return "INVALID";
        }
        if (code >= 0 && code <= 8) {
            return "RESERVED";
        }
        if (code >= 201 && code <= 255) {
            return "PRIVATE_USE";
        }
        return "UNASSIGNED";
    }
}
