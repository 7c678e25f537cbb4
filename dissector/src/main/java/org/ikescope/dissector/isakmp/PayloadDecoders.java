package org.ikescope.dissector.isakmp;

import org.ikescope.api.protocol.PayloadType;

/**
 * Dispatches each payload body to the decoder of its type. Each decoder is confined to its
 * payload's window [from, to) of the message copy.
 */
final class PayloadDecoders {
    static final int SA = 1;
    static final int KE = 4;
    static final int ID = 5;
    static final int CERT = 6;
    static final int CR = 7;
    static final int HASH = 8;
    static final int SIG = 9;
    static final int NONCE = 10;
    static final int N = 11;
    static final int D = 12;
    static final int VID = 13;
    static final int ATTR = 14;
    static final int NAT_D_DRAFT_OLD = 15;
    static final int NAT_OA_DRAFT_OLD = 16;
    static final int NAT_D = 20;
    static final int NAT_OA = 21;
    static final int NAT_D_DRAFT = 130;
    static final int NAT_OA_DRAFT = 131;
    static final int FRAGMENT = 132;

    PayloadBody decode(int type, int from, int to, DecodeContext ctx) {
        byte[] m = ctx.message;
        if (ctx.majorVersion == 1) {
            switch (type) {
                case FRAGMENT:
                    if (to - from < FragmentBody.HEADER_BYTES) {
                        ctx.report("isakmp.fragment.truncated", from - 4,
                                "fragment payload body: " + (to - from) + " bytes (expected: >= " + FragmentBody.HEADER_BYTES + ")");
                        return new BytesBody("data", m, from, to);
                    }
                    return new FragmentBody(((m[from] & 0xff) << 8) | (m[from + 1] & 0xff), m[from + 2] & 0xff,
                            (m[from + 3] & FragmentBody.FLAG_LAST) != 0, m, from + 4, to);
                case KE:
                    return new BytesBody("ke", m, from, to);
                case NONCE:
                    return new BytesBody("nonce", m, from, to);
                case HASH:
                    return new BytesBody("hash", m, from, to);
                case SIG:
                    return new BytesBody("signature", m, from, to);
                default:
                    return new BytesBody("data", m, from, to);
            }
        }
        return new BytesBody("data", m, from, to);
    }

    /** Name of payload {@code type} in this message's context. */
    String typeName(int type, DecodeContext ctx) {
        if (ctx.majorVersion == 1 && isDraftNatPayload(type, ctx)) {
            return type == NAT_D_DRAFT_OLD ? "NAT_D_DRAFT" : "NAT_OA_DRAFT";
        }
        return PayloadType.nameOf(type);
    }

    /**
     * Payloads 15/16 are GDOI's SAK/SAT in the registry, but draft-era NAT-T implementations sent
     * NAT-D/NAT-OA under these numbers in phase 1 (main, aggressive mode). GDOI runs on UDP 848
     * and never in these exchanges, so in them 15/16 are NAT-D/NAT-OA.
     */
    static boolean isDraftNatPayload(int type, DecodeContext ctx) {
        return (type == NAT_D_DRAFT_OLD || type == NAT_OA_DRAFT_OLD)
                && (ctx.exchangeType == 2 || ctx.exchangeType == 4);
    }
}
