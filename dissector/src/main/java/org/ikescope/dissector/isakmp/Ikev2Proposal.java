package org.ikescope.dissector.isakmp;

import java.util.List;
import org.ikescope.api.protocol.Ikev2ProtocolId;
import org.ikescope.dissector.describe.Describable;
import org.ikescope.dissector.describe.FieldSink;

/**
 * An IKEv2 Proposal substructure (RFC 7296 section 3.3.1).
 *
 * <pre>
 * | Last Substruc |   RESERVED    |         Proposal Length       |
 * | Proposal Num  |  Protocol ID  |    SPI Size   |Num  Transforms|
 * ~                        SPI (variable)                         ~
 * ~                        Transforms                             ~
 * </pre>
 *
 * @param protocolId     Ikev2ProtocolId code (1 IKE, 2 AH, 3 ESP)
 * @param transformCount Num Transforms as declared
 */
public record Ikev2Proposal(int number, int protocolId, int transformCount, byte[] message, int spiFrom, int spiTo,
                            List<Ikev2Transform> transforms) implements Describable {
    public Ikev2Proposal {
        transforms = List.copyOf(transforms);
    }

    public int spiSize() {
        return spiTo - spiFrom;
    }

    public String spiHex() {
        return Octets.hex(message, spiFrom, spiTo);
    }

    /** Transform IDs of {@code type} (e.g. {@link Ikev2Transform#ENCR}) in wire order. */
    public List<Ikev2Transform> transforms(int type) {
        return transforms.stream().filter(t -> t.type() == type).toList();
    }

    @Override
    public void describe(FieldSink out) {
        out.number("number", "Proposal number", number);
        out.code("protocolId", "Protocol ID", protocolId, Ikev2ProtocolId.nameOf(protocolId));
        out.number("spiSize", "SPI Size", spiSize());
        if (spiTo > spiFrom) {
            out.hex("spi", "SPI", message, spiFrom, spiTo);
        }
        out.number("transformCount", "Proposal transforms", transformCount);
        out.beginArray("transforms", "Transforms");
        for (Ikev2Transform t : transforms) {
            out.beginObject(null, out.wantsLabels() ? "Transform (" + t.idName() + ")" : null);
            t.describe(out);
            out.endObject();
        }
        out.endArray();
    }
}
