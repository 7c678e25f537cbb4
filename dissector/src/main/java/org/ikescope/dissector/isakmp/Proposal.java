package org.ikescope.dissector.isakmp;

import java.util.List;
import org.ikescope.api.protocol.ProtocolId;
import org.ikescope.dissector.describe.Describable;
import org.ikescope.dissector.describe.FieldSink;

/**
 * An IKEv1 Proposal payload inside an SA (RFC 2408 section 3.5).
 *
 * <pre>
 * ! Next Payload  !   RESERVED    !         Payload Length        !
 * !  Proposal #   !  Protocol-Id  !    SPI Size   !# of Transforms!
 * ~                        SPI (variable)                         ~
 * ~                        Transforms                             ~
 * </pre>
 * The SPI stays a slice of the message copy.
 *
 * @param number         Proposal #
 * @param protocolId     Protocol-Id (ProtocolId code)
 * @param transformCount # of Transforms as declared (may differ from {@code transforms().size()}
 *                       in a malformed SA; a diagnostic then says so)
 * @param transforms     transforms decoded from the wire, in order
 */
public record Proposal(int number, int protocolId, int transformCount, byte[] message, int spiFrom, int spiTo,
                       List<Transform> transforms) implements Describable {

    public Proposal {
        transforms = List.copyOf(transforms);
    }

    public int spiSize() {
        return spiTo - spiFrom;
    }

    /** The SPI as lowercase hex ("" when the SPI size is 0). */
    public String spiHex() {
        return Octets.hex(message, spiFrom, spiTo);
    }

    @Override
    public void describe(FieldSink out) {
        out.number("number", "Proposal number", number);
        out.code("protocolId", "Protocol ID", protocolId, ProtocolId.nameOf(protocolId));
        out.number("spiSize", "SPI Size", spiSize());
        if (spiTo > spiFrom) {
            out.hex("spi", "SPI", message, spiFrom, spiTo);
        }
        out.number("transformCount", "Proposal transforms", transformCount);
        out.beginArray("transforms", "Transforms");
        for (Transform t : transforms) {
            out.beginObject(null, out.wantsLabels() ? "Transform # " + t.number() : null);
            t.describe(out);
            out.endObject();
        }
        out.endArray();
    }
}
