package org.ikescope.api.protocol;

/**
 * Certificate encodings for CERT and CR payloads: RFC 2408 section 3.9 (codes 0-10) and the IKEv2
 * "Certificate Encoding" registry (RFC 7296 section 3.6: 11-13; OCSP content from RFC 4806; raw public
 * key from RFC 7670). Ranges: 16-200 unassigned, 201-255 private use.
 *
 * <p>This is a <em>type</em> registry: {@link #nameOf(int)} returns the constant name
 * (the IANA name written UPPER_SNAKE) for known codes.
 * Unassigned codes map to {@link #UNKNOWN} and are named by range ({@code "PRIVATE_USE"},
 * otherwise {@code "UNASSIGNED"}; {@code "INVALID"} for values that do not fit the 8-bit wire
 * field).
 */
public enum CertEncoding implements RegistryValue {
    /** NONE (code 0; RFC 2408). */
    NONE(0, "RFC 2408", "NONE"),
    /** PKCS #7 wrapped X.509 certificate (code 1; RFC 2408). */
    PKCS7(1, "RFC 2408", "PKCS #7 wrapped X.509 certificate"),
    /** PGP Certificate (code 2; RFC 2408). */
    PGP(2, "RFC 2408", "PGP Certificate"),
    /** DNS Signed Key (code 3; RFC 2408). */
    DNS_SIGNED_KEY(3, "RFC 2408", "DNS Signed Key"),
    /** X.509 Certificate - Signature (code 4; RFC 2408). */
    X509_SIGNATURE(4, "RFC 2408", "X.509 Certificate - Signature"),
    /** X.509 Certificate - Key Exchange (code 5; RFC 2408). */
    X509_KEY_EXCHANGE(5, "RFC 2408", "X.509 Certificate - Key Exchange"),
    /** Kerberos Tokens (code 6; RFC 2408). */
    KERBEROS_TOKENS(6, "RFC 2408", "Kerberos Tokens"),
    /** Certificate Revocation List (CRL) (code 7; RFC 2408). */
    CRL(7, "RFC 2408", "Certificate Revocation List (CRL)"),
    /** Authority Revocation List (ARL) (code 8; RFC 2408). */
    ARL(8, "RFC 2408", "Authority Revocation List (ARL)"),
    /** SPKI Certificate (code 9; RFC 2408). */
    SPKI(9, "RFC 2408", "SPKI Certificate"),
    /** X.509 Certificate - Attribute (code 10; RFC 2408). */
    X509_ATTRIBUTE(10, "RFC 2408", "X.509 Certificate - Attribute"),
    /** Raw RSA Key (code 11; RFC 7296). */
    RAW_RSA_KEY(11, "RFC 7296", "Raw RSA Key"),
    /** Hash and URL of X.509 certificate (code 12; RFC 7296). */
    HASH_URL_X509_CERT(12, "RFC 7296", "Hash and URL of X.509 certificate"),
    /** Hash and URL of X.509 bundle (code 13; RFC 7296). */
    HASH_URL_X509_BUNDLE(13, "RFC 7296", "Hash and URL of X.509 bundle"),
    /** OCSP Content (code 14; RFC 4806). */
    OCSP_CONTENT(14, "RFC 4806", "OCSP Content"),
    /** Raw Public Key (code 15; RFC 7670). */
    RAW_PUBLIC_KEY(15, "RFC 7670", "Raw Public Key"),
    /** Sentinel returned by {@link #of(int)} for a code this registry does not assign; its code is -1. */
    UNKNOWN(-1, "", "Unknown");

    private static final CodeTable<CertEncoding> TABLE = new CodeTable<>(values());

    private final Entry entry;

    CertEncoding(int code, String reference, String label) {
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
    public static CertEncoding of(int code) {
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
        CertEncoding c = of(code);
        return c != UNKNOWN ? c.wireName() : Ranges.certEncodingOrIkev2ProtocolId(code);
    }
}
