package org.ikescope.api.protocol;

/**
 * Mode-config attribute types carried in the IKEv1 ATTR payload (draft-dukes-ike-mode-cfg /
 * draft-ietf-ipsec-isakmp-mode-cfg-05 section 3.3, codes 1-15; the later IKEv2 "Configuration Payload
 * Attribute Types" registry values 16-26 share the numbering), extended authentication attributes
 * from draft-beaulieu-ike-xauth-02 (16520-16529), Check Point attributes (16387-16389) and Cisco
 * Unity attributes (28672-28682; UNITY_SPLIT_DOMAIN is also known as UNITY_SPLITDNS_NAME and
 * UNITY_SPLIT_EXCLUDE as UNITY_LOCAL_LAN). Ranges: 0 reserved, 27-16383 unassigned, 16384-32767
 * private use (the type field is 15 bits).
 *
 * <p>This is a <em>type</em> registry: {@link #nameOf(int)} returns the constant name
 * (the IANA name written UPPER_SNAKE) for known codes.
 * Unassigned codes map to {@link #UNKNOWN} and are named by range ({@code "RESERVED"}, {@code
 * "PRIVATE_USE"}, otherwise {@code "UNASSIGNED"}; {@code "INVALID"} for values that do not fit the
 * 15-bit wire field).
 */
public enum ConfigAttributeType implements RegistryValue {
    /** INTERNAL_IP4_ADDRESS (code 1; draft-dukes-ike-mode-cfg). */
    INTERNAL_IP4_ADDRESS(1, "draft-dukes-ike-mode-cfg", "INTERNAL_IP4_ADDRESS"),
    /** INTERNAL_IP4_NETMASK (code 2; draft-dukes-ike-mode-cfg). */
    INTERNAL_IP4_NETMASK(2, "draft-dukes-ike-mode-cfg", "INTERNAL_IP4_NETMASK"),
    /** INTERNAL_IP4_DNS (code 3; draft-dukes-ike-mode-cfg). */
    INTERNAL_IP4_DNS(3, "draft-dukes-ike-mode-cfg", "INTERNAL_IP4_DNS"),
    /** INTERNAL_IP4_NBNS (code 4; draft-dukes-ike-mode-cfg). */
    INTERNAL_IP4_NBNS(4, "draft-dukes-ike-mode-cfg", "INTERNAL_IP4_NBNS"),
    /** INTERNAL_ADDRESS_EXPIRY (code 5; draft-dukes-ike-mode-cfg). */
    INTERNAL_ADDRESS_EXPIRY(5, "draft-dukes-ike-mode-cfg", "INTERNAL_ADDRESS_EXPIRY"),
    /** INTERNAL_IP4_DHCP (code 6; draft-dukes-ike-mode-cfg). */
    INTERNAL_IP4_DHCP(6, "draft-dukes-ike-mode-cfg", "INTERNAL_IP4_DHCP"),
    /** APPLICATION_VERSION (code 7; draft-dukes-ike-mode-cfg). */
    APPLICATION_VERSION(7, "draft-dukes-ike-mode-cfg", "APPLICATION_VERSION"),
    /** INTERNAL_IP6_ADDRESS (code 8; draft-dukes-ike-mode-cfg). */
    INTERNAL_IP6_ADDRESS(8, "draft-dukes-ike-mode-cfg", "INTERNAL_IP6_ADDRESS"),
    /** INTERNAL_IP6_NETMASK (code 9; draft-dukes-ike-mode-cfg). */
    INTERNAL_IP6_NETMASK(9, "draft-dukes-ike-mode-cfg", "INTERNAL_IP6_NETMASK"),
    /** INTERNAL_IP6_DNS (code 10; draft-dukes-ike-mode-cfg). */
    INTERNAL_IP6_DNS(10, "draft-dukes-ike-mode-cfg", "INTERNAL_IP6_DNS"),
    /** INTERNAL_IP6_NBNS (code 11; draft-dukes-ike-mode-cfg). */
    INTERNAL_IP6_NBNS(11, "draft-dukes-ike-mode-cfg", "INTERNAL_IP6_NBNS"),
    /** INTERNAL_IP6_DHCP (code 12; draft-dukes-ike-mode-cfg). */
    INTERNAL_IP6_DHCP(12, "draft-dukes-ike-mode-cfg", "INTERNAL_IP6_DHCP"),
    /** INTERNAL_IP4_SUBNET (code 13; draft-dukes-ike-mode-cfg). */
    INTERNAL_IP4_SUBNET(13, "draft-dukes-ike-mode-cfg", "INTERNAL_IP4_SUBNET"),
    /** SUPPORTED_ATTRIBUTES (code 14; draft-dukes-ike-mode-cfg). */
    SUPPORTED_ATTRIBUTES(14, "draft-dukes-ike-mode-cfg", "SUPPORTED_ATTRIBUTES"),
    /** INTERNAL_IP6_SUBNET (code 15; draft-dukes-ike-mode-cfg). */
    INTERNAL_IP6_SUBNET(15, "draft-dukes-ike-mode-cfg", "INTERNAL_IP6_SUBNET"),
    /** MIP6_HOME_PREFIX (code 16; RFC 5026). */
    MIP6_HOME_PREFIX(16, "RFC 5026", "MIP6_HOME_PREFIX"),
    /** INTERNAL_IP6_LINK (code 17; RFC 5739). */
    INTERNAL_IP6_LINK(17, "RFC 5739", "INTERNAL_IP6_LINK"),
    /** INTERNAL_IP6_PREFIX (code 18; RFC 5739). */
    INTERNAL_IP6_PREFIX(18, "RFC 5739", "INTERNAL_IP6_PREFIX"),
    /** HOME_AGENT_ADDRESS (code 19; 3GPP TS 24.302). */
    HOME_AGENT_ADDRESS(19, "3GPP TS 24.302", "HOME_AGENT_ADDRESS"),
    /** P_CSCF_IP4_ADDRESS (code 20; RFC 7651). */
    P_CSCF_IP4_ADDRESS(20, "RFC 7651", "P_CSCF_IP4_ADDRESS"),
    /** P_CSCF_IP6_ADDRESS (code 21; RFC 7651). */
    P_CSCF_IP6_ADDRESS(21, "RFC 7651", "P_CSCF_IP6_ADDRESS"),
    /** FTT_KAT (code 22; RFC 8202). */
    FTT_KAT(22, "RFC 8202", "FTT_KAT"),
    /** EXTERNAL_SOURCE_IP4_NAT_INFO (code 23; 3GPP TS 24.502). */
    EXTERNAL_SOURCE_IP4_NAT_INFO(23, "3GPP TS 24.502", "EXTERNAL_SOURCE_IP4_NAT_INFO"),
    /** TIMEOUT_PERIOD_FOR_LIVENESS_CHECK (code 24; 3GPP TS 24.502). */
    TIMEOUT_PERIOD_FOR_LIVENESS_CHECK(24, "3GPP TS 24.502", "TIMEOUT_PERIOD_FOR_LIVENESS_CHECK"),
    /** INTERNAL_DNS_DOMAIN (code 25; RFC 8598). */
    INTERNAL_DNS_DOMAIN(25, "RFC 8598", "INTERNAL_DNS_DOMAIN"),
    /** INTERNAL_DNSSEC_TA (code 26; RFC 8598). */
    INTERNAL_DNSSEC_TA(26, "RFC 8598", "INTERNAL_DNSSEC_TA"),
    /** CHKPT_DEF_DOMAIN (code 16387; Check Point (private use)). */
    CHKPT_DEF_DOMAIN(16387, "Check Point (private use)", "CHKPT_DEF_DOMAIN"),
    /** CHKPT_MAC_ADDRESS (code 16388; Check Point (private use)). */
    CHKPT_MAC_ADDRESS(16388, "Check Point (private use)", "CHKPT_MAC_ADDRESS"),
    /** CHKPT_MARCIPAN_REASON_CODE (code 16389; Check Point (private use)). */
    CHKPT_MARCIPAN_REASON_CODE(16389, "Check Point (private use)", "CHKPT_MARCIPAN_REASON_CODE"),
    /** XAUTH_TYPE (code 16520; draft-beaulieu-ike-xauth-02). */
    XAUTH_TYPE(16520, "draft-beaulieu-ike-xauth-02", "XAUTH_TYPE"),
    /** XAUTH_USER_NAME (code 16521; draft-beaulieu-ike-xauth-02). */
    XAUTH_USER_NAME(16521, "draft-beaulieu-ike-xauth-02", "XAUTH_USER_NAME"),
    /** XAUTH_USER_PASSWORD (code 16522; draft-beaulieu-ike-xauth-02). */
    XAUTH_USER_PASSWORD(16522, "draft-beaulieu-ike-xauth-02", "XAUTH_USER_PASSWORD"),
    /** XAUTH_PASSCODE (code 16523; draft-beaulieu-ike-xauth-02). */
    XAUTH_PASSCODE(16523, "draft-beaulieu-ike-xauth-02", "XAUTH_PASSCODE"),
    /** XAUTH_MESSAGE (code 16524; draft-beaulieu-ike-xauth-02). */
    XAUTH_MESSAGE(16524, "draft-beaulieu-ike-xauth-02", "XAUTH_MESSAGE"),
    /** XAUTH_CHALLENGE (code 16525; draft-beaulieu-ike-xauth-02). */
    XAUTH_CHALLENGE(16525, "draft-beaulieu-ike-xauth-02", "XAUTH_CHALLENGE"),
    /** XAUTH_DOMAIN (code 16526; draft-beaulieu-ike-xauth-02). */
    XAUTH_DOMAIN(16526, "draft-beaulieu-ike-xauth-02", "XAUTH_DOMAIN"),
    /** XAUTH_STATUS (code 16527; draft-beaulieu-ike-xauth-02). */
    XAUTH_STATUS(16527, "draft-beaulieu-ike-xauth-02", "XAUTH_STATUS"),
    /** XAUTH_NEXT_PIN (code 16528; draft-beaulieu-ike-xauth-02). */
    XAUTH_NEXT_PIN(16528, "draft-beaulieu-ike-xauth-02", "XAUTH_NEXT_PIN"),
    /** XAUTH_ANSWER (code 16529; draft-beaulieu-ike-xauth-02). */
    XAUTH_ANSWER(16529, "draft-beaulieu-ike-xauth-02", "XAUTH_ANSWER"),
    /** UNITY_BANNER (code 28672; Cisco Unity). */
    UNITY_BANNER(28672, "Cisco Unity", "UNITY_BANNER"),
    /** UNITY_SAVE_PASSWD (code 28673; Cisco Unity). */
    UNITY_SAVE_PASSWD(28673, "Cisco Unity", "UNITY_SAVE_PASSWD"),
    /** UNITY_DEF_DOMAIN (code 28674; Cisco Unity). */
    UNITY_DEF_DOMAIN(28674, "Cisco Unity", "UNITY_DEF_DOMAIN"),
    /** UNITY_SPLIT_DOMAIN (code 28675; Cisco Unity). */
    UNITY_SPLIT_DOMAIN(28675, "Cisco Unity", "UNITY_SPLIT_DOMAIN"),
    /** UNITY_SPLIT_INCLUDE (code 28676; Cisco Unity). */
    UNITY_SPLIT_INCLUDE(28676, "Cisco Unity", "UNITY_SPLIT_INCLUDE"),
    /** UNITY_NATT_PORT (code 28677; Cisco Unity). */
    UNITY_NATT_PORT(28677, "Cisco Unity", "UNITY_NATT_PORT"),
    /** UNITY_SPLIT_EXCLUDE (code 28678; Cisco Unity). */
    UNITY_SPLIT_EXCLUDE(28678, "Cisco Unity", "UNITY_SPLIT_EXCLUDE"),
    /** UNITY_PFS (code 28679; Cisco Unity). */
    UNITY_PFS(28679, "Cisco Unity", "UNITY_PFS"),
    /** UNITY_FW_TYPE (code 28680; Cisco Unity). */
    UNITY_FW_TYPE(28680, "Cisco Unity", "UNITY_FW_TYPE"),
    /** UNITY_BACKUP_SERVERS (code 28681; Cisco Unity). */
    UNITY_BACKUP_SERVERS(28681, "Cisco Unity", "UNITY_BACKUP_SERVERS"),
    /** UNITY_DDNS_HOSTNAME (code 28682; Cisco Unity). */
    UNITY_DDNS_HOSTNAME(28682, "Cisco Unity", "UNITY_DDNS_HOSTNAME"),
    /** Sentinel returned by {@link #of(int)} for a code this registry does not assign; its code is -1. */
    UNKNOWN(-1, "", "Unknown");

    private static final CodeTable<ConfigAttributeType> TABLE = new CodeTable<>(values());

    private final Entry entry;

    ConfigAttributeType(int code, String reference, String label) {
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
    public static ConfigAttributeType of(int code) {
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
        ConfigAttributeType c = of(code);
        return c != UNKNOWN ? c.wireName() : Ranges.ikeAttributeType(code);
    }

    /**
     * Whether this is an XAUTH attribute (16520-16529, draft-beaulieu-ike-xauth-02).
     *
     * @return true for XAUTH attributes
     */
    public boolean isXauth() {
        return code() >= 16520 && code() <= 16529;
    }

    /**
     * Whether this is a Cisco Unity attribute (28672-28682).
     *
     * @return true for Cisco Unity attributes
     */
    public boolean isUnity() {
        return code() >= 28672 && code() <= 28682;
    }
}
