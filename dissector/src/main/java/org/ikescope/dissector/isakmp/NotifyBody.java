package org.ikescope.dissector.isakmp;

import org.ikescope.api.protocol.Doi;
import org.ikescope.api.protocol.Ikev2ProtocolId;
import org.ikescope.api.protocol.ProtocolId;
import org.ikescope.dissector.describe.FieldSink;

/**
 * A Notification payload body: IKEv1 N (RFC 2408 section 3.14) or IKEv2 N (RFC 7296 section
 * 3.10). SPI and data stay slices of the message.
 *
 * <pre>
 * IKEv1: !              Domain of Interpretation  (DOI)                  !
 *        !  Protocol-ID  !   SPI Size    !      Notify Message Type      !
 * IKEv2: !  Protocol ID  !   SPI Size    !      Notify Message Type      !
 *        ~                Security Parameter Index (SPI)                 ~
 *        ~                       Notification Data                       ~
 * </pre>
 *
 * @param v2             IKEv2 (type from Ikev2NotifyType, no DOI)
 * @param doi            IKEv1 DOI; -1 in IKEv2
 * @param type           Notify Message Type
 * @param typeName       registry name of {@code type}
 * @param sequenceNumber RFC 3706 R-U-THERE / R-U-THERE-ACK sequence number; -1 otherwise
 */
public record NotifyBody(boolean v2, long doi, int protocolId, int spiSize, int type, String typeName,
                         byte[] message, int spiFrom, int spiTo, int dataFrom, int dataTo, long sequenceNumber)
        implements PayloadBody {
    /** RFC 3706 section 5.1. */
    public static final int R_U_THERE = 36136;
    public static final int R_U_THERE_ACK = 36137;
    /** RFC 2408 section 3.14.1: types below 16384 are errors; IKEv2 the same (RFC 7296 3.10.1). */
    public static final int FIRST_STATUS_TYPE = 16384;

    @Override
    public String key() {
        return "notify";
    }

    /** True for an error notification (type 1..16383). */
    public boolean error() {
        return type > 0 && type < FIRST_STATUS_TYPE;
    }

    public String spiHex() {
        return Octets.hex(message, spiFrom, spiTo);
    }

    public int dataLength() {
        return dataTo - dataFrom;
    }

    public String dataHex() {
        return Octets.hex(message, dataFrom, dataTo);
    }

    @Override
    public void describe(FieldSink out) {
        out.code("type", "Notify Message Type", type, typeName);
        if (!v2) {
            out.code("doi", "Domain of interpretation", (int) doi, Doi.nameOf((int) doi));
        }
        out.code("protocolId", "Protocol ID", protocolId,
                v2 ? Ikev2ProtocolId.nameOf(protocolId) : ProtocolId.nameOf(protocolId));
        out.number("spiSize", "SPI Size", spiSize);
        if (spiTo > spiFrom) {
            out.hex("spi", "SPI", message, spiFrom, spiTo);
        }
        if (dataTo > dataFrom) {
            out.hex("data", "Notification DATA", message, dataFrom, dataTo);
        }
        if (sequenceNumber >= 0) {
            out.number("sequenceNumber", "Sequence Number", sequenceNumber);
        }
    }
}
