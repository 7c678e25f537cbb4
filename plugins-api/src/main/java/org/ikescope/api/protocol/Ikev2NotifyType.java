package org.ikescope.api.protocol;

/**
 * IKEv2 Notify Message Types (RFC 7296 section 3.10.1 and the IANA "IKEv2 Notify Message Error
 * Types" / "IKEv2 Notify Message Status Types" registries).
 *
 * <p>Ranges: 0 and the gaps below 47 reserved, 48-8191 unassigned errors, 8192-16383 private-use
 * errors, 16445-40959 unassigned status types, 40960-65535 private-use status types.
 *
 * <p>This is a <em>type</em> registry: {@link #nameOf(int)} returns the constant name
 * (the IANA name written UPPER_SNAKE) for known codes.
 * Unassigned codes map to {@link #UNKNOWN} and are named by range ({@code "RESERVED"}, {@code
 * "UNASSIGNED_ERRORS"}, {@code "PRIVATE_USE_ERRORS"}, {@code "PRIVATE_USE_STATUS"}, otherwise
 * {@code "UNASSIGNED"}; {@code "INVALID"} for values that do not fit the 16-bit wire field).
 */
public enum Ikev2NotifyType implements RegistryValue {
    /** UNSUPPORTED_CRITICAL_PAYLOAD (code 1; RFC 7296). */
    UNSUPPORTED_CRITICAL_PAYLOAD(1, "RFC 7296", "UNSUPPORTED_CRITICAL_PAYLOAD"),
    /** INVALID_IKE_SPI (code 4; RFC 7296). */
    INVALID_IKE_SPI(4, "RFC 7296", "INVALID_IKE_SPI"),
    /** INVALID_MAJOR_VERSION (code 5; RFC 7296). */
    INVALID_MAJOR_VERSION(5, "RFC 7296", "INVALID_MAJOR_VERSION"),
    /** INVALID_SYNTAX (code 7; RFC 7296). */
    INVALID_SYNTAX(7, "RFC 7296", "INVALID_SYNTAX"),
    /** INVALID_MESSAGE_ID (code 9; RFC 7296). */
    INVALID_MESSAGE_ID(9, "RFC 7296", "INVALID_MESSAGE_ID"),
    /** INVALID_SPI (code 11; RFC 7296). */
    INVALID_SPI(11, "RFC 7296", "INVALID_SPI"),
    /** NO_PROPOSAL_CHOSEN (code 14; RFC 7296). */
    NO_PROPOSAL_CHOSEN(14, "RFC 7296", "NO_PROPOSAL_CHOSEN"),
    /** INVALID_KE_PAYLOAD (code 17; RFC 7296). */
    INVALID_KE_PAYLOAD(17, "RFC 7296", "INVALID_KE_PAYLOAD"),
    /** AUTHENTICATION_FAILED (code 24; RFC 7296). */
    AUTHENTICATION_FAILED(24, "RFC 7296", "AUTHENTICATION_FAILED"),
    /** SINGLE_PAIR_REQUIRED (code 34; RFC 7296). */
    SINGLE_PAIR_REQUIRED(34, "RFC 7296", "SINGLE_PAIR_REQUIRED"),
    /** NO_ADDITIONAL_SAS (code 35; RFC 7296). */
    NO_ADDITIONAL_SAS(35, "RFC 7296", "NO_ADDITIONAL_SAS"),
    /** INTERNAL_ADDRESS_FAILURE (code 36; RFC 7296). */
    INTERNAL_ADDRESS_FAILURE(36, "RFC 7296", "INTERNAL_ADDRESS_FAILURE"),
    /** FAILED_CP_REQUIRED (code 37; RFC 7296). */
    FAILED_CP_REQUIRED(37, "RFC 7296", "FAILED_CP_REQUIRED"),
    /** TS_UNACCEPTABLE (code 38; RFC 7296). */
    TS_UNACCEPTABLE(38, "RFC 7296", "TS_UNACCEPTABLE"),
    /** INVALID_SELECTORS (code 39; RFC 7296). */
    INVALID_SELECTORS(39, "RFC 7296", "INVALID_SELECTORS"),
    /** UNACCEPTABLE_ADDRESSES (code 40; RFC 4555). */
    UNACCEPTABLE_ADDRESSES(40, "RFC 4555", "UNACCEPTABLE_ADDRESSES"),
    /** UNEXPECTED_NAT_DETECTED (code 41; RFC 4555). */
    UNEXPECTED_NAT_DETECTED(41, "RFC 4555", "UNEXPECTED_NAT_DETECTED"),
    /** USE_ASSIGNED_HOA (code 42; RFC 5026). */
    USE_ASSIGNED_HOA(42, "RFC 5026", "USE_ASSIGNED_HOA"),
    /** TEMPORARY_FAILURE (code 43; RFC 7296). */
    TEMPORARY_FAILURE(43, "RFC 7296", "TEMPORARY_FAILURE"),
    /** CHILD_SA_NOT_FOUND (code 44; RFC 7296). */
    CHILD_SA_NOT_FOUND(44, "RFC 7296", "CHILD_SA_NOT_FOUND"),
    /** INVALID_GROUP_ID (code 45; draft-ietf-ipsecme-g-ikev2). */
    INVALID_GROUP_ID(45, "draft-ietf-ipsecme-g-ikev2", "INVALID_GROUP_ID"),
    /** AUTHORIZATION_FAILED (code 46; draft-ietf-ipsecme-g-ikev2). */
    AUTHORIZATION_FAILED(46, "draft-ietf-ipsecme-g-ikev2", "AUTHORIZATION_FAILED"),
    /** STATE_NOT_FOUND (code 47; RFC 9370). */
    STATE_NOT_FOUND(47, "RFC 9370", "STATE_NOT_FOUND"),
    /** INITIAL_CONTACT (code 16384; RFC 7296). */
    INITIAL_CONTACT(16384, "RFC 7296", "INITIAL_CONTACT"),
    /** SET_WINDOW_SIZE (code 16385; RFC 7296). */
    SET_WINDOW_SIZE(16385, "RFC 7296", "SET_WINDOW_SIZE"),
    /** ADDITIONAL_TS_POSSIBLE (code 16386; RFC 7296). */
    ADDITIONAL_TS_POSSIBLE(16386, "RFC 7296", "ADDITIONAL_TS_POSSIBLE"),
    /** IPCOMP_SUPPORTED (code 16387; RFC 7296). */
    IPCOMP_SUPPORTED(16387, "RFC 7296", "IPCOMP_SUPPORTED"),
    /** NAT_DETECTION_SOURCE_IP (code 16388; RFC 7296). */
    NAT_DETECTION_SOURCE_IP(16388, "RFC 7296", "NAT_DETECTION_SOURCE_IP"),
    /** NAT_DETECTION_DESTINATION_IP (code 16389; RFC 7296). */
    NAT_DETECTION_DESTINATION_IP(16389, "RFC 7296", "NAT_DETECTION_DESTINATION_IP"),
    /** COOKIE (code 16390; RFC 7296). */
    COOKIE(16390, "RFC 7296", "COOKIE"),
    /** USE_TRANSPORT_MODE (code 16391; RFC 7296). */
    USE_TRANSPORT_MODE(16391, "RFC 7296", "USE_TRANSPORT_MODE"),
    /** HTTP_CERT_LOOKUP_SUPPORTED (code 16392; RFC 7296). */
    HTTP_CERT_LOOKUP_SUPPORTED(16392, "RFC 7296", "HTTP_CERT_LOOKUP_SUPPORTED"),
    /** REKEY_SA (code 16393; RFC 7296). */
    REKEY_SA(16393, "RFC 7296", "REKEY_SA"),
    /** ESP_TFC_PADDING_NOT_SUPPORTED (code 16394; RFC 7296). */
    ESP_TFC_PADDING_NOT_SUPPORTED(16394, "RFC 7296", "ESP_TFC_PADDING_NOT_SUPPORTED"),
    /** NON_FIRST_FRAGMENTS_ALSO (code 16395; RFC 7296). */
    NON_FIRST_FRAGMENTS_ALSO(16395, "RFC 7296", "NON_FIRST_FRAGMENTS_ALSO"),
    /** MOBIKE_SUPPORTED (code 16396; RFC 4555). */
    MOBIKE_SUPPORTED(16396, "RFC 4555", "MOBIKE_SUPPORTED"),
    /** ADDITIONAL_IP4_ADDRESS (code 16397; RFC 4555). */
    ADDITIONAL_IP4_ADDRESS(16397, "RFC 4555", "ADDITIONAL_IP4_ADDRESS"),
    /** ADDITIONAL_IP6_ADDRESS (code 16398; RFC 4555). */
    ADDITIONAL_IP6_ADDRESS(16398, "RFC 4555", "ADDITIONAL_IP6_ADDRESS"),
    /** NO_ADDITIONAL_ADDRESSES (code 16399; RFC 4555). */
    NO_ADDITIONAL_ADDRESSES(16399, "RFC 4555", "NO_ADDITIONAL_ADDRESSES"),
    /** UPDATE_SA_ADDRESSES (code 16400; RFC 4555). */
    UPDATE_SA_ADDRESSES(16400, "RFC 4555", "UPDATE_SA_ADDRESSES"),
    /** COOKIE2 (code 16401; RFC 4555). */
    COOKIE2(16401, "RFC 4555", "COOKIE2"),
    /** NO_NATS_ALLOWED (code 16402; RFC 4555). */
    NO_NATS_ALLOWED(16402, "RFC 4555", "NO_NATS_ALLOWED"),
    /** AUTH_LIFETIME (code 16403; RFC 4478). */
    AUTH_LIFETIME(16403, "RFC 4478", "AUTH_LIFETIME"),
    /** MULTIPLE_AUTH_SUPPORTED (code 16404; RFC 4739). */
    MULTIPLE_AUTH_SUPPORTED(16404, "RFC 4739", "MULTIPLE_AUTH_SUPPORTED"),
    /** ANOTHER_AUTH_FOLLOWS (code 16405; RFC 4739). */
    ANOTHER_AUTH_FOLLOWS(16405, "RFC 4739", "ANOTHER_AUTH_FOLLOWS"),
    /** REDIRECT_SUPPORTED (code 16406; RFC 5685). */
    REDIRECT_SUPPORTED(16406, "RFC 5685", "REDIRECT_SUPPORTED"),
    /** REDIRECT (code 16407; RFC 5685). */
    REDIRECT(16407, "RFC 5685", "REDIRECT"),
    /** REDIRECTED_FROM (code 16408; RFC 5685). */
    REDIRECTED_FROM(16408, "RFC 5685", "REDIRECTED_FROM"),
    /** TICKET_LT_OPAQUE (code 16409; RFC 5723). */
    TICKET_LT_OPAQUE(16409, "RFC 5723", "TICKET_LT_OPAQUE"),
    /** TICKET_REQUEST (code 16410; RFC 5723). */
    TICKET_REQUEST(16410, "RFC 5723", "TICKET_REQUEST"),
    /** TICKET_ACK (code 16411; RFC 5723). */
    TICKET_ACK(16411, "RFC 5723", "TICKET_ACK"),
    /** TICKET_NACK (code 16412; RFC 5723). */
    TICKET_NACK(16412, "RFC 5723", "TICKET_NACK"),
    /** TICKET_OPAQUE (code 16413; RFC 5723). */
    TICKET_OPAQUE(16413, "RFC 5723", "TICKET_OPAQUE"),
    /** LINK_ID (code 16414; RFC 5739). */
    LINK_ID(16414, "RFC 5739", "LINK_ID"),
    /** USE_WESP_MODE (code 16415; RFC 5840). */
    USE_WESP_MODE(16415, "RFC 5840", "USE_WESP_MODE"),
    /** ROHC_SUPPORTED (code 16416; RFC 5857). */
    ROHC_SUPPORTED(16416, "RFC 5857", "ROHC_SUPPORTED"),
    /** EAP_ONLY_AUTHENTICATION (code 16417; RFC 5998). */
    EAP_ONLY_AUTHENTICATION(16417, "RFC 5998", "EAP_ONLY_AUTHENTICATION"),
    /** CHILDLESS_IKEV2_SUPPORTED (code 16418; RFC 6023). */
    CHILDLESS_IKEV2_SUPPORTED(16418, "RFC 6023", "CHILDLESS_IKEV2_SUPPORTED"),
    /** QUICK_CRASH_DETECTION (code 16419; RFC 6290). */
    QUICK_CRASH_DETECTION(16419, "RFC 6290", "QUICK_CRASH_DETECTION"),
    /** IKEV2_MESSAGE_ID_SYNC_SUPPORTED (code 16420; RFC 6311). */
    IKEV2_MESSAGE_ID_SYNC_SUPPORTED(16420, "RFC 6311", "IKEV2_MESSAGE_ID_SYNC_SUPPORTED"),
    /** IPSEC_REPLAY_COUNTER_SYNC_SUPPORTED (code 16421; RFC 6311). */
    IPSEC_REPLAY_COUNTER_SYNC_SUPPORTED(16421, "RFC 6311", "IPSEC_REPLAY_COUNTER_SYNC_SUPPORTED"),
    /** IKEV2_MESSAGE_ID_SYNC (code 16422; RFC 6311). */
    IKEV2_MESSAGE_ID_SYNC(16422, "RFC 6311", "IKEV2_MESSAGE_ID_SYNC"),
    /** IPSEC_REPLAY_COUNTER_SYNC (code 16423; RFC 6311). */
    IPSEC_REPLAY_COUNTER_SYNC(16423, "RFC 6311", "IPSEC_REPLAY_COUNTER_SYNC"),
    /** SECURE_PASSWORD_METHODS (code 16424; RFC 6467). */
    SECURE_PASSWORD_METHODS(16424, "RFC 6467", "SECURE_PASSWORD_METHODS"),
    /** PSK_PERSIST (code 16425; RFC 6631). */
    PSK_PERSIST(16425, "RFC 6631", "PSK_PERSIST"),
    /** PSK_CONFIRM (code 16426; RFC 6631). */
    PSK_CONFIRM(16426, "RFC 6631", "PSK_CONFIRM"),
    /** ERX_SUPPORTED (code 16427; RFC 6867). */
    ERX_SUPPORTED(16427, "RFC 6867", "ERX_SUPPORTED"),
    /** IFOM_CAPABILITY (code 16428; 3GPP TS 24.303). */
    IFOM_CAPABILITY(16428, "3GPP TS 24.303", "IFOM_CAPABILITY"),
    /** SENDER_REQUEST_ID (code 16429; draft-ietf-ipsecme-g-ikev2). */
    SENDER_REQUEST_ID(16429, "draft-ietf-ipsecme-g-ikev2", "SENDER_REQUEST_ID"),
    /** IKEV2_FRAGMENTATION_SUPPORTED (code 16430; RFC 7383). */
    IKEV2_FRAGMENTATION_SUPPORTED(16430, "RFC 7383", "IKEV2_FRAGMENTATION_SUPPORTED"),
    /** SIGNATURE_HASH_ALGORITHMS (code 16431; RFC 7427). */
    SIGNATURE_HASH_ALGORITHMS(16431, "RFC 7427", "SIGNATURE_HASH_ALGORITHMS"),
    /** CLONE_IKE_SA_SUPPORTED (code 16432; RFC 7791). */
    CLONE_IKE_SA_SUPPORTED(16432, "RFC 7791", "CLONE_IKE_SA_SUPPORTED"),
    /** CLONE_IKE_SA (code 16433; RFC 7791). */
    CLONE_IKE_SA(16433, "RFC 7791", "CLONE_IKE_SA"),
    /** PUZZLE (code 16434; RFC 8019). */
    PUZZLE(16434, "RFC 8019", "PUZZLE"),
    /** USE_PPK (code 16435; RFC 8784). */
    USE_PPK(16435, "RFC 8784", "USE_PPK"),
    /** PPK_IDENTITY (code 16436; RFC 8784). */
    PPK_IDENTITY(16436, "RFC 8784", "PPK_IDENTITY"),
    /** NO_PPK_AUTH (code 16437; RFC 8784). */
    NO_PPK_AUTH(16437, "RFC 8784", "NO_PPK_AUTH"),
    /** INTERMEDIATE_EXCHANGE_SUPPORTED (code 16438; RFC 9242). */
    INTERMEDIATE_EXCHANGE_SUPPORTED(16438, "RFC 9242", "INTERMEDIATE_EXCHANGE_SUPPORTED"),
    /** IP4_ALLOWED (code 16439; RFC 8983). */
    IP4_ALLOWED(16439, "RFC 8983", "IP4_ALLOWED"),
    /** IP6_ALLOWED (code 16440; RFC 8983). */
    IP6_ALLOWED(16440, "RFC 8983", "IP6_ALLOWED"),
    /** ADDITIONAL_KEY_EXCHANGE (code 16441; RFC 9370). */
    ADDITIONAL_KEY_EXCHANGE(16441, "RFC 9370", "ADDITIONAL_KEY_EXCHANGE"),
    /** USE_AGGFRAG (code 16442; RFC 9347). */
    USE_AGGFRAG(16442, "RFC 9347", "USE_AGGFRAG"),
    /** SUPPORTED_AUTH_METHODS (code 16443; RFC 9593). */
    SUPPORTED_AUTH_METHODS(16443, "RFC 9593", "SUPPORTED_AUTH_METHODS"),
    /** SA_RESOURCE_INFO (code 16444; RFC 9611). */
    SA_RESOURCE_INFO(16444, "RFC 9611", "SA_RESOURCE_INFO"),
    /** Sentinel returned by {@link #of(int)} for a code this registry does not assign; its code is -1. */
    UNKNOWN(-1, "", "Unknown");

    private static final CodeTable<Ikev2NotifyType> TABLE = new CodeTable<>(values());

    private final Entry entry;

    Ikev2NotifyType(int code, String reference, String label) {
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
    public static Ikev2NotifyType of(int code) {
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
        Ikev2NotifyType c = of(code);
        return c != UNKNOWN ? c.wireName() : Ranges.ikev2NotifyType(code);
    }

    /**
     * Whether this notification is an error type (codes below 16384, RFC 7296 section 3.10.1).
     *
     * @return true for error types; false for status types and {@link #UNKNOWN}
     */
    public boolean isError() {
        return isErrorCode(code());
    }

    /**
     * Whether a raw code lies in the error range 1-16383.
     *
     * @param code the notify message type from the wire
     * @return true for the error range
     */
    public static boolean isErrorCode(int code) {
        return code >= 1 && code <= 16383;
    }
}
