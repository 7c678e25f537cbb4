package org.ikescope.api.protocol;

/**
 * Domains of Interpretation (RFC 2408 section 3.2 and the IANA "Magic Numbers for ISAKMP Protocol"
 * registry): ISAKMP (RFC 2408), IPSEC (RFC 2407), GDOI (RFC 3547 / RFC 6407). The DOI field is 32
 * bits; every other value, including those above 2^31-1 that read into a Java int as negative,
 * is unassigned.
 *
 * <p>This is a <em>type</em> registry: {@link #nameOf(int)} returns the constant name
 * (the IANA name written UPPER_SNAKE) for known codes.
 * Unassigned codes map to {@link #UNKNOWN} and are named by range ({@code "UNASSIGNED"}).
 */
public enum Doi implements RegistryValue {
    /** ISAKMP (code 0; RFC 2408). */
    ISAKMP(0, "RFC 2408", "ISAKMP"),
    /** IPSEC (code 1; RFC 2407). */
    IPSEC(1, "RFC 2407", "IPSEC"),
    /** GDOI (code 2; RFC 6407). */
    GDOI(2, "RFC 6407", "GDOI"),
    /** Sentinel returned by {@link #of(int)} for a code this registry does not assign; its code is -1. */
    UNKNOWN(-1, "", "Unknown");

    private static final CodeTable<Doi> TABLE = new CodeTable<>(values());

    private final Entry entry;

    Doi(int code, String reference, String label) {
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
    public static Doi of(int code) {
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
        Doi c = of(code);
        return c != UNKNOWN ? c.wireName() : Ranges.doi(code);
    }
}
