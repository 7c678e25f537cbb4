package org.ikescope.dissector.isakmp;

import org.ikescope.api.protocol.DhGroup;
import org.ikescope.dissector.describe.FieldSink;

/**
 * A Key Exchange payload body: IKEv1 KE (RFC 2408 section 3.7; the data only) or IKEv2 KE
 * (RFC 7296 section 3.4: Diffie-Hellman Group Num (2), RESERVED (2), data). The data is a slice.
 *
 * @param dhGroup IKEv2 Diffie-Hellman group; -1 in IKEv1 (the group is in the SA)
 */
public record KeBody(int dhGroup, byte[] message, int dataFrom, int dataTo) implements PayloadBody {

    @Override
    public String key() {
        return "ke";
    }

    public int dataLength() {
        return dataTo - dataFrom;
    }

    @Override
    public void describe(FieldSink out) {
        if (dhGroup >= 0) {
            out.code("dhGroup", "DH Group #", dhGroup, DhGroup.nameOf(dhGroup));
        }
        out.number("length", "Key Exchange Data length", dataTo - dataFrom);
        out.hex("data", "Key Exchange Data", message, dataFrom, dataTo);
    }
}
