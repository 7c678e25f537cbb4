package org.ikescope.dissector.isakmp;

import org.ikescope.api.protocol.Ikev2AuthMethod;
import org.ikescope.dissector.describe.FieldSink;

/**
 * An IKEv2 AUTH payload body (RFC 7296 section 3.8): Auth Method (1), RESERVED (3), data.
 * Only the method and the data length are written; the data stays in the message.
 */
public record AuthBody(int method, byte[] message, int dataFrom, int dataTo) implements PayloadBody {
    @Override
    public String key() {
        return "auth";
    }

    public int dataLength() {
        return dataTo - dataFrom;
    }

    @Override
    public void describe(FieldSink out) {
        out.code("method", "Auth Method", method, Ikev2AuthMethod.nameOf(method));
        out.number("length", "Authentication Data length", dataTo - dataFrom);
    }
}
