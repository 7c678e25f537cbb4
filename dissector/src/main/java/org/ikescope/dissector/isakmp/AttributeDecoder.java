package org.ikescope.dissector.isakmp;

import java.util.ArrayList;
import java.util.List;
import org.ikescope.api.protocol.AuthMethod;
import org.ikescope.api.protocol.ConfigAttributeType;
import org.ikescope.api.protocol.DhGroup;
import org.ikescope.api.protocol.EncapsulationMode;
import org.ikescope.api.protocol.GroupType;
import org.ikescope.api.protocol.IkeAttributeType;
import org.ikescope.api.protocol.IkeEncryptionAlgorithm;
import org.ikescope.api.protocol.IkeHashAlgorithm;
import org.ikescope.api.protocol.Ikev2TransformAttributeType;
import org.ikescope.api.protocol.IpsecAttributeType;
import org.ikescope.api.protocol.IpsecAuthAlgorithm;
import org.ikescope.api.protocol.LifeType;
import org.ikescope.dissector.model.Addresses;

/**
 * Walks a list of data attributes (RFC 2408 section 3.3) confined to [from, to). Each step
 * advances by at least the 4-byte attribute header; at most {@link #MAX_ATTRIBUTES} are read.
 */
final class AttributeDecoder {
    static final int HEADER_BYTES = 4;
    /** Attribute Format bit: 1 = TV (basic, 2-byte value), 0 = TLV (variable). RFC 2408 3.3. */
    static final int AF_BIT = 0x8000;
    /**
     * Real transforms carry under 20 attributes, mode-config replies a few dozen; a payload of
     * 64 KiB could hold 16383 empty ones. More than this is noise, not configuration.
     */
    static final int MAX_ATTRIBUTES = 256;
    /** A value this long or shorter is kept as a number (life durations are 4 or 8 bytes). */
    static final int MAX_NUMERIC_BYTES = 8;

    /** Which registry names the attribute types and values. */
    enum Space {
        /** IKEv1 phase 1 (proposal protocol PROTO_ISAKMP): RFC 2409 appendix A. */
        IKE,
        /** IKEv1 phase 2 (ESP, AH, IPCOMP): RFC 2407 section 4.5. */
        IPSEC,
        /** IKEv2 transform attributes: RFC 7296 section 3.3.5 (only KEY_LENGTH, always TV). */
        IKEV2,
        /** IKEv1 mode-config / XAUTH attributes: draft-dukes-ike-mode-cfg 3.2. */
        CONFIG,
        /** IKEv2 CP attributes: RFC 7296 section 3.15.1 (first bit reserved, always TLV). */
        CONFIG_V2
    }

    private AttributeDecoder() {
    }

    /**
     * Decodes the attributes in {@code m[from, to)}.
     *
     * @param zeroLengthIsError whether a TLV attribute with an empty value is malformed (true in
     *                          SAs; mode-config requests send empty values on purpose)
     */
    static List<Attribute> walk(byte[] m, int from, int to, Space space, boolean zeroLengthIsError, DecodeContext ctx) {
        List<Attribute> out = new ArrayList<>();
        int pos = from;
        while (pos < to) {
            if (out.size() >= MAX_ATTRIBUTES) {
                ctx.report("isakmp.attribute.count", pos,
                        "attributes: more than " + MAX_ATTRIBUTES + " (expected: fewer)");
                break;
            }
            if (to - pos < HEADER_BYTES) {
                ctx.report("isakmp.attribute.truncated", pos,
                        "attribute header: " + (to - pos) + " bytes (expected: " + HEADER_BYTES + ")");
                break;
            }
            int word = Octets.u16(m, pos);
            boolean tv = space != Space.CONFIG_V2 && (word & AF_BIT) != 0;
            int type = word & ~AF_BIT;
            int valueFrom;
            int valueTo;
            if (tv) {
                valueFrom = pos + 2;
                valueTo = pos + 4;
            } else {
                int len = Octets.u16(m, pos + 2);
                valueFrom = pos + HEADER_BYTES;
                valueTo = valueFrom + len;
                if (valueTo > to) {
                    ctx.report("isakmp.attribute.truncated", pos,
                            "attribute " + type + " value length: " + len + " (expected: <= " + (to - valueFrom) + ")");
                    break;
                }
                if (len == 0 && zeroLengthIsError) {
                    ctx.report("isakmp.attribute.length.zero", pos,
                            "attribute " + type + " value length: 0 (expected: > 0)");
                }
            }
            out.add(attribute(m, type, tv, valueFrom, valueTo, space));
            pos = valueTo;
        }
        return List.copyOf(out);
    }

    private static Attribute attribute(byte[] m, int type, boolean tv, int from, int to, Space space) {
        int len = to - from;
        long value = len >= 1 && len <= MAX_NUMERIC_BYTES && (len < MAX_NUMERIC_BYTES || m[from] >= 0)
                ? Octets.uint(m, from, to) : -1;
        String typeName;
        String typeLabel;
        String valueName = null;
        String text = null;
        boolean hidden = false;
        int v = value >= 0 && value <= Integer.MAX_VALUE ? (int) value : -1;
        switch (space) {
            case IKE -> {
                IkeAttributeType t = IkeAttributeType.of(type);
                typeName = IkeAttributeType.nameOf(type);
                typeLabel = t == IkeAttributeType.UNKNOWN ? typeName : t.label();
                if (v >= 0) {
                    valueName = switch (type) {
                        case 1 -> IkeEncryptionAlgorithm.nameOf(v);
                        case 2 -> IkeHashAlgorithm.nameOf(v);
                        case 3 -> AuthMethod.nameOf(v);
                        case 4 -> DhGroup.nameOf(v);
                        case 5 -> GroupType.nameOf(v);
                        case 11 -> LifeType.nameOf(v);
                        default -> null;
                    };
                }
            }
            case IPSEC -> {
                IpsecAttributeType t = IpsecAttributeType.of(type);
                typeName = IpsecAttributeType.nameOf(type);
                typeLabel = t == IpsecAttributeType.UNKNOWN ? typeName : t.label();
                if (v >= 0) {
                    valueName = switch (type) {
                        case 1 -> LifeType.nameOf(v);
                        case 3 -> DhGroup.nameOf(v);
                        case 4 -> EncapsulationMode.nameOf(v);
                        case 5 -> IpsecAuthAlgorithm.nameOf(v);
                        default -> null;
                    };
                }
            }
            case IKEV2 -> {
                Ikev2TransformAttributeType t = Ikev2TransformAttributeType.of(type);
                typeName = Ikev2TransformAttributeType.nameOf(type);
                typeLabel = t == Ikev2TransformAttributeType.UNKNOWN ? typeName : t.label();
            }
            default -> {
                ConfigAttributeType t = ConfigAttributeType.of(type);
                typeName = ConfigAttributeType.nameOf(type);
                typeLabel = t == ConfigAttributeType.UNKNOWN ? typeName : t.label();
                switch (t) {
                    // Secrets never appear in output (draft-beaulieu-ike-xauth-02 section 6.2).
                    case XAUTH_USER_PASSWORD, XAUTH_PASSCODE, XAUTH_NEXT_PIN, XAUTH_ANSWER -> hidden = true;
                    case XAUTH_TYPE -> valueName = v < 0 ? null : switch (v) {
                        case 0 -> "Generic";
                        case 1 -> "RADIUS-CHAP";
                        case 2 -> "OTP";
                        case 3 -> "S/KEY";
                        default -> null;
                    };
                    case XAUTH_STATUS -> valueName = v == 0 ? "FAIL" : v == 1 ? "OK" : null;
                    case INTERNAL_IP4_ADDRESS, INTERNAL_IP4_NETMASK, INTERNAL_IP4_DNS, INTERNAL_IP4_NBNS,
                         INTERNAL_IP4_DHCP, P_CSCF_IP4_ADDRESS -> {
                        if (len == 4) {
                            text = address(m, from, 4);
                        }
                    }
                    case INTERNAL_IP4_SUBNET -> {
                        if (len == 8) {
                            text = address(m, from, 4) + "/" + address(m, from + 4, 4);
                        }
                    }
                    case INTERNAL_IP6_ADDRESS, INTERNAL_IP6_DNS, INTERNAL_IP6_NBNS, INTERNAL_IP6_DHCP,
                         INTERNAL_IP6_SUBNET, P_CSCF_IP6_ADDRESS -> {
                        if (len == 16) {
                            text = address(m, from, 16);
                        } else if (len == 17) {
                            text = address(m, from, 16) + "/" + (m[from + 16] & 0xff);
                        }
                    }
                    case APPLICATION_VERSION, XAUTH_USER_NAME, XAUTH_MESSAGE, XAUTH_CHALLENGE, XAUTH_DOMAIN,
                         UNITY_BANNER, UNITY_DEF_DOMAIN, UNITY_SPLIT_DOMAIN, UNITY_BACKUP_SERVERS,
                         UNITY_DDNS_HOSTNAME, CHKPT_DEF_DOMAIN, INTERNAL_DNS_DOMAIN -> {
                        if (!tv) {
                            text = Octets.ascii(m, from, to);
                        }
                    }
                    default -> {
                    }
                }
            }
        }
        if (hidden || text != null) {
            value = -1;
        }
        return new Attribute(type, typeName, typeLabel, tv, value, text, valueName, hidden, m, from, to);
    }

    private static String address(byte[] m, int from, int len) {
        byte[] a = new byte[len];
        System.arraycopy(m, from, a, 0, len);
        return Addresses.format(a, len);
    }
}
