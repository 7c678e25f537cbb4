package org.ikescope.dissector.isakmp;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.ikescope.dissector.model.Diagnostic;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Fuzz targets of the ISAKMP decoder: one with the version byte held at IKEv1 (1.0), one at
 * IKEv2 (2.0), so that each spends its executions on its own payload decoders. The decoder never
 * throws, keeps every diagnostic and payload inside the message, and says why a message is
 * malformed.
 */
class IsakmpFuzzTest {
    /** Offset of the version byte (RFC 2408 section 3.1). */
    static final int VERSION_OFFSET = 17;

    @FuzzTest(maxDuration = "10m")
    void ikev1(byte[] data) {
        decode(data, 0x10);
    }

    @FuzzTest(maxDuration = "10m")
    void ikev2(byte[] data) {
        decode(data, 0x20);
    }

    static void decode(byte[] data, int version) {
        if (data.length > VERSION_OFFSET) {
            data[VERSION_OFFSET] = (byte) version;
        }
        NatTraversalNumbering natT = new NatTraversalNumbering();
        IsakmpMessage m = new IsakmpDecoder().decode(data, natT, 0);
        for (Diagnostic d : m.diagnostics()) {
            assertTrue(d.offset() >= 0 && d.offset() <= data.length, () -> d + " outside " + data.length + " bytes");
            assertTrue(d.code() != null && !d.code().isEmpty() && d.detail() != null, "a diagnostic names its problem");
        }
        for (Payload p : m.payloads()) {
            assertTrue(p.offset() >= 0 && p.offset() <= data.length, () -> "payload at " + p.offset() + " outside " + data.length);
        }
    }
}
