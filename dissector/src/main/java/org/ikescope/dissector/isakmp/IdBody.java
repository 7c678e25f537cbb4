package org.ikescope.dissector.isakmp;

import org.ikescope.dissector.describe.FieldSink;

/**
 * An identification payload body: IKEv1 ID (RFC 2407 section 4.6.2) or IKEv2 IDi/IDr (RFC 7296
 * section 3.5).
 *
 * <pre>
 * IKEv1:  !   ID Type     !  Protocol ID  !             Port              !
 * IKEv2:  !   ID Type     !                 RESERVED                      !
 *         ~                   Identification Data                         ~
 * </pre>
 * The data stays a slice of the message; {@link #value()} is its decoded text.
 *
 * @param v2         an IKEv2 IDi/IDr (types from Ikev2IdType; no protocol or port)
 * @param type       ID Type
 * @param typeName   registry name of {@code type}
 * @param protocolId IKEv1 IP protocol (0 = any; 17 = UDP in phase 1); 0 in IKEv2
 * @param port       IKEv1 port (0 = any); 0 in IKEv2
 * @param value      decoded identity: address, "addr/mask", "a-b", name, DN text; null when the
 *                   data could not be decoded (then {@code data} hex is written)
 */
public record IdBody(boolean v2, int type, String typeName, int protocolId, int port, String value,
                     byte[] message, int dataFrom, int dataTo) implements PayloadBody {

    @Override
    public String key() {
        return "id";
    }

    public int dataLength() {
        return dataTo - dataFrom;
    }

    /** The identification data as lowercase hex. */
    public String dataHex() {
        return Octets.hex(message, dataFrom, dataTo);
    }

    @Override
    public void describe(FieldSink out) {
        out.code("type", "ID type", type, typeName);
        if (value != null) {
            out.string("value", "Identification Data", value);
        } else {
            out.hex("value", "Identification Data", message, dataFrom, dataTo);
        }
        if (!v2) {
            out.number("protocolId", "Protocol ID", protocolId);
            out.number("port", "Port", port);
        }
    }
}
