package org.ikescope.dissector.isakmp;

import org.ikescope.api.protocol.Ikev2TsType;
import org.ikescope.dissector.describe.Describable;
import org.ikescope.dissector.describe.FieldSink;

/**
 * One IKEv2 traffic selector (RFC 7296 section 3.13.1).
 *
 * <pre>
 * |   TS Type     |IP Protocol ID*|       Selector Length         |
 * |           Start Port*         |           End Port*           |
 * ~                         Starting Address*                     ~
 * ~                         Ending Address*                       ~
 * </pre>
 *
 * @param startAddress text of the starting address; null for types other than 7 and 8
 */
public record TrafficSelector(int type, int ipProtocol, int startPort, int endPort, String startAddress,
                              String endAddress) implements Describable {
    @Override
    public void describe(FieldSink out) {
        out.code("type", "TS Type", type, Ikev2TsType.nameOf(type));
        if (startAddress != null) {
            out.number("ipProtocol", "IP Protocol ID", ipProtocol);
            out.number("startPort", "Start Port", startPort);
            out.number("endPort", "End Port", endPort);
            out.string("startAddress", "Starting Addr", startAddress);
            out.string("endAddress", "Ending Addr", endAddress);
        }
    }
}
