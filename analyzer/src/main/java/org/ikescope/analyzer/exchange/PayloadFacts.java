package org.ikescope.analyzer.exchange;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.ikescope.api.protocol.AuthMethod;
import org.ikescope.api.protocol.DhGroup;
import org.ikescope.api.protocol.IdType;
import org.ikescope.api.protocol.IkeEncryptionAlgorithm;
import org.ikescope.api.protocol.IkeHashAlgorithm;
import org.ikescope.api.protocol.Ikev2IdType;
import org.ikescope.api.protocol.Ikev2NotifyType;
import org.ikescope.api.protocol.NotifyType;
import org.ikescope.api.protocol.PayloadType;
import org.ikescope.dissector.isakmp.DeleteBody;
import org.ikescope.dissector.isakmp.IdBody;
import org.ikescope.dissector.isakmp.Ikev2Proposal;
import org.ikescope.dissector.isakmp.Ikev2SaBody;
import org.ikescope.dissector.isakmp.Ikev2Transform;
import org.ikescope.dissector.isakmp.IsakmpMessage;
import org.ikescope.dissector.isakmp.Payload;
import org.ikescope.dissector.isakmp.Proposal;
import org.ikescope.dissector.isakmp.SaBody;
import org.ikescope.dissector.isakmp.Transform;
import org.ikescope.dissector.isakmp.NotifyBody;
import org.ikescope.dissector.isakmp.VendorIdBody;
import org.ikescope.dissector.net.Addresses;
import org.ikescope.dissector.vendor.VendorIdCatalog;

/**
 * The few facts exchange reconstruction reads from a message's payloads: SA transforms, notify
 * types, identities, vendor IDs, IKE SA deletes. They come from the dissector's decoded bodies
 * ({@link NotifyBody}, {@link IdBody}, {@link VendorIdBody}, {@link DeleteBody}); when a body was
 * left opaque (a truncated payload), the fixed leading fields are read from the payload's window
 * of the message bytes (RFC 2408 sections 3.8, 3.14, 3.15; RFC 7296 sections 3.5, 3.10).
 */
final class PayloadFacts {
    // IKEv1 payload types (RFC 2408 section 3.1) and IKEv2 (RFC 7296 section 3.2).
    static final int SA = 1;
    static final int KE = 4;
    static final int ID = 5;
    static final int HASH = 8;
    static final int SIG = 9;
    static final int N = 11;
    static final int D = 12;
    static final int VID = 13;
    static final int FRAGMENT = 132;
    static final int V2_SA = 33;
    static final int V2_IDI = 35;
    static final int V2_IDR = 36;
    static final int V2_N = 41;
    static final int V2_V = 43;
    static final int GENERIC_HEADER = 4;
    /** Protocol-ID of the ISAKMP SA itself (RFC 2407 section 4.4.1). */
    static final int PROTO_ISAKMP = 1;

    private PayloadFacts() {
    }

    /** Start of the body of {@code p}, or -1 when the payload does not fit the message. */
    private static int body(IsakmpMessage m, Payload p, int minimum) {
        int from = p.offset() + GENERIC_HEADER;
        int to = p.offset() + p.length();
        if (p.offset() < 0 || to > m.bytes().length || to - from < minimum) {
            return -1;
        }
        return from;
    }

    private static int u8(byte[] b, int at) {
        return b[at] & 0xff;
    }

    private static int u16(byte[] b, int at) {
        return (u8(b, at) << 8) | u8(b, at + 1);
    }

    /** Notify type codes in the message, in order. */
    static List<Integer> notifyCodes(IsakmpMessage m) {
        List<Integer> codes = null;
        for (Payload p : m.payloads()) {
            int at;
            if (p.body() instanceof NotifyBody n) {
                if (codes == null) {
                    codes = new ArrayList<>(2);
                }
                codes.add(n.type());
                continue;
            }
            if (!m.isIkev2() && p.type() == N) {
                // DOI (4) | Protocol-ID (1) | SPI Size (1) | Notify Message Type (2)
                at = body(m, p, 8);
                at = at < 0 ? -1 : at + 6;
            } else if (m.isIkev2() && p.type() == V2_N) {
                // Protocol ID (1) | SPI Size (1) | Notify Message Type (2)
                at = body(m, p, 4);
                at = at < 0 ? -1 : at + 2;
            } else {
                continue;
            }
            if (at >= 0) {
                if (codes == null) {
                    codes = new ArrayList<>(2);
                }
                codes.add(u16(m.bytes(), at));
            }
        }
        return codes == null ? List.of() : codes;
    }

    static String notifyName(boolean ikev2, int code) {
        return ikev2 ? Ikev2NotifyType.nameOf(code) : NotifyType.nameOf(code);
    }

    /** True when a Delete payload (clear text or decrypted) deletes the IKE SA itself. */
    static boolean deletesIkeSa(IsakmpMessage m) {
        for (Payload p : m.payloads()) {
            if (p.body() instanceof DeleteBody d) {
                if (d.protocolId() == PROTO_ISAKMP) {
                    return true;
                }
                continue;
            }
            if (!m.isIkev2() && p.type() == D) {
                // DOI (4) | Protocol-Id (1) | SPI Size (1) | # of SPIs (2)
                int at = body(m, p, 8);
                if (at >= 0 && u8(m.bytes(), at + 4) == PROTO_ISAKMP) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The first identity payload ({@code v2Type} IDi/IDr for IKEv2), or null. */
    static Identity identity(IsakmpMessage m, long frame, int v2Type) {
        for (Payload p : m.payloads()) {
            if (m.isIkev2() ? p.type() != v2Type : p.type() != ID) {
                continue;
            }
            if (p.body() instanceof IdBody id) {
                return new Identity(id.typeName(), id.value() != null ? id.value() : id.dataHex(), frame, id.type());
            }
            // IKEv1: ID Type (1) | Protocol ID (1) | Port (2) | data; IKEv2: ID Type (1) | RESERVED (3) | data
            int at = body(m, p, 4);
            if (at < 0) {
                return null;
            }
            byte[] b = m.bytes();
            int type = u8(b, at);
            int from = at + 4;
            int to = p.offset() + p.length();
            String name = m.isIkev2() ? Ikev2IdType.nameOf(type) : IdType.nameOf(type);
            return new Identity(name, idValue(type, b, from, to), frame, type);
        }
        return null;
    }

    private static String idValue(int type, byte[] b, int from, int to) {
        int len = to - from;
        switch (type) {
            case 1: // ID_IPV4_ADDR
            case 5: // ID_IPV6_ADDR
                if (len == 4 || len == 16) {
                    byte[] a = new byte[len];
                    System.arraycopy(b, from, a, 0, len);
                    return Addresses.format(a);
                }
                break;
            case 4: // ID_IPV4_ADDR_SUBNET
            case 7: // ID_IPV4_ADDR_RANGE
            case 6:
            case 8:
                if (len == 8 || len == 32) {
                    int half = len / 2;
                    byte[] a = new byte[half];
                    byte[] c = new byte[half];
                    System.arraycopy(b, from, a, 0, half);
                    System.arraycopy(b, from + half, c, 0, half);
                    return Addresses.format(a) + ((type == 4 || type == 6) ? "/" : "-") + Addresses.format(c);
                }
                break;
            case 2: // ID_FQDN
            case 3: // ID_USER_FQDN (IKEv2 ID_RFC822_ADDR)
                return new String(b, from, len, StandardCharsets.US_ASCII);
            default:
                break;
        }
        return hex(b, from, to);
    }

    /** Vendor IDs the message carries, as catalogue entries (unknown ones as null). */
    static List<VendorIdCatalog.VendorId> vendorIds(IsakmpMessage m, List<String> unknownHex) {
        List<VendorIdCatalog.VendorId> out = new ArrayList<>();
        int type = m.isIkev2() ? V2_V : VID;
        for (Payload p : m.payloads()) {
            if (p.type() != type) {
                continue;
            }
            if (p.body() instanceof VendorIdBody v) {
                if (v.vendor() != null) {
                    out.add(v.vendor());
                } else if (unknownHex != null) {
                    unknownHex.add(hex(v.message(), v.from(), Math.min(v.to(), v.from() + 16)));
                }
                continue;
            }
            int at = body(m, p, 1);
            if (at < 0) {
                continue;
            }
            int to = p.offset() + p.length();
            Optional<VendorIdCatalog.VendorId> v = VendorIdCatalog.builtIn().lookup(ByteBuffer.wrap(m.bytes(), at, to - at).slice());
            if (v.isPresent()) {
                out.add(v.get());
            } else if (unknownHex != null) {
                unknownHex.add(hex(m.bytes(), at, Math.min(to, at + 16)));
            }
        }
        return out;
    }

    /** The first SA payload's body, or null. */
    static Object sa(IsakmpMessage m) {
        for (Payload p : m.payloads()) {
            if (p.body() instanceof SaBody || p.body() instanceof Ikev2SaBody) {
                return p.body();
            }
        }
        return null;
    }

    /** Every phase-1 transform of an SA payload body (IKEv1) or every proposal (IKEv2). */
    static List<ProposalSummary> transforms(Object sa) {
        List<ProposalSummary> out = new ArrayList<>();
        if (sa instanceof SaBody s) {
            for (Proposal p : s.proposals()) {
                for (Transform t : p.transforms()) {
                    if (t.phase1()) {
                        out.add(summary(p.number(), t));
                    }
                }
            }
        } else if (sa instanceof Ikev2SaBody s) {
            for (Ikev2Proposal p : s.proposals()) {
                if (p.protocolId() == PROTO_ISAKMP) {
                    out.add(summary(p));
                }
            }
        }
        return out;
    }

    static ProposalSummary summary(int proposal, Transform t) {
        int enc = t.encryption();
        int hash = t.hash();
        int auth = t.authMethod();
        int group = t.group();
        int prf = t.prf();
        return new ProposalSummary(proposal, t.number(),
                enc < 0 ? null : IkeEncryptionAlgorithm.of(enc) == IkeEncryptionAlgorithm.UNKNOWN ? IkeEncryptionAlgorithm.nameOf(enc) : IkeEncryptionAlgorithm.of(enc).label(),
                t.keyLength(),
                hash < 0 ? null : hashName(hash),
                prf < 0 ? null : String.valueOf(prf),
                auth < 0 ? null : AuthMethod.of(auth) == AuthMethod.UNKNOWN ? AuthMethod.nameOf(auth) : AuthMethod.of(auth).label(),
                group, group < 0 ? null : groupName(group), t.lifeSeconds(), t.lifeKilobytes(),
                enc, hash, prf, auth);
    }

    /** {@code SHA1} rather than the registry's {@code SHA}, so the name says which SHA. */
    static String hashName(int code) {
        IkeHashAlgorithm h = IkeHashAlgorithm.of(code);
        if (h == IkeHashAlgorithm.SHA) {
            return "SHA1";
        }
        return h == IkeHashAlgorithm.UNKNOWN ? IkeHashAlgorithm.nameOf(code) : h.label();
    }

    static String groupName(int code) {
        DhGroup g = DhGroup.of(code);
        return g == DhGroup.UNKNOWN ? DhGroup.nameOf(code) : g.shortName();
    }

    private static ProposalSummary summary(Ikev2Proposal p) {
        Ikev2Transform enc = first(p.transforms(Ikev2Transform.ENCR));
        Ikev2Transform integ = first(p.transforms(Ikev2Transform.INTEG));
        Ikev2Transform prf = first(p.transforms(Ikev2Transform.PRF));
        Ikev2Transform dh = first(p.transforms(Ikev2Transform.DH));
        return new ProposalSummary(p.number(), 0, enc == null ? null : enc.idName(), enc == null ? -1 : enc.keyLength(),
                integ == null ? null : integ.idName(), prf == null ? null : prf.idName(), null,
                dh == null ? -1 : dh.id(), dh == null ? null : groupName(dh.id()), -1, -1, id(enc), id(integ),
                id(prf), -1);
    }

    private static int id(Ikev2Transform t) {
        return t == null ? -1 : t.id();
    }

    private static Ikev2Transform first(List<Ikev2Transform> l) {
        return l.isEmpty() ? null : l.get(0);
    }

    static String hex(byte[] b, int from, int to) {
        StringBuilder sb = new StringBuilder((to - from) * 2);
        for (int i = from; i < to; i++) {
            sb.append(Character.forDigit((b[i] >> 4) & 0xf, 16)).append(Character.forDigit(b[i] & 0xf, 16));
        }
        return sb.toString();
    }

    /** Shared payload lists: messages of the same shape (most of them) share one. */
    private static final Map<String, Shape> SHAPES = new java.util.concurrent.ConcurrentHashMap<>();
    private static final int MAX_SHAPES = 4_096;

    /** A message's payloads, interned by shape: abbreviations (as in the output) and types with names. */
    record Shape(List<String> abbreviations, List<PayloadKind> kinds) {
        static final Shape NONE = new Shape(List.of(), List.of());
    }

    /** The payloads of a message in order (empty when nothing was decoded). */
    static Shape shape(IsakmpMessage m) {
        if (m.payloads().isEmpty()) {
            return Shape.NONE;
        }
        StringBuilder key = new StringBuilder(m.payloads().size() * 6);
        for (Payload p : m.payloads()) {
            key.append(p.type()).append(':').append(p.name()).append(',');
        }
        String k = key.toString();
        Shape l = SHAPES.get(k);
        if (l != null) {
            return l;
        }
        List<String> names = new ArrayList<>(m.payloads().size());
        List<PayloadKind> kinds = new ArrayList<>(m.payloads().size());
        for (Payload p : m.payloads()) {
            names.add(abbreviation(p));
            kinds.add(new PayloadKind(p.type(), p.name()));
        }
        l = new Shape(List.copyOf(names), List.copyOf(kinds));
        if (SHAPES.size() < MAX_SHAPES) {
            SHAPES.putIfAbsent(k, l);
        }
        return l;
    }

    /** As {@code ikescope dissect} writes payloads: {@code SA}, {@code KE}, {@code NAT-D}, {@code VID}... */
    static String abbreviation(Payload p) {
        if (p.name().startsWith("NAT_D")) {
            return "NAT-D";
        }
        if (p.name().startsWith("NAT_OA")) {
            return "NAT-OA";
        }
        PayloadType t = PayloadType.of(p.type());
        return t == PayloadType.UNKNOWN ? String.valueOf(p.type()) : t.abbreviation();
    }

    /** FNV-1a over the message bytes: tells identical copies (retransmissions) apart from new messages. */
    static long fingerprint(byte[] b) {
        long h = 0xcbf29ce484222325L;
        for (byte x : b) {
            h ^= x & 0xff;
            h *= 0x100000001b3L;
        }
        return h ^ b.length;
    }
}
