package org.ikescope.api.protocol;

/**
 * IPsec DOI Encapsulation-Mode attribute values (RFC 2407 section 4.5; UDP-encapsulated modes from
 * RFC 3947 section 5.1, and the values 61443/61444 used by draft-ietf-ipsec-nat-t-ike-00 to -03
 * implementations; 61440 is Check Point's private UDP encapsulation). Ranges: 0 reserved, 5-61439
 * unassigned, 61440-65535 private use.
 *
 * <p>This is an attribute-<em>value</em> registry: {@link #nameOf(int)} returns the
 * constant's {@link #label()} for known codes.
 * Unassigned codes map to {@link #UNKNOWN} and are named by range ({@code "RESERVED"}, {@code
 * "PRIVATE_USE"}, otherwise {@code "UNASSIGNED"}; {@code "INVALID"} for values that do not fit the
 * 16-bit wire field).
 */
public enum EncapsulationMode implements RegistryValue {
    /** Tunnel (code 1; RFC 2407). */
    TUNNEL(1, "RFC 2407", "Tunnel"),
    /** Transport (code 2; RFC 2407). */
    TRANSPORT(2, "RFC 2407", "Transport"),
    /** UDP-Encapsulated-Tunnel (code 3; RFC 3947). */
    UDP_ENCAPSULATED_TUNNEL(3, "RFC 3947", "UDP-Encapsulated-Tunnel"),
    /** UDP-Encapsulated-Transport (code 4; RFC 3947). */
    UDP_ENCAPSULATED_TRANSPORT(4, "RFC 3947", "UDP-Encapsulated-Transport"),
    /** Check Point IPSec UDP Encapsulation (code 61440; Check Point (private use)). */
    CHECKPOINT_UDP_ENCAPSULATION(61440, "Check Point (private use)", "Check Point IPSec UDP Encapsulation"),
    /** UDP-Encapsulated-Tunnel (draft) (code 61443; draft-ietf-ipsec-nat-t-ike-00). */
    UDP_ENCAPSULATED_TUNNEL_DRAFT(61443, "draft-ietf-ipsec-nat-t-ike-00", "UDP-Encapsulated-Tunnel (draft)"),
    /** UDP-Encapsulated-Transport (draft) (code 61444; draft-ietf-ipsec-nat-t-ike-00). */
    UDP_ENCAPSULATED_TRANSPORT_DRAFT(61444, "draft-ietf-ipsec-nat-t-ike-00", "UDP-Encapsulated-Transport (draft)"),
    /** Sentinel returned by {@link #of(int)} for a code this registry does not assign; its code is -1. */
    UNKNOWN(-1, "", "Unknown");

    private static final CodeTable<EncapsulationMode> TABLE = new CodeTable<>(values());

    private final Entry entry;

    EncapsulationMode(int code, String reference, String label) {
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
    public static EncapsulationMode of(int code) {
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
        EncapsulationMode c = of(code);
        return c != UNKNOWN ? c.wireName() : Ranges.ipsecAttributeValue(code);
    }

    /**
     * Whether this mode is UDP-encapsulated (NAT traversal), RFC or draft value.
     *
     * @return true for the UDP-encapsulated modes
     */
    public boolean isUdpEncapsulated() {
        return this == UDP_ENCAPSULATED_TUNNEL || this == UDP_ENCAPSULATED_TRANSPORT
                || this == UDP_ENCAPSULATED_TUNNEL_DRAFT || this == UDP_ENCAPSULATED_TRANSPORT_DRAFT
                || this == CHECKPOINT_UDP_ENCAPSULATION;
    }

    /**
     * Whether this is a tunnel mode (plain, UDP-encapsulated or draft UDP-encapsulated).
     *
     * @return true for tunnel modes
     */
    public boolean isTunnel() {
        return this == TUNNEL || this == UDP_ENCAPSULATED_TUNNEL || this == UDP_ENCAPSULATED_TUNNEL_DRAFT;
    }
}
