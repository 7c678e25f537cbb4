package org.ikescope.api.protocol;

/**
 * IKEv1 phase-1 Authentication-Method attribute values (RFC 2409 Appendix A and the IANA "IKE
 * Attributes" registry; ECDSA values from RFC 4754; hybrid authentication from
 * draft-ietf-ipsec-isakmp-hybrid-auth-05 and extended authentication (XAUTH) from
 * draft-beaulieu-ike-xauth-02, both in the private-use range). Codes 6-8 are reserved by IANA but
 * still seen on the wire. Ranges: 0 reserved, 12-65000 unassigned, 65001-65535 private use.
 *
 * <p>This is an attribute-<em>value</em> registry: {@link #nameOf(int)} returns the
 * constant's {@link #label()} for known codes.
 * Unassigned codes map to {@link #UNKNOWN} and are named by range ({@code "RESERVED"}, {@code
 * "PRIVATE_USE"}, otherwise {@code "UNASSIGNED"}; {@code "INVALID"} for values that do not fit the
 * 16-bit wire field).
 */
public enum AuthMethod implements RegistryValue {
    /** PSK (code 1; RFC 2409). */
    PRE_SHARED_KEY(1, "RFC 2409", "PSK"),
    /** DSS_SIG (code 2; RFC 2409). */
    DSS_SIGNATURES(2, "RFC 2409", "DSS_SIG"),
    /** RSA_SIG (code 3; RFC 2409). */
    RSA_SIGNATURES(3, "RFC 2409", "RSA_SIG"),
    /** RSA_ENC (code 4; RFC 2409). */
    ENCRYPTION_WITH_RSA(4, "RFC 2409", "RSA_ENC"),
    /** RSA_REV_ENC (code 5; RFC 2409). */
    REVISED_ENCRYPTION_WITH_RSA(5, "RFC 2409", "RSA_REV_ENC"),
    /** ELGAMAL_ENC (code 6; Reserved, was draft-ietf-ipsec-ike-01). */
    ENCRYPTION_WITH_ELGAMAL(6, "Reserved, was draft-ietf-ipsec-ike-01", "ELGAMAL_ENC"),
    /** ELGAMAL_REV_ENC (code 7; Reserved, was draft-ietf-ipsec-ike-01). */
    REVISED_ENCRYPTION_WITH_ELGAMAL(7, "Reserved, was draft-ietf-ipsec-ike-01", "ELGAMAL_REV_ENC"),
    /** ECDSA_SIG (code 8; Reserved, was draft-ietf-ipsec-ike-ecc-groups). */
    ECDSA_SIGNATURES(8, "Reserved, was draft-ietf-ipsec-ike-ecc-groups", "ECDSA_SIG"),
    /** ECDSA_SHA256_P256 (code 9; RFC 4754). */
    ECDSA_SHA256_P256(9, "RFC 4754", "ECDSA_SHA256_P256"),
    /** ECDSA_SHA384_P384 (code 10; RFC 4754). */
    ECDSA_SHA384_P384(10, "RFC 4754", "ECDSA_SHA384_P384"),
    /** ECDSA_SHA512_P521 (code 11; RFC 4754). */
    ECDSA_SHA512_P521(11, "RFC 4754", "ECDSA_SHA512_P521"),
    /** HYBRID_INIT_RSA (code 64221; draft-ietf-ipsec-isakmp-hybrid-auth-05). */
    HYBRID_INIT_RSA(64221, "draft-ietf-ipsec-isakmp-hybrid-auth-05", "HYBRID_INIT_RSA"),
    /** HYBRID_RESP_RSA (code 64222; draft-ietf-ipsec-isakmp-hybrid-auth-05). */
    HYBRID_RESP_RSA(64222, "draft-ietf-ipsec-isakmp-hybrid-auth-05", "HYBRID_RESP_RSA"),
    /** HYBRID_INIT_DSS (code 64223; draft-ietf-ipsec-isakmp-hybrid-auth-05). */
    HYBRID_INIT_DSS(64223, "draft-ietf-ipsec-isakmp-hybrid-auth-05", "HYBRID_INIT_DSS"),
    /** HYBRID_RESP_DSS (code 64224; draft-ietf-ipsec-isakmp-hybrid-auth-05). */
    HYBRID_RESP_DSS(64224, "draft-ietf-ipsec-isakmp-hybrid-auth-05", "HYBRID_RESP_DSS"),
    /** XAUTH_INIT_PSK (code 65001; draft-beaulieu-ike-xauth-02). */
    XAUTH_INIT_PRE_SHARED(65001, "draft-beaulieu-ike-xauth-02", "XAUTH_INIT_PSK"),
    /** XAUTH_RESP_PSK (code 65002; draft-beaulieu-ike-xauth-02). */
    XAUTH_RESP_PRE_SHARED(65002, "draft-beaulieu-ike-xauth-02", "XAUTH_RESP_PSK"),
    /** XAUTH_INIT_DSS (code 65003; draft-beaulieu-ike-xauth-02). */
    XAUTH_INIT_DSS(65003, "draft-beaulieu-ike-xauth-02", "XAUTH_INIT_DSS"),
    /** XAUTH_RESP_DSS (code 65004; draft-beaulieu-ike-xauth-02). */
    XAUTH_RESP_DSS(65004, "draft-beaulieu-ike-xauth-02", "XAUTH_RESP_DSS"),
    /** XAUTH_INIT_RSA (code 65005; draft-beaulieu-ike-xauth-02). */
    XAUTH_INIT_RSA(65005, "draft-beaulieu-ike-xauth-02", "XAUTH_INIT_RSA"),
    /** XAUTH_RESP_RSA (code 65006; draft-beaulieu-ike-xauth-02). */
    XAUTH_RESP_RSA(65006, "draft-beaulieu-ike-xauth-02", "XAUTH_RESP_RSA"),
    /** XAUTH_INIT_RSA_ENC (code 65007; draft-beaulieu-ike-xauth-02). */
    XAUTH_INIT_RSA_ENCRYPTION(65007, "draft-beaulieu-ike-xauth-02", "XAUTH_INIT_RSA_ENC"),
    /** XAUTH_RESP_RSA_ENC (code 65008; draft-beaulieu-ike-xauth-02). */
    XAUTH_RESP_RSA_ENCRYPTION(65008, "draft-beaulieu-ike-xauth-02", "XAUTH_RESP_RSA_ENC"),
    /** XAUTH_INIT_RSA_REV_ENC (code 65009; draft-beaulieu-ike-xauth-02). */
    XAUTH_INIT_RSA_REVISED_ENCRYPTION(65009, "draft-beaulieu-ike-xauth-02", "XAUTH_INIT_RSA_REV_ENC"),
    /** XAUTH_RESP_RSA_REV_ENC (code 65010; draft-beaulieu-ike-xauth-02). */
    XAUTH_RESP_RSA_REVISED_ENCRYPTION(65010, "draft-beaulieu-ike-xauth-02", "XAUTH_RESP_RSA_REV_ENC"),
    /** Sentinel returned by {@link #of(int)} for a code this registry does not assign; its code is -1. */
    UNKNOWN(-1, "", "Unknown");

    private static final CodeTable<AuthMethod> TABLE = new CodeTable<>(values());

    private final Entry entry;

    AuthMethod(int code, String reference, String label) {
        this.entry = new Entry(code, reference, label);
    }

    @Override
    public Entry entry() {
        return entry;
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
    public static AuthMethod of(int code) {
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
        AuthMethod c = of(code);
        return c != UNKNOWN ? c.wireName() : Ranges.ikeAttributeValue(code);
    }

    /**
     * Whether this is an XAUTH method (codes 65001-65010, draft-beaulieu-ike-xauth-02).
     *
     * @return true for the XAUTH variants
     */
    public boolean isXauth() {
        return code() >= 65001 && code() <= 65010;
    }

    /**
     * Whether this is a hybrid-authentication method (codes 64221-64224,
     * draft-ietf-ipsec-isakmp-hybrid-auth-05).
     *
     * @return true for the hybrid variants
     */
    public boolean isHybrid() {
        return code() >= 64221 && code() <= 64224;
    }

    /**
     * Whether the phase-1 keys derive from a pre-shared key: {@link #PRE_SHARED_KEY} and the
     * XAUTH pre-shared variants.
     *
     * @return true for PSK-based methods
     */
    public boolean isPreSharedKey() {
        return this == PRE_SHARED_KEY || this == XAUTH_INIT_PRE_SHARED || this == XAUTH_RESP_PRE_SHARED;
    }

    /**
     * The base RFC 2409 method this one maps to once XAUTH is taken out (e.g.
     * {@link #XAUTH_INIT_RSA} to {@link #RSA_SIGNATURES}); hybrid methods map to the signature
     * method of the responder; other methods map to themselves.
     *
     * @return the base method, never null
     */
    public AuthMethod baseMethod() {
        switch (this) {
            case XAUTH_INIT_PRE_SHARED:
            case XAUTH_RESP_PRE_SHARED:
                return PRE_SHARED_KEY;
            case XAUTH_INIT_DSS:
            case XAUTH_RESP_DSS:
            case HYBRID_INIT_DSS:
            case HYBRID_RESP_DSS:
                return DSS_SIGNATURES;
            case XAUTH_INIT_RSA:
            case XAUTH_RESP_RSA:
            case HYBRID_INIT_RSA:
            case HYBRID_RESP_RSA:
                return RSA_SIGNATURES;
            case XAUTH_INIT_RSA_ENCRYPTION:
            case XAUTH_RESP_RSA_ENCRYPTION:
                return ENCRYPTION_WITH_RSA;
            case XAUTH_INIT_RSA_REVISED_ENCRYPTION:
            case XAUTH_RESP_RSA_REVISED_ENCRYPTION:
                return REVISED_ENCRYPTION_WITH_RSA;
            default:
                return this;
        }
    }
}
