package org.ikescope.dissector.isakmp;

import java.util.ArrayList;
import java.util.List;
import org.ikescope.api.protocol.ExchangeType;
import org.ikescope.api.protocol.Ikev2NotifyType;
import org.ikescope.api.protocol.NotifyType;
import org.ikescope.api.protocol.PayloadType;
import org.ikescope.dissector.vendor.VendorIdCatalog;
import org.ikescope.dissector.vendor.VendorIdCatalog.VendorId;

/**
 * Dispatches each payload body to the decoder of its type, by ISAKMP major version. Each decoder
 * is confined to its payload's window [from, to) of the message copy (the body, after the 4-byte
 * generic header); diagnostics carry offsets from the start of the ISAKMP header. A body too
 * short for its fixed header is reported and kept as opaque {@link BytesBody} data.
 */
final class PayloadDecoders {
    /** Vendor-ID catalogue tag naming the NAT-D payload number a NAT-T VID implies. */
    /** DOI (4), Protocol-Id (1), SPI Size (1), Notify Message Type / # of SPIs (2). */
    static final int V1_NOTIFY_DELETE_HEADER_BYTES = 8;
    /** Protocol ID (1), SPI Size (1), Notify Message Type / Num of SPIs (2). */
    static final int V2_NOTIFY_DELETE_HEADER_BYTES = 4;
    /** RFC 3706 section 5.1: the R-U-THERE notification data is a 32-bit sequence number. */
    static final int DPD_SEQUENCE_BYTES = 4;
    /** Type/CFG Type (1), RESERVED (1) + Identifier (2) or RESERVED (3). */
    static final int CONFIG_HEADER_BYTES = 4;
    /** IKEv2 KE: DH Group Num (2), RESERVED (2). AUTH: Auth Method (1), RESERVED (3). */
    static final int V2_KE_AUTH_HEADER_BYTES = 4;
    /** NAT-OA: ID Type (1), RESERVED (3). RFC 3947 section 5.2. */
    static final int NAT_OA_HEADER_BYTES = 4;
    /** TS payload: Number of TSs (1), RESERVED (3); each selector: 8-byte header. */
    static final int TS_HEADER_BYTES = 4;
    static final int TS_SELECTOR_HEADER_BYTES = 8;
    /** Number of TSs is one byte. */
    static final int MAX_TRAFFIC_SELECTORS = 255;
    static final int TS_IPV4_ADDR_RANGE = 7;
    static final int TS_IPV6_ADDR_RANGE = 8;
    /** SKF: Fragment Number (2), Total Fragments (2). RFC 7383 section 2.5. */
    static final int SKF_HEADER_BYTES = 4;
    static final int CERT_X509_SIGNATURE = 4;

    private final VendorIdCatalog vendors;

    PayloadDecoders() {
        this(VendorIdCatalog.builtIn());
    }

    PayloadDecoders(VendorIdCatalog vendors) {
        this.vendors = vendors;
    }

    PayloadBody decode(int type, int from, int to, DecodeContext ctx) {
        return ctx.majorVersion == 1 ? decodeV1(type, from, to, ctx) : decodeV2(type, from, to, ctx);
    }

    private PayloadBody decodeV1(int type, int from, int to, DecodeContext ctx) {
        byte[] m = ctx.message;
        switch (PayloadType.of(type)) {
            case SA:
                return SaDecoder.ikev1(m, from, to, ctx);
            case KE:
                return new KeBody(-1, m, from, to);
            case ID:
                return IdDecoder.decode(m, from, to, false, ctx);
            case CERT:
                return cert(m, from, to, false, false, ctx);
            case CR:
                return cert(m, from, to, true, false, ctx);
            case HASH:
                return new BytesBody("hash", m, from, to);
            case SIG:
                return new BytesBody("signature", m, from, to);
            case NONCE:
                return new BytesBody("nonce", m, from, to);
            case N:
                return notify(m, from, to, false, ctx);
            case D:
                return delete(m, from, to, false, ctx);
            case VID:
                return vendorId(m, from, to, true, ctx);
            case ATTR:
                return config(m, from, to, false, ctx);
            case NAT_D:
            case NAT_D_DRAFT:
                return new BytesBody("natD", m, from, to);
            case NAT_OA:
            case NAT_OA_DRAFT:
                return natOa(m, from, to, ctx);
            case SAK:
            case SAT:
                if (isDraftNatPayload(type, ctx)) {
                    return type == PayloadType.SAK.code() ? new BytesBody("natD", m, from, to) : natOa(m, from, to, ctx);
                }
                if (phase1(ctx.exchangeType)) {
                    ctx.report("isakmp.nat-d.numbering", from - 4, "payload " + type
                            + " in phase 1: NAT-D/NAT-OA numbering of NAT-T drafts 04-08 (expected: "
                            + (ctx.natT.announced(PayloadType.NAT_D_DRAFT.code()) ? "130/131" : "20/21")
                            + ", as the NAT-T vendor IDs announced)");
                }
                return new BytesBody("data", m, from, to);
            case FRAGMENT:
                if (to - from < FragmentBody.HEADER_BYTES) {
                    ctx.report("isakmp.fragment.truncated", from - 4,
                            "fragment payload body: " + (to - from) + " bytes (expected: >= " + FragmentBody.HEADER_BYTES + ")");
                    return new BytesBody("data", m, from, to);
                }
                return new FragmentBody(Octets.u16(m, from), Octets.u8(m, from + 2),
                        (m[from + 3] & FragmentBody.FLAG_LAST) != 0, m, from + 4, to);
            default:
                return new BytesBody("data", m, from, to);
        }
    }

    private PayloadBody decodeV2(int type, int from, int to, DecodeContext ctx) {
        byte[] m = ctx.message;
        switch (PayloadType.of(type)) {
            case V2_SA:
                return SaDecoder.ikev2(m, from, to, ctx);
            case V2_KE:
                if (!fits(from, to, V2_KE_AUTH_HEADER_BYTES, "isakmp.ke.truncated", "KE", ctx)) {
                    return new BytesBody("data", m, from, to);
                }
                return new KeBody(Octets.u16(m, from), m, from + V2_KE_AUTH_HEADER_BYTES, to);
            case IDI:
            case IDR:
                return IdDecoder.decode(m, from, to, true, ctx);
            case V2_CERT:
                return cert(m, from, to, false, true, ctx);
            case CERTREQ:
                return cert(m, from, to, true, true, ctx);
            case AUTH:
                if (!fits(from, to, V2_KE_AUTH_HEADER_BYTES, "isakmp.auth.truncated", "AUTH", ctx)) {
                    return new BytesBody("data", m, from, to);
                }
                return new AuthBody(Octets.u8(m, from), m, from + V2_KE_AUTH_HEADER_BYTES, to);
            case V2_NONCE:
                return new BytesBody("nonce", m, from, to);
            case V2_N:
                return notify(m, from, to, true, ctx);
            case V2_D:
                return delete(m, from, to, true, ctx);
            case V2_V:
                return vendorId(m, from, to, false, ctx);
            case TSI:
            case TSR:
                return trafficSelectors(m, from, to, ctx);
            case SK:
                return new EncryptedBody(-1, -1, to - from);
            case SKF:
                if (!fits(from, to, SKF_HEADER_BYTES, "isakmp.skf.truncated", "SKF", ctx)) {
                    return new BytesBody("data", m, from, to);
                }
                return new EncryptedBody(Octets.u16(m, from), Octets.u16(m, from + 2), to - from - SKF_HEADER_BYTES);
            case CP:
                return config(m, from, to, true, ctx);
            case EAP:
                return new BytesBody("eap", m, from, to);
            default:
                return new BytesBody("data", m, from, to);
        }
    }

    /** Reports {@code code} when the body is shorter than its fixed header. */
    private static boolean fits(int from, int to, int header, String code, String what, DecodeContext ctx) {
        if (to - from < header) {
            ctx.report(code, from, what + " body: " + (to - from) + " bytes (expected: >= " + header + ")");
            return false;
        }
        return true;
    }

    /** CERT / CR / CERTREQ: Cert Encoding (1), then the data (RFC 2408 3.9-3.10, RFC 7296 3.6-3.7). */
    private static PayloadBody cert(byte[] m, int from, int to, boolean request, boolean v2, DecodeContext ctx) {
        String what = request ? (v2 ? "CERTREQ" : "CR") : "CERT";
        if (!fits(from, to, 1, "isakmp.cert.truncated", what, ctx)) {
            return new BytesBody("data", m, from, to);
        }
        int encoding = Octets.u8(m, from);
        int d = from + 1;
        String subject = null;
        String issuer = null;
        if (encoding == CERT_X509_SIGNATURE && d < to) {
            if (!request) {
                String[] names = DerNames.certificateNames(m, d, to);
                if (names == null) {
                    ctx.report("isakmp.cert.x509.invalid", d,
                            "X.509 certificate: " + (to - d) + " bytes that do not parse (expected: DER Certificate)");
                } else {
                    subject = names[0];
                    issuer = names[1];
                }
            } else if (!v2) {
                // IKEv1 CR: "the Certificate Authority field contains an indicator of trusted
                // authorities" - a DER Name for X.509 (RFC 2408 section 3.10). IKEv2 sends key hashes.
                subject = DerNames.dn(m, d, to);
            }
        }
        return new CertBody(request, encoding, m, d, to, subject, issuer);
    }

    /** N: RFC 2408 section 3.14 (IKEv1), RFC 7296 section 3.10 (IKEv2). */
    private static PayloadBody notify(byte[] m, int from, int to, boolean v2, DecodeContext ctx) {
        int header = v2 ? V2_NOTIFY_DELETE_HEADER_BYTES : V1_NOTIFY_DELETE_HEADER_BYTES;
        if (!fits(from, to, header, "isakmp.notify.truncated", "notification", ctx)) {
            return new BytesBody("data", m, from, to);
        }
        int p = v2 ? from : from + 4;
        long doi = v2 ? -1 : Octets.u32(m, from);
        int protocol = Octets.u8(m, p);
        int spiSize = Octets.u8(m, p + 1);
        int type = Octets.u16(m, p + 2);
        int spiFrom = from + header;
        int spiTo = spiFrom + spiSize;
        if (spiTo > to) {
            ctx.report("isakmp.notify.spi.length", p + 1,
                    "notification SPI size: " + spiSize + " (expected: <= " + (to - spiFrom) + ")");
            spiTo = spiFrom;
        }
        long sequence = -1;
        if (!v2 && (type == NotifyBody.R_U_THERE || type == NotifyBody.R_U_THERE_ACK)) {
            if (to - spiTo == DPD_SEQUENCE_BYTES) {
                sequence = Octets.u32(m, spiTo);
            } else {
                ctx.report("isakmp.notify.dpd.length", spiTo,
                        "R-U-THERE data: " + (to - spiTo) + " bytes (expected: " + DPD_SEQUENCE_BYTES + ", a sequence number)");
            }
        }
        String name = v2 ? Ikev2NotifyType.nameOf(type) : NotifyType.nameOf(type);
        return new NotifyBody(v2, doi, protocol, spiSize, type, name, m, spiFrom, spiTo, spiTo, to, sequence);
    }

    /** D: RFC 2408 section 3.15 (IKEv1), RFC 7296 section 3.11 (IKEv2). */
    private static PayloadBody delete(byte[] m, int from, int to, boolean v2, DecodeContext ctx) {
        int header = v2 ? V2_NOTIFY_DELETE_HEADER_BYTES : V1_NOTIFY_DELETE_HEADER_BYTES;
        if (!fits(from, to, header, "isakmp.delete.truncated", "delete", ctx)) {
            return new BytesBody("data", m, from, to);
        }
        int p = v2 ? from : from + 4;
        long doi = v2 ? -1 : Octets.u32(m, from);
        int protocol = Octets.u8(m, p);
        int spiSize = Octets.u8(m, p + 1);
        int count = Octets.u16(m, p + 2);
        int spisFrom = from + header;
        int available = to - spisFrom;
        // Bounded by the payload window: at most available / spiSize SPIs are read.
        int found = spiSize == 0 ? 0 : Math.min(count, available / spiSize);
        if ((long) count * spiSize != available) {
            ctx.report("isakmp.delete.spi.count", p + 2,
                    "delete SPIs: " + count + " x " + spiSize + " bytes (expected: " + available + " bytes in the payload)");
        }
        return new DeleteBody(v2, doi, protocol, spiSize, count, found, m, spisFrom);
    }

    /** VID: RFC 2408 section 3.16. An IKEv1 NAT-T VID also tells the SA which NAT-D numbering to expect. */
    private PayloadBody vendorId(byte[] m, int from, int to, boolean v1, DecodeContext ctx) {
        int e = vendors.find(m, from, to - from);
        VendorId vid = e < 0 ? null : vendors.entry(e);
        if (v1 && vid != null) {
            for (int type : vendors.natDiscoveryTypes(e)) {
                ctx.natT.natDiscoveryPayload(type);
            }
            int natt = vendors.natTraversal(e);
            if (natt == VendorIdCatalog.NATT_RFC) {
                ctx.natT.vendorId(-1, true);
            } else if (natt != VendorIdCatalog.NATT_NONE) {
                ctx.natT.vendorId(natt, false);
            }
        }
        return new VendorIdBody(m, from, to, vid);
    }

    /** NAT-OA: RFC 3947 section 5.2. */
    private static PayloadBody natOa(byte[] m, int from, int to, DecodeContext ctx) {
        if (!fits(from, to, NAT_OA_HEADER_BYTES, "isakmp.nat-oa.truncated", "NAT-OA", ctx)) {
            return new BytesBody("data", m, from, to);
        }
        int type = Octets.u8(m, from);
        int d = from + NAT_OA_HEADER_BYTES;
        int expected = type == IdDecoder.ID_IPV4_ADDR ? IdDecoder.IPV4 : type == IdDecoder.ID_IPV6_ADDR ? IdDecoder.IPV6 : -1;
        if (to - d != expected) {
            ctx.report("isakmp.nat-oa.length", d, "NAT-OA address: " + (to - d) + " bytes for ID type " + type
                    + " (expected: 4 for ID_IPV4_ADDR, 16 for ID_IPV6_ADDR)");
            return new NatOaBody(type, null);
        }
        return new NatOaBody(type, IdDecoder.address(m, d, expected));
    }

    /** ATTR (draft-dukes-ike-mode-cfg section 3.2) and CP (RFC 7296 section 3.15). */
    private static PayloadBody config(byte[] m, int from, int to, boolean v2, DecodeContext ctx) {
        if (!fits(from, to, CONFIG_HEADER_BYTES, "isakmp.config.truncated", v2 ? "CP" : "ATTR", ctx)) {
            return new BytesBody("data", m, from, to);
        }
        int type = Octets.u8(m, from);
        int identifier = v2 ? -1 : Octets.u16(m, from + 2);
        List<Attribute> attrs = AttributeDecoder.walk(m, from + CONFIG_HEADER_BYTES, to,
                v2 ? AttributeDecoder.Space.CONFIG_V2 : AttributeDecoder.Space.CONFIG, false, ctx);
        return new ConfigBody(v2, type, identifier, attrs);
    }

    /** TSi / TSr: RFC 7296 section 3.13. */
    private static PayloadBody trafficSelectors(byte[] m, int from, int to, DecodeContext ctx) {
        if (!fits(from, to, TS_HEADER_BYTES, "isakmp.ts.truncated", "TS", ctx)) {
            return new BytesBody("data", m, from, to);
        }
        int count = Octets.u8(m, from);
        List<TrafficSelector> out = new ArrayList<>();
        int pos = from + TS_HEADER_BYTES;
        while (pos < to && out.size() < MAX_TRAFFIC_SELECTORS) {
            if (to - pos < TS_SELECTOR_HEADER_BYTES) {
                ctx.report("isakmp.ts.truncated", pos,
                        "traffic selector header: " + (to - pos) + " bytes (expected: " + TS_SELECTOR_HEADER_BYTES + ")");
                break;
            }
            int type = Octets.u8(m, pos);
            int len = Octets.u16(m, pos + 2);
            if (len < TS_SELECTOR_HEADER_BYTES || len > to - pos) {
                ctx.report("isakmp.ts.length.invalid", pos + 2,
                        "selector length: " + len + " (expected: " + TS_SELECTOR_HEADER_BYTES + ".." + (to - pos) + ")");
                break;
            }
            int addr = type == TS_IPV4_ADDR_RANGE ? IdDecoder.IPV4 : type == TS_IPV6_ADDR_RANGE ? IdDecoder.IPV6 : -1;
            String start = null;
            String end = null;
            if (addr > 0) {
                if (len == TS_SELECTOR_HEADER_BYTES + 2 * addr) {
                    start = IdDecoder.address(m, pos + TS_SELECTOR_HEADER_BYTES, addr);
                    end = IdDecoder.address(m, pos + TS_SELECTOR_HEADER_BYTES + addr, addr);
                } else {
                    ctx.report("isakmp.ts.address.length", pos + 2, "selector length: " + len + " (expected: "
                            + (TS_SELECTOR_HEADER_BYTES + 2 * addr) + " for " + (addr == IdDecoder.IPV4 ? "IPv4" : "IPv6") + ")");
                }
            }
            out.add(new TrafficSelector(type, Octets.u8(m, pos + 1), Octets.u16(m, pos + 4), Octets.u16(m, pos + 6),
                    start, end));
            pos += len;
        }
        if (out.size() != count) {
            ctx.report("isakmp.ts.count", from, "traffic selectors: " + out.size() + " (expected: " + count + ", Number of TSs)");
        }
        return new TsBody(count, out);
    }

    /** What payload {@code type} is in this message's context (15/16 may be draft NAT-D/NAT-OA). */
    static PayloadType meaning(int type, DecodeContext ctx) {
        if (ctx.majorVersion == 1 && isDraftNatPayload(type, ctx)) {
            return type == PayloadType.SAK.code() ? PayloadType.NAT_D_DRAFT : PayloadType.NAT_OA_DRAFT;
        }
        return PayloadType.of(type);
    }

    /**
     * Payloads 15/16 are GDOI's SAK/SAT in the registry, but NAT-T drafts 04-08 (and Apple's
     * unnumbered draft) sent NAT-D/NAT-OA under these numbers in phase 1. Which numbering a
     * pair of peers uses follows from the NAT-T vendor IDs they exchanged (recorded in the SA
     * context from their {@code natd=} catalogue tag): 15/16 in main or aggressive mode are
     * NAT-D/NAT-OA when a VID announced that numbering, or when no NAT-T VID was seen at all (the
     * capture started mid-exchange; GDOI runs on UDP 848 and never uses these exchanges).
     * tshark 4.0 calls them SA KEK/TEK and the message malformed.
     */
    static boolean isDraftNatPayload(int type, DecodeContext ctx) {
        if (type != PayloadType.SAK.code() && type != PayloadType.SAT.code() || !phase1(ctx.exchangeType)) {
            return false;
        }
        return ctx.natT.announced(PayloadType.SAK.code()) || !ctx.natT.any();
    }

    /** Main or aggressive mode (the exchanges whose messages carry NAT-D in phase 1). */
    private static boolean phase1(int exchangeType) {
        ExchangeType t = ExchangeType.of(exchangeType);
        return t == ExchangeType.IDENTITY_PROTECTION || t == ExchangeType.AGGRESSIVE;
    }
}
