package org.ikescope.dissector.isakmp;

import java.util.ArrayList;
import java.util.List;
import org.ikescope.api.protocol.Doi;
import org.ikescope.dissector.describe.FieldSink;

/**
 * An IKEv1 Security Association payload body (RFC 2408 section 3.4, RFC 2407 section 4.6.1).
 *
 * <pre>
 * !                 Domain of Interpretation  (DOI)               !
 * ~                           Situation                           ~
 * ~                   Proposals (Proposal payloads)               ~
 * </pre>
 *
 * @param doi       Domain of Interpretation (1 = IPSEC)
 * @param situation the 4-byte IPsec DOI situation bitmap (SIT_IDENTITY_ONLY = 1); -1 when absent
 * @param proposals proposals in wire order
 */
public record SaBody(long doi, long situation, List<Proposal> proposals) implements PayloadBody {
    public SaBody {
        proposals = List.copyOf(proposals);
    }

    @Override
    public String key() {
        return "sa";
    }

    /** True when the first proposal is for PROTO_ISAKMP (a phase-1 SA). */
    public boolean phase1() {
        return !proposals.isEmpty() && proposals.get(0).protocolId() == Transform.PROTO_ISAKMP;
    }

    /** All transforms of all proposals, in wire order. */
    public List<Transform> transforms() {
        List<Transform> all = new ArrayList<>();
        for (Proposal p : proposals) {
            all.addAll(p.transforms());
        }
        return List.copyOf(all);
    }

    /** The first transform, or null when there is none (a responder's chosen transform in MM2). */
    public Transform firstTransform() {
        for (Proposal p : proposals) {
            if (!p.transforms().isEmpty()) {
                return p.transforms().get(0);
            }
        }
        return null;
    }

    @Override
    public void describe(FieldSink out) {
        out.code("doi", "Domain of interpretation", (int) doi, Doi.nameOf((int) doi));
        if (situation >= 0) {
            out.number("situation", "Situation", situation);
        }
        out.beginArray("proposals", "Proposals");
        for (Proposal p : proposals) {
            out.beginObject(null, out.wantsLabels() ? "Proposal # " + p.number() : null);
            p.describe(out);
            out.endObject();
        }
        out.endArray();
    }
}
