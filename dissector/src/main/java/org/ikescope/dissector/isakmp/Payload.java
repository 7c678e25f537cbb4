package org.ikescope.dissector.isakmp;

import org.ikescope.dissector.describe.Describable;
import org.ikescope.dissector.describe.FieldSink;

/**
 * One payload of a message.
 *
 * @param type        wire payload type (the previous payload's Next Payload value)
 * @param name        registry name for this type in this message's context (15 is NAT_D_DRAFT in
 *                    a phase-1 exchange of peers using draft NAT-T, SAK in GDOI)
 * @param offset      offset of the generic header from the start of the ISAKMP header
 * @param length      Payload Length field (whole payload, generic header included)
 * @param nextPayload Next Payload field
 * @param critical    IKEv2 critical bit
 * @param body        decoded body; never null ({@link BytesBody} when opaque)
 */
public record Payload(int type, String name, int offset, int length, int nextPayload, boolean critical,
                      PayloadBody body) implements Describable {

    @Override
    public void describe(FieldSink out) {
        out.code("type", "Payload type", type, name);
        out.number("length", "Payload length", length);
        if (critical) {
            out.bool("critical", "Critical", true);
        }
        out.beginObject(body.key(), null);
        body.describe(out);
        out.endObject();
    }
}
