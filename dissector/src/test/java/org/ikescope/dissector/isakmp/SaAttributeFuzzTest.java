package org.ikescope.dissector.isakmp;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.ArrayList;
import java.util.List;
import org.ikescope.dissector.model.Diagnostic;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Fuzz target of the SA walk (proposals, transforms, attributes) and of the data-attribute walk
 * on its own: the first byte picks the walker (IKEv1 SA, IKEv2 SA, or one of the attribute
 * spaces), the rest is the body.
 */
class SaAttributeFuzzTest {
    @FuzzTest(maxDuration = "10m")
    void walk(byte[] data) {
        if (data.length == 0) {
            return;
        }
        int which = (data[0] & 0xff) % (2 + AttributeDecoder.Space.values().length);
        List<Diagnostic> diags = new ArrayList<>();
        DecodeContext ctx = new DecodeContext(data, which == 1 ? 2 : 1, which == 1 ? 34 : 2, new NatTraversalNumbering(), diags);
        switch (which) {
            case 0 -> SaDecoder.ikev1(data, 1, data.length, ctx);
            case 1 -> SaDecoder.ikev2(data, 1, data.length, ctx);
            default -> {
                AttributeDecoder.Space space = AttributeDecoder.Space.values()[which - 2];
                List<Attribute> attrs = AttributeDecoder.walk(data, 1, data.length, space, (data[0] & 0x80) != 0, ctx);
                assertTrue(attrs.size() <= AttributeDecoder.MAX_ATTRIBUTES, "attributes are capped");
            }
        }
        for (Diagnostic d : diags) {
            assertTrue(d.offset() >= 0 && d.offset() <= data.length, () -> d + " outside " + data.length + " bytes");
        }
    }
}
