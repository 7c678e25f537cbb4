package org.ikescope.dissector.isakmp;

import java.util.ArrayList;
import java.util.List;
import org.ikescope.api.protocol.AhTransformId;
import org.ikescope.api.protocol.EspTransformId;
import org.ikescope.api.protocol.IpcompTransformId;
import org.ikescope.api.protocol.IsakmpTransformId;

/**
 * Decodes SA payload bodies: IKEv1 (RFC 2408 sections 3.4-3.6, RFC 2407 section 4.6.1) and IKEv2
 * (RFC 7296 section 3.3). Two levels of substructures with the same shape, an 8-byte header with
 * a next/last byte and a 2-byte length, so one walker serves both versions.
 *
 * <p>Each walker is confined to its parent's window: proposals to the SA body, transforms to
 * their proposal, attributes to their transform. Each step advances by its header's declared
 * length, which is checked to be at least {@link #SUBSTRUCTURE_HEADER_BYTES}, and counts are
 * capped, so the walk always ends.
 */
final class SaDecoder {
    /** Proposal and transform headers are both 8 bytes in IKEv1 and IKEv2. */
    static final int SUBSTRUCTURE_HEADER_BYTES = 8;
    /** DOI (4) and Situation (4, RFC 2407 section 4.6.1). */
    static final int SA_HEADER_BYTES = 8;
    /** Proposal # is one byte; strongSwan sends at most a few dozen. */
    static final int MAX_PROPOSALS = 256;
    /** # of Transforms is one byte. */
    static final int MAX_TRANSFORMS = 255;
    /** RFC 2408 section 3.5 / 3.6: Next Payload of a proposal / transform (0 on the last). */
    static final int NEXT_PROPOSAL = 2;
    static final int NEXT_TRANSFORM = 3;
    /** RFC 2407 section 4.2: SIT_SECRECY and SIT_INTEGRITY add labeled-domain fields we do not read. */
    static final int SIT_LABELED = 0x06;

    private SaDecoder() {
    }

    /** IKEv1 SA body in {@code m[from, to)}. */
    static SaBody ikev1(byte[] m, int from, int to, DecodeContext ctx) {
        if (to - from < SA_HEADER_BYTES) {
            ctx.report("isakmp.sa.truncated", from,
                    "SA body: " + (to - from) + " bytes (expected: >= " + SA_HEADER_BYTES + ", DOI and situation)");
            return new SaBody(to - from >= 4 ? Octets.u32(m, from) : -1, -1, List.of());
        }
        long doi = Octets.u32(m, from);
        long situation = Octets.u32(m, from + 4);
        if ((situation & SIT_LABELED) != 0) {
            ctx.report("isakmp.sa.situation.unsupported", from + 4,
                    "situation: 0x" + Long.toHexString(situation) + " (expected: SIT_IDENTITY_ONLY, without labeled domains)");
            return new SaBody(doi, situation, List.of());
        }
        List<Proposal> out = new ArrayList<>();
        walkProposals(m, from + SA_HEADER_BYTES, to, false, ctx, out, null);
        return new SaBody(doi, situation, out);
    }

    /** IKEv2 SA body in {@code m[from, to)}. */
    static Ikev2SaBody ikev2(byte[] m, int from, int to, DecodeContext ctx) {
        List<Ikev2Proposal> out = new ArrayList<>();
        walkProposals(m, from, to, true, ctx, null, out);
        return new Ikev2SaBody(out);
    }

    /**
     * Room for the transforms a proposal header announces (its count octet), capped: sized right,
     * the list is not grown transform by transform (a third of what decoding an MM1 allocated);
     * the cap keeps a lying count from costing more than a few slots.
     */
    private static int expectedTransforms(int declared) {
        return Math.max(1, Math.min(declared, 16));
    }

    private static void walkProposals(byte[] m, int from, int to, boolean v2, DecodeContext ctx,
                                      List<Proposal> v1Out, List<Ikev2Proposal> v2Out) {
        if (from >= to) {
            // RFC 2408 section 3.4 / RFC 7296 section 3.3: an SA carries one or more proposals.
            ctx.report("isakmp.sa.proposal.missing", from, "proposals: 0 (expected: >= 1)");
            return;
        }
        int pos = from;
        int count = 0;
        int next = NEXT_PROPOSAL;
        while (pos < to && next != 0) {
            if (count >= MAX_PROPOSALS) {
                ctx.report("isakmp.sa.proposal.count", pos, "proposals: more than " + MAX_PROPOSALS + " (expected: fewer)");
                return;
            }
            if (to - pos < SUBSTRUCTURE_HEADER_BYTES) {
                ctx.report("isakmp.sa.proposal.truncated", pos,
                        "proposal header: " + (to - pos) + " bytes (expected: " + SUBSTRUCTURE_HEADER_BYTES + ")");
                return;
            }
            next = Octets.u8(m, pos);
            int len = Octets.u16(m, pos + 2);
            if (len < SUBSTRUCTURE_HEADER_BYTES || len > to - pos) {
                ctx.report("isakmp.sa.proposal.length.invalid", pos + 2,
                        "proposal length: " + len + " (expected: " + SUBSTRUCTURE_HEADER_BYTES + ".." + (to - pos) + ")");
                return;
            }
            if (next != 0 && next != NEXT_PROPOSAL) {
                ctx.report("isakmp.sa.proposal.next.invalid", pos,
                        "proposal next payload: " + next + " (expected: 0 or " + NEXT_PROPOSAL + ")");
            }
            int number = Octets.u8(m, pos + 4);
            int protocol = Octets.u8(m, pos + 5);
            int spiSize = Octets.u8(m, pos + 6);
            int declared = Octets.u8(m, pos + 7);
            int spiFrom = pos + SUBSTRUCTURE_HEADER_BYTES;
            int end = pos + len;
            count++;
            if (spiSize > end - spiFrom) {
                ctx.report("isakmp.sa.proposal.spi.length", pos + 6,
                        "proposal SPI size: " + spiSize + " (expected: <= " + (end - spiFrom) + ")");
                if (v2) {
                    v2Out.add(new Ikev2Proposal(number, protocol, declared, m, spiFrom, spiFrom, List.of()));
                } else {
                    v1Out.add(new Proposal(number, protocol, declared, m, spiFrom, spiFrom, List.of()));
                }
                pos = end;
                continue;
            }
            int spiTo = spiFrom + spiSize;
            int found;
            if (v2) {
                List<Ikev2Transform> ts = new ArrayList<>(expectedTransforms(declared));
                walkTransforms(m, spiTo, end, true, protocol, ctx, null, ts);
                found = ts.size();
                v2Out.add(new Ikev2Proposal(number, protocol, declared, m, spiFrom, spiTo, ts));
            } else {
                List<Transform> ts = new ArrayList<>(expectedTransforms(declared));
                walkTransforms(m, spiTo, end, false, protocol, ctx, ts, null);
                found = ts.size();
                v1Out.add(new Proposal(number, protocol, declared, m, spiFrom, spiTo, ts));
            }
            if (found != declared) {
                ctx.report("isakmp.sa.proposal.transforms.count", pos + 7,
                        "proposal " + number + " transforms: " + found + " (expected: " + declared + ", # of Transforms)");
            }
            pos = end;
        }
        if (next != 0) {
            ctx.report("isakmp.sa.proposal.unterminated", pos,
                    "next payload after the last proposal: " + next + " (expected: 0)");
        } else if (pos < to) {
            ctx.report("isakmp.sa.extra-data", pos, "bytes after the last proposal: " + (to - pos) + " (expected: 0)");
        }
    }

    private static void walkTransforms(byte[] m, int from, int to, boolean v2, int protocol, DecodeContext ctx,
                                       List<Transform> v1Out, List<Ikev2Transform> v2Out) {
        int pos = from;
        int count = 0;
        int next = NEXT_TRANSFORM;
        while (pos < to && next != 0) {
            if (count >= MAX_TRANSFORMS) {
                ctx.report("isakmp.sa.transform.count", pos, "transforms: more than " + MAX_TRANSFORMS + " (expected: fewer)");
                return;
            }
            if (to - pos < SUBSTRUCTURE_HEADER_BYTES) {
                ctx.report("isakmp.sa.transform.truncated", pos,
                        "transform header: " + (to - pos) + " bytes (expected: " + SUBSTRUCTURE_HEADER_BYTES + ")");
                return;
            }
            next = Octets.u8(m, pos);
            int len = Octets.u16(m, pos + 2);
            if (len < SUBSTRUCTURE_HEADER_BYTES || len > to - pos) {
                ctx.report("isakmp.sa.transform.length.invalid", pos + 2,
                        "transform length: " + len + " (expected: " + SUBSTRUCTURE_HEADER_BYTES + ".." + (to - pos) + ")");
                return;
            }
            if (next != 0 && next != NEXT_TRANSFORM) {
                ctx.report("isakmp.sa.transform.next.invalid", pos,
                        "transform next payload: " + next + " (expected: 0 or " + NEXT_TRANSFORM + ")");
            }
            int end = pos + len;
            count++;
            if (v2) {
                int type = Octets.u8(m, pos + 4);
                int id = Octets.u16(m, pos + 6);
                v2Out.add(new Ikev2Transform(type, id, AttributeDecoder.walk(m, pos + SUBSTRUCTURE_HEADER_BYTES, end,
                        AttributeDecoder.Space.IKEV2, true, ctx)));
            } else {
                int number = Octets.u8(m, pos + 4);
                int id = Octets.u8(m, pos + 5);
                AttributeDecoder.Space space = protocol == Transform.PROTO_ISAKMP
                        ? AttributeDecoder.Space.IKE : AttributeDecoder.Space.IPSEC;
                v1Out.add(new Transform(number, protocol, id, transformIdName(protocol, id),
                        AttributeDecoder.walk(m, pos + SUBSTRUCTURE_HEADER_BYTES, end, space, true, ctx)));
            }
            pos = end;
        }
        if (next != 0 && count > 0) {
            ctx.report("isakmp.sa.transform.unterminated", pos,
                    "next payload after the last transform: " + next + " (expected: 0)");
        } else if (pos < to) {
            ctx.report("isakmp.sa.transform.extra-data", pos,
                    "bytes after the last transform: " + (to - pos) + " (expected: 0)");
        }
    }

    /** RFC 2407 section 4.4: each protocol has its own Transform-Id registry. */
    static String transformIdName(int protocol, int id) {
        return switch (protocol) {
            case 1 -> IsakmpTransformId.nameOf(id);
            case 2 -> AhTransformId.nameOf(id);
            case 3 -> EspTransformId.nameOf(id);
            case 4 -> IpcompTransformId.nameOf(id);
            default -> "UNKNOWN";
        };
    }
}
