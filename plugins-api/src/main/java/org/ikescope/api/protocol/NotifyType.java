package org.ikescope.api.protocol;

/**
 * IKEv1 / ISAKMP Notify Message Types.
 *
 * <p>Error types 1-30 and CONNECTED from RFC 2408 section 3.14.1; the IPsec DOI status types
 * RESPONDER_LIFETIME, REPLAY_STATUS and INITIAL_CONTACT from RFC 2407 section 4.6.3; Dead Peer
 * Detection R_U_THERE / R_U_THERE_ACK from RFC 3706 section 5.1 (private-use status range); Cisco
 * Unity load-balancing and group-hash notifications (private-use status range). Ranges: 31-8191
 * reserved, 8192-16383 private-use errors, 16385-24575 reserved, 24576-32767 DOI-specific,
 * 32768-40959 private-use status, 40960-65535 reserved. The {@link #label()} is the RFC spelling
 * with hyphens, as tshark prints it ({@code "NO-PROPOSAL-CHOSEN"}).
 *
 * <p>This is a <em>type</em> registry: {@link #nameOf(int)} returns the constant name
 * (the IANA name written UPPER_SNAKE) for known codes.
 * Unassigned codes map to {@link #UNKNOWN} and are named by range ({@code "RESERVED"}, {@code
 * "RESERVED"}, {@code "PRIVATE_USE_ERRORS"}, {@code "RESERVED"}, {@code "DOI_SPECIFIC"}, {@code
 * "PRIVATE_USE"}, {@code "RESERVED"}, otherwise {@code "UNASSIGNED"}; {@code "INVALID"} for values
 * that do not fit the 16-bit wire field).
 */
public enum NotifyType implements RegistryValue {
    /** INVALID-PAYLOAD-TYPE (code 1; RFC 2408). */
    INVALID_PAYLOAD_TYPE(1, "RFC 2408", "INVALID-PAYLOAD-TYPE"),
    /** DOI-NOT-SUPPORTED (code 2; RFC 2408). */
    DOI_NOT_SUPPORTED(2, "RFC 2408", "DOI-NOT-SUPPORTED"),
    /** SITUATION-NOT-SUPPORTED (code 3; RFC 2408). */
    SITUATION_NOT_SUPPORTED(3, "RFC 2408", "SITUATION-NOT-SUPPORTED"),
    /** INVALID-COOKIE (code 4; RFC 2408). */
    INVALID_COOKIE(4, "RFC 2408", "INVALID-COOKIE"),
    /** INVALID-MAJOR-VERSION (code 5; RFC 2408). */
    INVALID_MAJOR_VERSION(5, "RFC 2408", "INVALID-MAJOR-VERSION"),
    /** INVALID-MINOR-VERSION (code 6; RFC 2408). */
    INVALID_MINOR_VERSION(6, "RFC 2408", "INVALID-MINOR-VERSION"),
    /** INVALID-EXCHANGE-TYPE (code 7; RFC 2408). */
    INVALID_EXCHANGE_TYPE(7, "RFC 2408", "INVALID-EXCHANGE-TYPE"),
    /** INVALID-FLAGS (code 8; RFC 2408). */
    INVALID_FLAGS(8, "RFC 2408", "INVALID-FLAGS"),
    /** INVALID-MESSAGE-ID (code 9; RFC 2408). */
    INVALID_MESSAGE_ID(9, "RFC 2408", "INVALID-MESSAGE-ID"),
    /** INVALID-PROTOCOL-ID (code 10; RFC 2408). */
    INVALID_PROTOCOL_ID(10, "RFC 2408", "INVALID-PROTOCOL-ID"),
    /** INVALID-SPI (code 11; RFC 2408). */
    INVALID_SPI(11, "RFC 2408", "INVALID-SPI"),
    /** INVALID-TRANSFORM-ID (code 12; RFC 2408). */
    INVALID_TRANSFORM_ID(12, "RFC 2408", "INVALID-TRANSFORM-ID"),
    /** ATTRIBUTES-NOT-SUPPORTED (code 13; RFC 2408). */
    ATTRIBUTES_NOT_SUPPORTED(13, "RFC 2408", "ATTRIBUTES-NOT-SUPPORTED"),
    /** NO-PROPOSAL-CHOSEN (code 14; RFC 2408). */
    NO_PROPOSAL_CHOSEN(14, "RFC 2408", "NO-PROPOSAL-CHOSEN"),
    /** BAD-PROPOSAL-SYNTAX (code 15; RFC 2408). */
    BAD_PROPOSAL_SYNTAX(15, "RFC 2408", "BAD-PROPOSAL-SYNTAX"),
    /** PAYLOAD-MALFORMED (code 16; RFC 2408). */
    PAYLOAD_MALFORMED(16, "RFC 2408", "PAYLOAD-MALFORMED"),
    /** INVALID-KEY-INFORMATION (code 17; RFC 2408). */
    INVALID_KEY_INFORMATION(17, "RFC 2408", "INVALID-KEY-INFORMATION"),
    /** INVALID-ID-INFORMATION (code 18; RFC 2408). */
    INVALID_ID_INFORMATION(18, "RFC 2408", "INVALID-ID-INFORMATION"),
    /** INVALID-CERT-ENCODING (code 19; RFC 2408). */
    INVALID_CERT_ENCODING(19, "RFC 2408", "INVALID-CERT-ENCODING"),
    /** INVALID-CERTIFICATE (code 20; RFC 2408). */
    INVALID_CERTIFICATE(20, "RFC 2408", "INVALID-CERTIFICATE"),
    /** CERT-TYPE-UNSUPPORTED (code 21; RFC 2408). */
    CERT_TYPE_UNSUPPORTED(21, "RFC 2408", "CERT-TYPE-UNSUPPORTED"),
    /** INVALID-CERT-AUTHORITY (code 22; RFC 2408). */
    INVALID_CERT_AUTHORITY(22, "RFC 2408", "INVALID-CERT-AUTHORITY"),
    /** INVALID-HASH-INFORMATION (code 23; RFC 2408). */
    INVALID_HASH_INFORMATION(23, "RFC 2408", "INVALID-HASH-INFORMATION"),
    /** AUTHENTICATION-FAILED (code 24; RFC 2408). */
    AUTHENTICATION_FAILED(24, "RFC 2408", "AUTHENTICATION-FAILED"),
    /** INVALID-SIGNATURE (code 25; RFC 2408). */
    INVALID_SIGNATURE(25, "RFC 2408", "INVALID-SIGNATURE"),
    /** ADDRESS-NOTIFICATION (code 26; RFC 2408). */
    ADDRESS_NOTIFICATION(26, "RFC 2408", "ADDRESS-NOTIFICATION"),
    /** NOTIFY-SA-LIFETIME (code 27; RFC 2408). */
    NOTIFY_SA_LIFETIME(27, "RFC 2408", "NOTIFY-SA-LIFETIME"),
    /** CERTIFICATE-UNAVAILABLE (code 28; RFC 2408). */
    CERTIFICATE_UNAVAILABLE(28, "RFC 2408", "CERTIFICATE-UNAVAILABLE"),
    /** UNSUPPORTED-EXCHANGE-TYPE (code 29; RFC 2408). */
    UNSUPPORTED_EXCHANGE_TYPE(29, "RFC 2408", "UNSUPPORTED-EXCHANGE-TYPE"),
    /** UNEQUAL-PAYLOAD-LENGTHS (code 30; RFC 2408). */
    UNEQUAL_PAYLOAD_LENGTHS(30, "RFC 2408", "UNEQUAL-PAYLOAD-LENGTHS"),
    /** CONNECTED (code 16384; RFC 2408). */
    CONNECTED(16384, "RFC 2408", "CONNECTED"),
    /** RESPONDER-LIFETIME (code 24576; RFC 2407). */
    RESPONDER_LIFETIME(24576, "RFC 2407", "RESPONDER-LIFETIME"),
    /** REPLAY-STATUS (code 24577; RFC 2407). */
    REPLAY_STATUS(24577, "RFC 2407", "REPLAY-STATUS"),
    /** INITIAL-CONTACT (code 24578; RFC 2407). */
    INITIAL_CONTACT(24578, "RFC 2407", "INITIAL-CONTACT"),
    /** R-U-THERE (code 36136; RFC 3706). */
    R_U_THERE(36136, "RFC 3706", "R-U-THERE"),
    /** R-U-THERE-ACK (code 36137; RFC 3706). */
    R_U_THERE_ACK(36137, "RFC 3706", "R-U-THERE-ACK"),
    /** UNITY-LOAD-BALANCE (code 40501; Cisco Unity). */
    UNITY_LOAD_BALANCE(40501, "Cisco Unity", "UNITY-LOAD-BALANCE"),
    /** UNITY-GROUP-HASH (code 40503; Cisco Unity). */
    UNITY_GROUP_HASH(40503, "Cisco Unity", "UNITY-GROUP-HASH"),
    /** Sentinel returned by {@link #of(int)} for a code this registry does not assign; its code is -1. */
    UNKNOWN(-1, "", "Unknown");

    private static final CodeTable<NotifyType> TABLE = new CodeTable<>(values());

    private final Entry entry;

    NotifyType(int code, String reference, String label) {
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
    public static NotifyType of(int code) {
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
        NotifyType c = of(code);
        return c != UNKNOWN ? c.wireName() : Ranges.notifyType(code);
    }

    /**
     * Whether this notification is an error (codes 1-16383, RFC 2408 section 3.14.1).
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
