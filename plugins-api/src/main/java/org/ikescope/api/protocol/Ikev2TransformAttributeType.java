package org.ikescope.api.protocol;

/**
 * IKEv2 transform attribute types (RFC 7296 section 3.3.5 and the IANA "IKEv2 Transform Attribute
 * Types" registry). Ranges: 0-13 and 15-17 reserved (they were IKEv1 attribute classes), 18-16383
 * unassigned, 16384-32767 private use.
 *
 * <p>This is a <em>type</em> registry: {@link #nameOf(int)} returns the constant name
 * (the IANA name written UPPER_SNAKE) for known codes.
 * Unassigned codes map to {@link #UNKNOWN} and are named by range ({@code "RESERVED"}, {@code
 * "PRIVATE_USE"}, otherwise {@code "UNASSIGNED"}; {@code "INVALID"} for values that do not fit the
 * 15-bit wire field).
 */
public enum Ikev2TransformAttributeType implements RegistryValue {
    /** Key Length (code 14; RFC 7296). */
    KEY_LENGTH(14, "RFC 7296", "Key Length"),
    /** Sentinel returned by {@link #of(int)} for a code this registry does not assign; its code is -1. */
    UNKNOWN(-1, "", "Unknown");

    private static final CodeTable<Ikev2TransformAttributeType> TABLE = new CodeTable<>(values());

    private final Entry entry;

    Ikev2TransformAttributeType(int code, String reference, String label) {
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
    public static Ikev2TransformAttributeType of(int code) {
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
        Ikev2TransformAttributeType c = of(code);
        return c != UNKNOWN ? c.wireName() : Ranges.ikev2TransformAttributeType(code);
    }
}
