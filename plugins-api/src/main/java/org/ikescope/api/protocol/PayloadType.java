package org.ikescope.api.protocol;

/**
 * ISAKMP / IKE payload types ("Next Payload" values).
 *
 * <p>IKEv1 codes 0-22 come from RFC 2408 section 3.1 (ISAKMP payload types), extended by
 * draft-ietf-ipsec-isakmp-mode-cfg (ATTR), RFC 3547/6407 (GDOI: SAK, SAT, KD, SEQ, POP, GAP) and
 * RFC 3947 section 3 (NAT-D, NAT-OA). Codes 130 and 131 are the pre-RFC NAT-T draft values
 * (draft-ietf-ipsec-nat-t-ike-01 to -03) and 132 is Cisco IKE fragmentation, all in the private-use
 * range 128-255. IKEv2 codes 33-54 come from RFC 7296 section 3.2 and the IANA "IKEv2 Payload Types"
 * registry; their constants carry a {@code V2_} prefix where the IKEv1 name would clash, and
 * {@link #nameOf(int)} returns the IANA notation ({@code "SA"}, {@code "IDi"}, ...) for them.
 *
 * <p>This is a <em>type</em> registry: {@link #nameOf(int)} returns the constant name
 * (the IANA name written UPPER_SNAKE) for known codes.
 * Unassigned codes map to {@link #UNKNOWN} and are named by range ({@code "RESERVED"}, {@code
 * "PRIVATE_USE"}, otherwise {@code "UNASSIGNED"}; {@code "INVALID"} for values that do not fit the
 * 8-bit wire field).
 */
public enum PayloadType implements RegistryValue {
    /** None / No Next Payload (code 0; RFC 2408). */
    NONE(0, "RFC 2408", "None / No Next Payload", "NONE"),
    /** Security Association (code 1; RFC 2408). */
    SA(1, "RFC 2408", "Security Association", "SA"),
    /** Proposal (code 2; RFC 2408). */
    P(2, "RFC 2408", "Proposal", "P"),
    /** Transform (code 3; RFC 2408). */
    T(3, "RFC 2408", "Transform", "T"),
    /** Key Exchange (code 4; RFC 2408). */
    KE(4, "RFC 2408", "Key Exchange", "KE"),
    /** Identification (code 5; RFC 2408). */
    ID(5, "RFC 2408", "Identification", "ID"),
    /** Certificate (code 6; RFC 2408). */
    CERT(6, "RFC 2408", "Certificate", "CERT"),
    /** Certificate Request (code 7; RFC 2408). */
    CR(7, "RFC 2408", "Certificate Request", "CR"),
    /** Hash (code 8; RFC 2408). */
    HASH(8, "RFC 2408", "Hash", "HASH"),
    /** Signature (code 9; RFC 2408). */
    SIG(9, "RFC 2408", "Signature", "SIG"),
    /** Nonce (code 10; RFC 2408). */
    NONCE(10, "RFC 2408", "Nonce", "NONCE"),
    /** Notification (code 11; RFC 2408). */
    N(11, "RFC 2408", "Notification", "N"),
    /** Delete (code 12; RFC 2408). */
    D(12, "RFC 2408", "Delete", "D"),
    /** Vendor ID (code 13; RFC 2408). */
    VID(13, "RFC 2408", "Vendor ID", "VID"),
    /** Attributes (code 14; draft-ietf-ipsec-isakmp-mode-cfg-05). */
    ATTR(14, "draft-ietf-ipsec-isakmp-mode-cfg-05", "Attributes", "ATTR"),
    /** SA KEK Payload (code 15; RFC 6407). */
    SAK(15, "RFC 6407", "SA KEK Payload", "SAK"),
    /** SA TEK Payload (code 16; RFC 6407). */
    SAT(16, "RFC 6407", "SA TEK Payload", "SAT"),
    /** Key Download (code 17; RFC 6407). */
    KD(17, "RFC 6407", "Key Download", "KD"),
    /** Sequence Number (code 18; RFC 6407). */
    SEQ(18, "RFC 6407", "Sequence Number", "SEQ"),
    /** Proof of Possession (code 19; RFC 3547). */
    POP(19, "RFC 3547", "Proof of Possession", "POP"),
    /** NAT Discovery (code 20; RFC 3947). */
    NAT_D(20, "RFC 3947", "NAT Discovery", "NAT-D"),
    /** NAT Original Address (code 21; RFC 3947). */
    NAT_OA(21, "RFC 3947", "NAT Original Address", "NAT-OA"),
    /** Group Associated Policy (code 22; RFC 6407). */
    GAP(22, "RFC 6407", "Group Associated Policy", "GAP"),
    /** Security Association (code 33; RFC 7296). */
    V2_SA(33, "RFC 7296", "Security Association", "SA"),
    /** Key Exchange (code 34; RFC 7296). */
    V2_KE(34, "RFC 7296", "Key Exchange", "KE"),
    /** Identification - Initiator (code 35; RFC 7296). */
    IDI(35, "RFC 7296", "Identification - Initiator", "IDi"),
    /** Identification - Responder (code 36; RFC 7296). */
    IDR(36, "RFC 7296", "Identification - Responder", "IDr"),
    /** Certificate (code 37; RFC 7296). */
    V2_CERT(37, "RFC 7296", "Certificate", "CERT"),
    /** Certificate Request (code 38; RFC 7296). */
    CERTREQ(38, "RFC 7296", "Certificate Request", "CERTREQ"),
    /** Authentication (code 39; RFC 7296). */
    AUTH(39, "RFC 7296", "Authentication", "AUTH"),
    /** Nonce (code 40; RFC 7296). */
    V2_NONCE(40, "RFC 7296", "Nonce", "NONCE"),
    /** Notify (code 41; RFC 7296). */
    V2_N(41, "RFC 7296", "Notify", "N"),
    /** Delete (code 42; RFC 7296). */
    V2_D(42, "RFC 7296", "Delete", "D"),
    /** Vendor ID (code 43; RFC 7296). */
    V2_V(43, "RFC 7296", "Vendor ID", "V"),
    /** Traffic Selector - Initiator (code 44; RFC 7296). */
    TSI(44, "RFC 7296", "Traffic Selector - Initiator", "TSi"),
    /** Traffic Selector - Responder (code 45; RFC 7296). */
    TSR(45, "RFC 7296", "Traffic Selector - Responder", "TSr"),
    /** Encrypted and Authenticated (code 46; RFC 7296). */
    SK(46, "RFC 7296", "Encrypted and Authenticated", "SK"),
    /** Configuration (code 47; RFC 7296). */
    CP(47, "RFC 7296", "Configuration", "CP"),
    /** Extensible Authentication (code 48; RFC 7296). */
    EAP(48, "RFC 7296", "Extensible Authentication", "EAP"),
    /** Generic Secure Password Method (code 49; RFC 6467). */
    GSPM(49, "RFC 6467", "Generic Secure Password Method", "GSPM"),
    /** Group Identification (code 50; draft-ietf-ipsecme-g-ikev2). */
    IDG(50, "draft-ietf-ipsecme-g-ikev2", "Group Identification", "IDg"),
    /** Group Security Association (code 51; draft-ietf-ipsecme-g-ikev2). */
    GSA(51, "draft-ietf-ipsecme-g-ikev2", "Group Security Association", "GSA"),
    /** Key Download (code 52; draft-ietf-ipsecme-g-ikev2). */
    V2_KD(52, "draft-ietf-ipsecme-g-ikev2", "Key Download", "KD"),
    /** Encrypted and Authenticated Fragment (code 53; RFC 7383). */
    SKF(53, "RFC 7383", "Encrypted and Authenticated Fragment", "SKF"),
    /** Puzzle Solution (code 54; RFC 8019). */
    PS(54, "RFC 8019", "Puzzle Solution", "PS"),
    /** NAT-D (draft-ietf-ipsec-nat-t-ike-01 to 03) (code 130; draft-ietf-ipsec-nat-t-ike-01). */
    NAT_D_DRAFT(130, "draft-ietf-ipsec-nat-t-ike-01", "NAT-D (draft-ietf-ipsec-nat-t-ike-01 to 03)", "NAT-D"),
    /** NAT-OA (draft-ietf-ipsec-nat-t-ike-01 to 03) (code 131; draft-ietf-ipsec-nat-t-ike-01). */
    NAT_OA_DRAFT(131, "draft-ietf-ipsec-nat-t-ike-01", "NAT-OA (draft-ietf-ipsec-nat-t-ike-01 to 03)", "NAT-OA"),
    /** Cisco-Fragmentation (code 132; Cisco IKE fragmentation). */
    FRAGMENT(132, "Cisco IKE fragmentation", "Cisco-Fragmentation", "FRAG"),
    /** Sentinel returned by {@link #of(int)} for a code this registry does not assign; its code is -1. */
    UNKNOWN(-1, "", "Unknown", "?");

    private static final CodeTable<PayloadType> TABLE = new CodeTable<>(values());

    private final Entry entry;
    private final String abbreviation;

    PayloadType(int code, String reference, String label, String abbreviation) {
        this.entry = new Entry(code, reference, label);
        this.abbreviation = abbreviation;
    }

    @Override
    public Entry entry() {
        return entry;
    }

    /**
     * The short form used in one-line message summaries (for example {@code "NAT-D"},
     * {@code "IDi"}).
     *
     * @return the abbreviation
     */
    public String abbreviation() {
        return abbreviation;
    }

    /**
     * The name {@link #nameOf(int)} returns for this constant's code (used as the JSON name).
     *
     * @return the wire name, never null
     */
    @Override
    public String wireName() {
        return isIkev2() ? abbreviation : name();
    }

    /**
     * Looks a code up. Never throws and never allocates.
     *
     * @param code the code read from the wire
     * @return the constant for {@code code}, or {@link #UNKNOWN} if the code is unassigned
     */
    public static PayloadType of(int code) {
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
        PayloadType c = of(code);
        return c != UNKNOWN ? c.wireName() : Ranges.payloadType(code);
    }

    /**
     * Whether this is an IKEv2 payload type (codes 33-54, RFC 7296 section 3.2).
     *
     * @return true for IKEv2 payload types
     */
    public boolean isIkev2() {
        return code() >= 33 && code() <= 54;
    }
}
