package org.ikescope.dissector.isakmp;

import org.ikescope.dissector.describe.FieldSink;

/**
 * A payload whose body is opaque data: KE, NONCE, HASH, SIG, NAT-D, and types we do not decode.
 * A slice of the message copy, not a copy of its own.
 */
public record BytesBody(String key, byte[] message, int from, int to) implements PayloadBody {

    public int dataLength() {
        return to - from;
    }

    @Override
    public void describe(FieldSink out) {
        out.number("length", "Data length", to - from);
        out.hex("data", "Data", message, from, to);
    }
}
