package org.ikescope.api.protocol;

/**
 * IKEv2 transform types (RFC 7296 section 3.3.2 and the IANA "Transform Type Values" registry;
 * additional key exchanges ADDKE1-ADDKE7 from RFC 9370). Type 4 is named D-H in RFC 7296 and
 * "Key Exchange Method (KE)" since RFC 9370; its IDs are the {@link DhGroup} numbers. Ranges: 0
 * reserved, 13-240 unassigned, 241-255 private use.
 *
 * <p>This is a <em>type</em> registry: {@link #nameOf(int)} returns the constant name
 * (the IANA name written UPPER_SNAKE) for known codes.
 * Unassigned codes map to {@link #UNKNOWN} and are named by range ({@code "RESERVED"}, {@code
 * "PRIVATE_USE"}, otherwise {@code "UNASSIGNED"}; {@code "INVALID"} for values that do not fit the
 * 8-bit wire field).
 */
public enum Ikev2TransformType implements RegistryValue {
    /** Encryption Algorithm (ENCR) (code 1; RFC 7296). */
    ENCR(1, "RFC 7296", "Encryption Algorithm (ENCR)"),
    /** Pseudorandom Function (PRF) (code 2; RFC 7296). */
    PRF(2, "RFC 7296", "Pseudorandom Function (PRF)"),
    /** Integrity Algorithm (INTEG) (code 3; RFC 7296). */
    INTEG(3, "RFC 7296", "Integrity Algorithm (INTEG)"),
    /** Key Exchange Method (KE) (code 4; RFC 9370). */
    DH(4, "RFC 9370", "Key Exchange Method (KE)"),
    /** Extended Sequence Numbers (ESN) (code 5; RFC 7296). */
    ESN(5, "RFC 7296", "Extended Sequence Numbers (ESN)"),
    /** Additional Key Exchange 1 (ADDKE1) (code 6; RFC 9370). */
    ADDKE1(6, "RFC 9370", "Additional Key Exchange 1 (ADDKE1)"),
    /** Additional Key Exchange 2 (ADDKE2) (code 7; RFC 9370). */
    ADDKE2(7, "RFC 9370", "Additional Key Exchange 2 (ADDKE2)"),
    /** Additional Key Exchange 3 (ADDKE3) (code 8; RFC 9370). */
    ADDKE3(8, "RFC 9370", "Additional Key Exchange 3 (ADDKE3)"),
    /** Additional Key Exchange 4 (ADDKE4) (code 9; RFC 9370). */
    ADDKE4(9, "RFC 9370", "Additional Key Exchange 4 (ADDKE4)"),
    /** Additional Key Exchange 5 (ADDKE5) (code 10; RFC 9370). */
    ADDKE5(10, "RFC 9370", "Additional Key Exchange 5 (ADDKE5)"),
    /** Additional Key Exchange 6 (ADDKE6) (code 11; RFC 9370). */
    ADDKE6(11, "RFC 9370", "Additional Key Exchange 6 (ADDKE6)"),
    /** Additional Key Exchange 7 (ADDKE7) (code 12; RFC 9370). */
    ADDKE7(12, "RFC 9370", "Additional Key Exchange 7 (ADDKE7)"),
    /** Sentinel returned by {@link #of(int)} for a code this registry does not assign; its code is -1. */
    UNKNOWN(-1, "", "Unknown");

    private static final CodeTable<Ikev2TransformType> TABLE = new CodeTable<>(values());

    private final Entry entry;

    Ikev2TransformType(int code, String reference, String label) {
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
    public static Ikev2TransformType of(int code) {
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
        Ikev2TransformType c = of(code);
        return c != UNKNOWN ? c.wireName() : Ranges.ikev2TransformType(code);
    }
}
