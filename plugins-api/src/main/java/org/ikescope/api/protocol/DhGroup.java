package org.ikescope.api.protocol;

/**
 * Diffie-Hellman / key-exchange groups: the IKEv1 Group-Description attribute values (RFC 2409
 * section 6 and Appendix A, IANA "IKE Attributes" registry) and the IKEv2 Transform Type 4 IDs
 * (RFC 7296 section 3.3.2, IANA "Transform Type 4 - Key Exchange Method Transform IDs"), which share
 * one numbering. MODP groups from RFC 2409, RFC 3526 and RFC 5114; ECP groups from RFC 5903,
 * RFC 5114 and RFC 6954; EC2N groups 6-13 from draft-ietf-ipsec-ike-ecc-groups; Curve25519/448 from
 * RFC 8031; GOST from RFC 9385; ML-KEM from draft-ietf-ipsecme-ikev2-mlkem. Ranges: 0 reserved
 * (IKEv2 NONE), 38-1023 unassigned, 1024-65535 private use (IKEv2) / 32768-65535 (IKEv1);
 * {@link #nameOf(int)} names unassigned codes by the IKEv2 ranges.
 *
 * <p>This is an attribute-<em>value</em> registry: {@link #nameOf(int)} returns the
 * constant's {@link #label()} for known codes.
 * Unassigned codes map to {@link #UNKNOWN} and are named by range ({@code "RESERVED"}, {@code
 * "PRIVATE_USE"}, otherwise {@code "UNASSIGNED"}; {@code "INVALID"} for values that do not fit the
 * 16-bit wire field).
 */
public enum DhGroup implements RegistryValue {
    /** 768-bit MODP group (code 1; RFC 2409). */
    MODP_768(1, "RFC 2409", "768-bit MODP group", 768, "MODP768", GroupType.MODP),
    /** 1024-bit MODP group (code 2; RFC 2409). */
    MODP_1024(2, "RFC 2409", "1024-bit MODP group", 1024, "MODP1024", GroupType.MODP),
    /** EC2N group on GP[2^155] (code 3; RFC 2409). */
    EC2N_155(3, "RFC 2409", "EC2N group on GP[2^155]", 155, "EC2N155", GroupType.EC2N),
    /** EC2N group on GP[2^185] (code 4; RFC 2409). */
    EC2N_185(4, "RFC 2409", "EC2N group on GP[2^185]", 185, "EC2N185", GroupType.EC2N),
    /** 1536-bit MODP group (code 5; RFC 3526). */
    MODP_1536(5, "RFC 3526", "1536-bit MODP group", 1536, "MODP1536", GroupType.MODP),
    /** EC2N group over GF[2^163] (random) (code 6; draft-ietf-ipsec-ike-ecc-groups). */
    EC2N_163_RANDOM(6, "draft-ietf-ipsec-ike-ecc-groups", "EC2N group over GF[2^163] (random)", 163, "EC2N163R", GroupType.EC2N),
    /** EC2N group over GF[2^163] (Koblitz) (code 7; draft-ietf-ipsec-ike-ecc-groups). */
    EC2N_163_KOBLITZ(7, "draft-ietf-ipsec-ike-ecc-groups", "EC2N group over GF[2^163] (Koblitz)", 163, "EC2N163K", GroupType.EC2N),
    /** EC2N group over GF[2^283] (random) (code 8; draft-ietf-ipsec-ike-ecc-groups). */
    EC2N_283_RANDOM(8, "draft-ietf-ipsec-ike-ecc-groups", "EC2N group over GF[2^283] (random)", 283, "EC2N283R", GroupType.EC2N),
    /** EC2N group over GF[2^283] (Koblitz) (code 9; draft-ietf-ipsec-ike-ecc-groups). */
    EC2N_283_KOBLITZ(9, "draft-ietf-ipsec-ike-ecc-groups", "EC2N group over GF[2^283] (Koblitz)", 283, "EC2N283K", GroupType.EC2N),
    /** EC2N group over GF[2^409] (random) (code 10; draft-ietf-ipsec-ike-ecc-groups). */
    EC2N_409_RANDOM(10, "draft-ietf-ipsec-ike-ecc-groups", "EC2N group over GF[2^409] (random)", 409, "EC2N409R", GroupType.EC2N),
    /** EC2N group over GF[2^409] (Koblitz) (code 11; draft-ietf-ipsec-ike-ecc-groups). */
    EC2N_409_KOBLITZ(11, "draft-ietf-ipsec-ike-ecc-groups", "EC2N group over GF[2^409] (Koblitz)", 409, "EC2N409K", GroupType.EC2N),
    /** EC2N group over GF[2^571] (random) (code 12; draft-ietf-ipsec-ike-ecc-groups). */
    EC2N_571_RANDOM(12, "draft-ietf-ipsec-ike-ecc-groups", "EC2N group over GF[2^571] (random)", 571, "EC2N571R", GroupType.EC2N),
    /** EC2N group over GF[2^571] (Koblitz) (code 13; draft-ietf-ipsec-ike-ecc-groups). */
    EC2N_571_KOBLITZ(13, "draft-ietf-ipsec-ike-ecc-groups", "EC2N group over GF[2^571] (Koblitz)", 571, "EC2N571K", GroupType.EC2N),
    /** 2048-bit MODP group (code 14; RFC 3526). */
    MODP_2048(14, "RFC 3526", "2048-bit MODP group", 2048, "MODP2048", GroupType.MODP),
    /** 3072-bit MODP group (code 15; RFC 3526). */
    MODP_3072(15, "RFC 3526", "3072-bit MODP group", 3072, "MODP3072", GroupType.MODP),
    /** 4096-bit MODP group (code 16; RFC 3526). */
    MODP_4096(16, "RFC 3526", "4096-bit MODP group", 4096, "MODP4096", GroupType.MODP),
    /** 6144-bit MODP group (code 17; RFC 3526). */
    MODP_6144(17, "RFC 3526", "6144-bit MODP group", 6144, "MODP6144", GroupType.MODP),
    /** 8192-bit MODP group (code 18; RFC 3526). */
    MODP_8192(18, "RFC 3526", "8192-bit MODP group", 8192, "MODP8192", GroupType.MODP),
    /** 256-bit random ECP group (code 19; RFC 5903). */
    ECP_256(19, "RFC 5903", "256-bit random ECP group", 256, "ECP256", GroupType.ECP),
    /** 384-bit random ECP group (code 20; RFC 5903). */
    ECP_384(20, "RFC 5903", "384-bit random ECP group", 384, "ECP384", GroupType.ECP),
    /** 521-bit random ECP group (code 21; RFC 5903). */
    ECP_521(21, "RFC 5903", "521-bit random ECP group", 521, "ECP521", GroupType.ECP),
    /** 1024-bit MODP Group with 160-bit Prime Order Subgroup (code 22; RFC 5114). */
    MODP_1024_S160(22, "RFC 5114", "1024-bit MODP Group with 160-bit Prime Order Subgroup", 1024, "MODP1024S160", GroupType.MODP),
    /** 2048-bit MODP Group with 224-bit Prime Order Subgroup (code 23; RFC 5114). */
    MODP_2048_S224(23, "RFC 5114", "2048-bit MODP Group with 224-bit Prime Order Subgroup", 2048, "MODP2048S224", GroupType.MODP),
    /** 2048-bit MODP Group with 256-bit Prime Order Subgroup (code 24; RFC 5114). */
    MODP_2048_S256(24, "RFC 5114", "2048-bit MODP Group with 256-bit Prime Order Subgroup", 2048, "MODP2048S256", GroupType.MODP),
    /** 192-bit Random ECP Group (code 25; RFC 5114). */
    ECP_192(25, "RFC 5114", "192-bit Random ECP Group", 192, "ECP192", GroupType.ECP),
    /** 224-bit Random ECP Group (code 26; RFC 5114). */
    ECP_224(26, "RFC 5114", "224-bit Random ECP Group", 224, "ECP224", GroupType.ECP),
    /** 224-bit Brainpool ECP group (code 27; RFC 6954). */
    BRAINPOOL_P224R1(27, "RFC 6954", "224-bit Brainpool ECP group", 224, "BRAINPOOL224", GroupType.ECP),
    /** 256-bit Brainpool ECP group (code 28; RFC 6954). */
    BRAINPOOL_P256R1(28, "RFC 6954", "256-bit Brainpool ECP group", 256, "BRAINPOOL256", GroupType.ECP),
    /** 384-bit Brainpool ECP group (code 29; RFC 6954). */
    BRAINPOOL_P384R1(29, "RFC 6954", "384-bit Brainpool ECP group", 384, "BRAINPOOL384", GroupType.ECP),
    /** 512-bit Brainpool ECP group (code 30; RFC 6954). */
    BRAINPOOL_P512R1(30, "RFC 6954", "512-bit Brainpool ECP group", 512, "BRAINPOOL512", GroupType.ECP),
    /** Curve25519 (code 31; RFC 8031). */
    CURVE25519(31, "RFC 8031", "Curve25519", 255, "CURVE25519", GroupType.UNKNOWN),
    /** Curve448 (code 32; RFC 8031). */
    CURVE448(32, "RFC 8031", "Curve448", 448, "CURVE448", GroupType.UNKNOWN),
    /** GOST3410_2012_256 (code 33; RFC 9385). */
    GOST3410_2012_256(33, "RFC 9385", "GOST3410_2012_256", 256, "GOST256", GroupType.UNKNOWN),
    /** GOST3410_2012_512 (code 34; RFC 9385). */
    GOST3410_2012_512(34, "RFC 9385", "GOST3410_2012_512", 512, "GOST512", GroupType.UNKNOWN),
    /** ML-KEM-512 (code 35; draft-ietf-ipsecme-ikev2-mlkem). */
    ML_KEM_512(35, "draft-ietf-ipsecme-ikev2-mlkem", "ML-KEM-512", 512, "MLKEM512", GroupType.UNKNOWN),
    /** ML-KEM-768 (code 36; draft-ietf-ipsecme-ikev2-mlkem). */
    ML_KEM_768(36, "draft-ietf-ipsecme-ikev2-mlkem", "ML-KEM-768", 768, "MLKEM768", GroupType.UNKNOWN),
    /** ML-KEM-1024 (code 37; draft-ietf-ipsecme-ikev2-mlkem). */
    ML_KEM_1024(37, "draft-ietf-ipsecme-ikev2-mlkem", "ML-KEM-1024", 1024, "MLKEM1024", GroupType.UNKNOWN),
    /** Sentinel returned by {@link #of(int)} for a code this registry does not assign; its code is -1. */
    UNKNOWN(-1, "", "Unknown", 0, "UNKNOWN", GroupType.UNKNOWN);

    private static final CodeTable<DhGroup> TABLE = new CodeTable<>(values());

    private final Entry entry;
    private final int bits;
    private final String shortName;
    private final GroupType groupType;

    DhGroup(int code, String reference, String label, int bits, String shortName, GroupType groupType) {
        this.entry = new Entry(code, reference, label);
        this.bits = bits;
        this.shortName = shortName;
        this.groupType = groupType;
    }

    @Override
    public Entry entry() {
        return entry;
    }

    /**
     * The nominal size in bits: the prime length for MODP groups, the field size for
     * elliptic curves, the parameter set for ML-KEM; 0 for {@link #UNKNOWN}.
     *
     * @return the bits
     */
    public int bits() {
        return bits;
    }

    /**
     * A compact name such as {@code "MODP2048"}, {@code "ECP256"} or {@code "CURVE25519"}.
     *
     * @return the shortName
     */
    public String shortName() {
        return shortName;
    }

    /**
     * The IKEv1 Group-Type (MODP, ECP, EC2N) of this group, or {@link GroupType#UNKNOWN}
     * for groups outside that scheme (Montgomery/Edwards curves, GOST, ML-KEM).
     *
     * @return the groupType
     */
    public GroupType groupType() {
        return groupType;
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
    public static DhGroup of(int code) {
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
        DhGroup c = of(code);
        return c != UNKNOWN ? c.wireName() : Ranges.ikev2TransformId(code);
    }

    /**
     * The length in bytes of the KE payload data for this group where it is fixed by the group:
     * the prime length for MODP groups and twice the coordinate length for ECP groups (RFC 5903).
     *
     * @return the public value length in bytes, or 0 when not fixed here
     */
    public int keyExchangeLength() {
        switch (groupType) {
            case MODP:
                return (bits + 7) / 8;
            case ECP:
                return 2 * ((bits + 7) / 8);
            default:
                if (this == CURVE25519) {
                    return 32;
                }
                if (this == CURVE448) {
                    return 56;
                }
                return 0;
        }
    }
}
