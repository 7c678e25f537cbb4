package org.ikescope.api.protocol;

/**
 * IKEv1 phase-1 SA attribute classes (RFC 2409 Appendix A and the IANA "IKE Attributes" registry,
 * "Attribute Classes"). Whether an attribute is in TV (basic) or TLV form is carried by the AF bit on
 * the wire. Code 20 is the Chinese GM/T 0022 asymmetric-algorithm attribute that Wireshark decodes.
 * Ranges: 0 reserved, 18-19 and 21-16383 unassigned, 16384-32767 private use (the type field is
 * 15 bits).
 *
 * <p>This is a <em>type</em> registry: {@link #nameOf(int)} returns the constant name
 * (the IANA name written UPPER_SNAKE) for known codes.
 * Unassigned codes map to {@link #UNKNOWN} and are named by range ({@code "RESERVED"}, {@code
 * "PRIVATE_USE"}, otherwise {@code "UNASSIGNED"}; {@code "INVALID"} for values that do not fit the
 * 15-bit wire field).
 */
public enum IkeAttributeType implements RegistryValue {
    /** Encryption-Algorithm (code 1; RFC 2409). */
    ENCRYPTION_ALGORITHM(1, "RFC 2409", "Encryption-Algorithm"),
    /** Hash-Algorithm (code 2; RFC 2409). */
    HASH_ALGORITHM(2, "RFC 2409", "Hash-Algorithm"),
    /** Authentication-Method (code 3; RFC 2409). */
    AUTHENTICATION_METHOD(3, "RFC 2409", "Authentication-Method"),
    /** Group-Description (code 4; RFC 2409). */
    GROUP_DESCRIPTION(4, "RFC 2409", "Group-Description"),
    /** Group-Type (code 5; RFC 2409). */
    GROUP_TYPE(5, "RFC 2409", "Group-Type"),
    /** Group-Prime (code 6; RFC 2409). */
    GROUP_PRIME(6, "RFC 2409", "Group-Prime"),
    /** Group-Generator-One (code 7; RFC 2409). */
    GROUP_GENERATOR_ONE(7, "RFC 2409", "Group-Generator-One"),
    /** Group-Generator-Two (code 8; RFC 2409). */
    GROUP_GENERATOR_TWO(8, "RFC 2409", "Group-Generator-Two"),
    /** Group-Curve-A (code 9; RFC 2409). */
    GROUP_CURVE_A(9, "RFC 2409", "Group-Curve-A"),
    /** Group-Curve-B (code 10; RFC 2409). */
    GROUP_CURVE_B(10, "RFC 2409", "Group-Curve-B"),
    /** Life-Type (code 11; RFC 2409). */
    LIFE_TYPE(11, "RFC 2409", "Life-Type"),
    /** Life-Duration (code 12; RFC 2409). */
    LIFE_DURATION(12, "RFC 2409", "Life-Duration"),
    /** PRF (code 13; RFC 2409). */
    PRF(13, "RFC 2409", "PRF"),
    /** Key-Length (code 14; RFC 2409). */
    KEY_LENGTH(14, "RFC 2409", "Key-Length"),
    /** Field-Size (code 15; RFC 2409). */
    FIELD_SIZE(15, "RFC 2409", "Field-Size"),
    /** Group-Order (code 16; RFC 2409). */
    GROUP_ORDER(16, "RFC 2409", "Group-Order"),
    /** Block-Size (code 17; RFC 2409 errata / IANA). */
    BLOCK_SIZE(17, "RFC 2409 errata / IANA", "Block-Size"),
    /** Asymmetric-Cryptographic-Algorithm-Type (code 20; GM/T 0022 (not IANA-registered)). */
    ASYMMETRIC_CRYPTOGRAPHIC_ALGORITHM_TYPE(20, "GM/T 0022 (not IANA-registered)", "Asymmetric-Cryptographic-Algorithm-Type"),
    /** Sentinel returned by {@link #of(int)} for a code this registry does not assign; its code is -1. */
    UNKNOWN(-1, "", "Unknown");

    private static final CodeTable<IkeAttributeType> TABLE = new CodeTable<>(values());

    private final Entry entry;

    IkeAttributeType(int code, String reference, String label) {
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
    public static IkeAttributeType of(int code) {
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
        IkeAttributeType c = of(code);
        return c != UNKNOWN ? c.wireName() : Ranges.ikeAttributeType(code);
    }
}
