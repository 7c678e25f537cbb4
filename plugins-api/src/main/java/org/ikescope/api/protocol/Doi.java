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
public enum Doi {
    /** ISAKMP (code 0; RFC 2408). */
    ISAKMP(0, "RFC 2408", "ISAKMP"),
    /** IPSEC (code 1; RFC 2407). */
    IPSEC(1, "RFC 2407", "IPSEC"),
    /** GDOI (code 2; RFC 6407). */
    GDOI(2, "RFC 6407", "GDOI"),
    /** Sentinel returned by {@link #of(int)} for a code this registry does not assign; its code is -1. */
    UNKNOWN(-1, "", "Unknown");

    private static final CodeTable<Doi> TABLE = new CodeTable<>(values(), Doi::code);

    private final int code;
    private final String reference;
    private final String label;

    Doi(int code, String reference, String label) {
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
        return c != UNKNOWN ? c.wireName() : rangeName(code);
    }

    private static String rangeName(int code) {
        return "UNASSIGNED";
    }
}
