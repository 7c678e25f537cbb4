package org.ikescope.dissector.isakmp;

import org.ikescope.dissector.describe.FieldSink;

/**
 * Cisco-style IKEv1 fragmentation payload (type 132), as strongSwan and Cisco send it.
 *
 * <pre>
 *  0 generic header (4)
 *  4 Fragment ID (2) | 6 Fragment Number (1) | 7 Flags (1; 0x01 = last fragment)
 *  8 fragment data: a piece of the whole original ISAKMP message, header included
 * </pre>
 */
public record FragmentBody(int fragmentId, int number, boolean last, byte[] message, int dataFrom, int dataTo)
        implements PayloadBody {
    public static final int HEADER_BYTES = 4;
    public static final int FLAG_LAST = 0x01;

    @Override
    public String key() {
        return "fragment";
    }

    @Override
    public void describe(FieldSink out) {
        out.number("id", "Fragment ID", fragmentId);
        out.number("number", "Fragment number", number);
        out.bool("last", "Last fragment", last);
        out.number("dataLength", "Fragment data length", dataTo - dataFrom);
    }
}
