package org.ikescope.api.protocol;

/**
 * ISAKMP / IKE exchange types.
 *
 * <p>RFC 2408 section 3.1 (NONE, BASE, IDENTITY_PROTECTION, AUTHENTICATION_ONLY, AGGRESSIVE,
 * INFORMATIONAL; 7-31 reserved for ISAKMP), draft-ietf-ipsec-isakmp-mode-cfg (TRANSACTION), RFC 2409
 * section 5 and 6 (QUICK_MODE, NEW_GROUP_MODE in the IPsec DOI range 32-239) and the IANA
 * "IKEv2 Exchange Types" registry (RFC 7296 section 3.1, RFC 5723, draft-ietf-ipsecme-g-ikev2,
 * RFC 9242, RFC 9370). {@link #INFORMATIONAL_V2} is named {@code "INFORMATIONAL"} by
 * {@link #nameOf(int)}, as IANA names it.
 *
 * <p>This is a <em>type</em> registry: {@link #nameOf(int)} returns the constant name
 * (the IANA name written UPPER_SNAKE) for known codes.
 * Unassigned codes map to {@link #UNKNOWN} and are named by range ({@code "RESERVED_ISAKMP"},
 * {@code "PRIVATE_USE"}, otherwise {@code "UNASSIGNED"}; {@code "INVALID"} for values that do not
 * fit the 8-bit wire field).
 */
public enum ExchangeType implements RegistryValue {
    /** None (code 0; RFC 2408). */
    NONE(0, "RFC 2408", "None"),
    /** Base (code 1; RFC 2408). */
    BASE(1, "RFC 2408", "Base"),
    /** Main Mode (code 2; RFC 2408). */
    IDENTITY_PROTECTION(2, "RFC 2408", "Main Mode"),
    /** Authentication Only (code 3; RFC 2408). */
    AUTHENTICATION_ONLY(3, "RFC 2408", "Authentication Only"),
    /** Aggressive Mode (code 4; RFC 2408). */
    AGGRESSIVE(4, "RFC 2408", "Aggressive Mode"),
    /** Informational (code 5; RFC 2408). */
    INFORMATIONAL(5, "RFC 2408", "Informational"),
    /** Transaction (Config Mode) (code 6; draft-ietf-ipsec-isakmp-mode-cfg-05). */
    TRANSACTION(6, "draft-ietf-ipsec-isakmp-mode-cfg-05", "Transaction (Config Mode)"),
    /** Quick Mode (code 32; RFC 2409). */
    QUICK_MODE(32, "RFC 2409", "Quick Mode"),
    /** New Group Mode (code 33; RFC 2409). */
    NEW_GROUP_MODE(33, "RFC 2409", "New Group Mode"),
    /** IKE_SA_INIT (code 34; RFC 7296). */
    IKE_SA_INIT(34, "RFC 7296", "IKE_SA_INIT"),
    /** IKE_AUTH (code 35; RFC 7296). */
    IKE_AUTH(35, "RFC 7296", "IKE_AUTH"),
    /** CREATE_CHILD_SA (code 36; RFC 7296). */
    CREATE_CHILD_SA(36, "RFC 7296", "CREATE_CHILD_SA"),
    /** INFORMATIONAL (code 37; RFC 7296). */
    INFORMATIONAL_V2(37, "RFC 7296", "INFORMATIONAL"),
    /** IKE_SESSION_RESUME (code 38; RFC 5723). */
    IKE_SESSION_RESUME(38, "RFC 5723", "IKE_SESSION_RESUME"),
    /** GSA_AUTH (code 39; draft-ietf-ipsecme-g-ikev2). */
    GSA_AUTH(39, "draft-ietf-ipsecme-g-ikev2", "GSA_AUTH"),
    /** GSA_REGISTRATION (code 40; draft-ietf-ipsecme-g-ikev2). */
    GSA_REGISTRATION(40, "draft-ietf-ipsecme-g-ikev2", "GSA_REGISTRATION"),
    /** GSA_REKEY (code 41; draft-ietf-ipsecme-g-ikev2). */
    GSA_REKEY(41, "draft-ietf-ipsecme-g-ikev2", "GSA_REKEY"),
    /** GSA_INBAND_REKEY (code 42; draft-ietf-ipsecme-g-ikev2). */
    GSA_INBAND_REKEY(42, "draft-ietf-ipsecme-g-ikev2", "GSA_INBAND_REKEY"),
    /** IKE_INTERMEDIATE (code 43; RFC 9242). */
    IKE_INTERMEDIATE(43, "RFC 9242", "IKE_INTERMEDIATE"),
    /** IKE_FOLLOWUP_KE (code 44; RFC 9370). */
    IKE_FOLLOWUP_KE(44, "RFC 9370", "IKE_FOLLOWUP_KE"),
    /** Sentinel returned by {@link #of(int)} for a code this registry does not assign; its code is -1. */
    UNKNOWN(-1, "", "Unknown");

    private static final CodeTable<ExchangeType> TABLE = new CodeTable<>(values());

    private final Entry entry;

    ExchangeType(int code, String reference, String label) {
        this.entry = new Entry(code, reference, label);
    }

    @Override
    public Entry entry() {
        return entry;
    }

    /**
     * The name {@link #nameOf(int)} returns for this constant's code (used as the JSON name).
     *
     * @return the wire name, never null
     */
    @Override
    public String wireName() {
        return this == INFORMATIONAL_V2 ? "INFORMATIONAL" : name();
    }

    /**
     * Looks a code up. Never throws and never allocates.
     *
     * @param code the code read from the wire
     * @return the constant for {@code code}, or {@link #UNKNOWN} if the code is unassigned
     */
    public static ExchangeType of(int code) {
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
        ExchangeType c = of(code);
        return c != UNKNOWN ? c.wireName() : Ranges.exchangeType(code);
    }

    /**
     * The display name used in summaries, e.g. {@code "Main Mode"} or {@code "IKE_SA_INIT"}.
     *
     * @return the display name (same as {@link #label()})
     */
    public String displayName() {
        return label();
    }

    /**
     * Whether this is an IKEv2 exchange type (codes 34-44).
     *
     * @return true for IKEv2 exchange types
     */
    public boolean isIkev2() {
        return code() >= 34 && code() <= 44;
    }
}
