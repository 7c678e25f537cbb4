package org.ikescope.dissector.isakmp;

import org.ikescope.api.protocol.PayloadType;
import org.ikescope.dissector.describe.Describable;
import org.ikescope.dissector.describe.FieldSink;

/**
 * One payload of a message.
 *
 * @param type        wire payload type (the previous payload's Next Payload value)
 * @param payloadType what the payload is in this message's context: {@code PayloadType.of(type)},
 *                    except that 15/16 in a phase-1 exchange of peers using draft NAT-T are
 *                    {@link PayloadType#NAT_D_DRAFT}/{@link PayloadType#NAT_OA_DRAFT} (SAK/SAT in GDOI);
 *                    {@link PayloadType#UNKNOWN} for an unassigned number
 * @param offset      offset of the generic header from the start of the ISAKMP header
 * @param length      Payload Length field (whole payload, generic header included)
 * @param nextPayload Next Payload field
 * @param critical    IKEv2 critical bit
 * @param body        decoded body; never null ({@link BytesBody} when opaque)
 */
public record Payload(int type, PayloadType payloadType, int offset, int length, int nextPayload, boolean critical,
                      PayloadBody body) implements Describable {

    /** Registry name in this message's context ({@code SA}, {@code NAT_D_DRAFT}; the range's name for an unassigned number). */
    public String name() {
        return payloadType != PayloadType.UNKNOWN ? payloadType.wireName() : PayloadType.nameOf(type);
    }

    /** True when this payload is a {@code kind}, whatever number it travelled under (NAT-D as 20, 130 or 15). */
    public boolean is(PayloadType kind) {
        return payloadType == kind || kind != PayloadType.UNKNOWN && payloadType.abbreviation().equals(kind.abbreviation())
                && payloadType.isIkev2() == kind.isIkev2();
    }

    @Override
    public void describe(FieldSink out) {
        out.code("type", "Payload type", type, name());
        out.number("length", "Payload length", length);
        if (critical) {
            out.bool("critical", "Critical", true);
        }
        out.beginObject(body.key(), null);
        body.describe(out);
        out.endObject();
    }
}
