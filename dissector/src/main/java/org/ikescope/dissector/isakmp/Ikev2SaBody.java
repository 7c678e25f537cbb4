package org.ikescope.dissector.isakmp;

import java.util.List;
import org.ikescope.dissector.describe.FieldSink;

/** An IKEv2 Security Association payload body (RFC 7296 section 3.3): proposals only. */
public record Ikev2SaBody(List<Ikev2Proposal> proposals) implements PayloadBody {
    public Ikev2SaBody {
        proposals = List.copyOf(proposals);
    }

    @Override
    public String key() {
        return "sa";
    }

    @Override
    public void describe(FieldSink out) {
        out.beginArray("proposals", "Proposals");
        for (Ikev2Proposal p : proposals) {
            out.beginObject(null, out.wantsLabels() ? "Proposal # " + p.number() : null);
            p.describe(out);
            out.endObject();
        }
        out.endArray();
    }
}
