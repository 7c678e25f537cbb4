package org.ikescope.api.protocol;

/**
 * The names of the ranges of codes that a registry does not assign, one function per kind of
 * registry; the registry enums' {@code nameOf(int)} falls back to these for a code their
 * {@code of(int)} does not know.
 *
 * <p>A function is only asked about codes without a constant, so a range may include an assigned
 * code (IKEv2 transform ID 0, for instance, is reserved in some transform types and {@code NONE} in
 * others). Every function returns {@code "INVALID"} for a value that does not fit the wire field,
 * never throws and never allocates (it returns string constants).
 */
final class Ranges {

    static final String INVALID = "INVALID";
    static final String RESERVED = "RESERVED";
    static final String PRIVATE_USE = "PRIVATE_USE";
    static final String UNASSIGNED = "UNASSIGNED";

    /** Marks a registry that has no reserved run. */
    private static final int NONE = -1;

    private Ranges() {
    }

    /**
     * The common shape: a wire field of {@code 0..max}, one reserved run and one private-use run;
     * every other value is unassigned.
     */
    private static String classify(int code, int max, int reservedFrom, int reservedTo, int privateFrom,
            int privateTo) {
        if (code < 0 || code > max) {
            return INVALID;
        }
        if (code >= reservedFrom && code <= reservedTo) {
            return RESERVED;
        }
        if (code >= privateFrom && code <= privateTo) {
            return PRIVATE_USE;
        }
        return UNASSIGNED;
    }

    // ---- 16-bit attribute values and IDs

    /**
     * IKEv1 phase-1 attribute values (Encryption-Algorithm, Hash-Algorithm, Authentication-Method,
     * Group-Type): RFC 2409 Appendix A, 0 reserved, 65001-65535 private use.
     */
    static String ikeAttributeValue(int code) {
        return classify(code, 0xFFFF, 0, 0, 65001, 0xFFFF);
    }

    /**
     * IPsec DOI SA attribute values (SA Life Type, Encapsulation Mode, Authentication Algorithm):
     * RFC 2407 section 4.5, 0 reserved, 61440-65535 private use.
     */
    static String ipsecAttributeValue(int code) {
        return classify(code, 0xFFFF, 0, 0, 61440, 0xFFFF);
    }

    /**
     * IKEv2 transform IDs (key exchange method, PRF, integrity): RFC 7296 section 3.3.2 and the IANA
     * "Transform Type N" registries, 0 reserved (where not assigned as NONE), 1024-65535 private use.
     * The IKEv1 Group-Description values share the key exchange numbering.
     */
    static String ikev2TransformId(int code) {
        return classify(code, 0xFFFF, 0, 0, 1024, 0xFFFF);
    }

    /**
     * IKEv2 Transform Type 1 (encryption) IDs: as {@link #ikev2TransformId(int)}, with 10 and 22 also
     * reserved (IANA "Transform Type 1 - Encryption Algorithm Transform IDs").
     */
    static String ikev2EncryptionId(int code) {
        return code == 10 || code == 22 ? RESERVED : ikev2TransformId(code);
    }

    /**
     * ISAKMP notify message types: RFC 2408 section 3.14.1 (errors 1-8191, 8192-16383 private use;
     * status 16384-24575, 24576-32767 DOI-specific, 32768-40959 private use; 40960-65535 reserved).
     */
    static String notifyType(int code) {
        if (code < 0 || code > 0xFFFF) {
            return INVALID;
        }
        if (code == 0 || (code >= 31 && code <= 8191) || (code >= 16385 && code <= 24575) || code >= 40960) {
            return RESERVED;
        }
        if (code >= 8192 && code <= 16383) {
            return "PRIVATE_USE_ERRORS";
        }
        if (code >= 24576 && code <= 32767) {
            return "DOI_SPECIFIC";
        }
        if (code >= 32768) {
            return PRIVATE_USE;
        }
        return UNASSIGNED;
    }

    /**
     * IKEv2 notify message types: RFC 7296 section 3.10.1 and the IANA registries (0-33 reserved
     * where not assigned, 48-8191 unassigned errors, 8192-16383 private-use errors, 40960-65535
     * private-use status types).
     */
    static String ikev2NotifyType(int code) {
        if (code < 0 || code > 0xFFFF) {
            return INVALID;
        }
        if (code <= 33) {
            return RESERVED;
        }
        if (code >= 48 && code <= 8191) {
            return "UNASSIGNED_ERRORS";
        }
        if (code >= 8192 && code <= 16383) {
            return "PRIVATE_USE_ERRORS";
        }
        if (code >= 40960) {
            return "PRIVATE_USE_STATUS";
        }
        return UNASSIGNED;
    }

    // ---- 15-bit attribute types (the top bit of the field is the AF flag)

    /**
     * IKEv1 phase-1 attribute classes (RFC 2409 Appendix A) and mode-config attribute types
     * (draft-ietf-ipsec-isakmp-mode-cfg-05 section 3.3): 0 reserved, 16384-32767 private use.
     */
    static String ikeAttributeType(int code) {
        return classify(code, 0x7FFF, 0, 0, 16384, 0x7FFF);
    }

    /** IPsec DOI SA attribute types: RFC 2407 section 4.5, 0 reserved, 32001-32767 private use. */
    static String ipsecAttributeType(int code) {
        return classify(code, 0x7FFF, 0, 0, 32001, 0x7FFF);
    }

    /**
     * IKEv2 transform attribute types: RFC 7296 section 3.3.5 and IANA, 0-17 reserved where not
     * assigned (they were IKEv1 attribute classes), 16384-32767 private use.
     */
    static String ikev2TransformAttributeType(int code) {
        return classify(code, 0x7FFF, 0, 17, 16384, 0x7FFF);
    }

    // ---- 8-bit types

    /**
     * Next Payload types: RFC 2408 section 3.1 (IKEv1, 128-255 private use) and RFC 7296 section 3.2
     * (IKEv2 from 33; 23-32 reserved).
     */
    static String payloadType(int code) {
        return classify(code, 0xFF, 23, 32, 128, 0xFF);
    }

    /**
     * Exchange types: RFC 2408 section 3.1 (7-31 reserved for ISAKMP, 240-255 private use).
     */
    static String exchangeType(int code) {
        if (code >= 7 && code <= 31) {
            return "RESERVED_ISAKMP";
        }
        return classify(code, 0xFF, NONE, NONE, 240, 0xFF);
    }

    /**
     * IPsec DOI numbers with 249-255 private use and 0 reserved where not assigned: protocol IDs
     * (RFC 2407 section 4.4.1), ESP transform IDs (section 4.4.4) and identification types (section
     * 4.6.2.1).
     */
    static String ipsecDoiNumber(int code) {
        return classify(code, 0xFF, 0, 0, 249, 0xFF);
    }

    /** IPsec DOI ISAKMP transform IDs: RFC 2407 section 4.4.2, 0-248 reserved, 249-255 private use. */
    static String isakmpTransformId(int code) {
        return classify(code, 0xFF, 0, 248, 249, 0xFF);
    }

    /** IPsec DOI AH transform IDs: RFC 2407 section 4.4.3, 0-1 reserved, 249-255 private use. */
    static String ahTransformId(int code) {
        return classify(code, 0xFF, 0, 1, 249, 0xFF);
    }

    /** IPsec DOI IPCOMP transform IDs: RFC 2407 section 4.4.5, 0 reserved, 48-63 private use. */
    static String ipcompTransformId(int code) {
        return classify(code, 0xFF, 0, 0, 48, 63);
    }

    /**
     * Mode-config message types: draft-ietf-ipsec-isakmp-mode-cfg-05 section 3.2, 0 reserved,
     * 128-255 private use.
     */
    static String modeCfgMessageType(int code) {
        return classify(code, 0xFF, 0, 0, 128, 0xFF);
    }

    /**
     * Certificate encodings (RFC 2408 section 3.9, RFC 7296 section 3.6) and IKEv2 security protocol
     * IDs (RFC 7296 section 3.3.1): 201-255 private use.
     */
    static String certEncodingOrIkev2ProtocolId(int code) {
        return classify(code, 0xFF, NONE, NONE, 201, 0xFF);
    }

    /**
     * IKEv2 authentication methods (RFC 7296 section 3.8) and identification types (section 3.5):
     * 0-8 reserved where not assigned, 201-255 private use.
     */
    static String ikev2AuthMethodOrIdType(int code) {
        return classify(code, 0xFF, 0, 8, 201, 0xFF);
    }

    /** IKEv2 transform types: RFC 7296 section 3.3.2, 0 reserved, 241-255 private use. */
    static String ikev2TransformType(int code) {
        return classify(code, 0xFF, 0, 0, 241, 0xFF);
    }

    /** IKEv2 traffic selector types: RFC 7296 section 3.13.1, 0-6 reserved, 241-255 private use. */
    static String ikev2TsType(int code) {
        return classify(code, 0xFF, 0, 6, 241, 0xFF);
    }

    // ---- 32-bit

    /**
     * Domains of interpretation: RFC 2408 section 3.2; the field is 32 bits, so every int is a valid
     * value and every unknown one is unassigned.
     */
    static String doi(int code) {
        return UNASSIGNED;
    }
}
