package org.ikescope.dissector.isakmp;

import org.ikescope.dissector.describe.FieldSink;

/**
 * An IKEv2 SK (RFC 7296 section 3.14) or SKF (RFC 7383 section 2.5) payload body: IV, encrypted
 * payloads, padding and ICV, which this layer does not open. Only the length is written.
 *
 * @param fragmentNumber SKF Fragment Number; -1 for SK
 * @param totalFragments SKF Total Fragments; -1 for SK
 * @param length         bytes of encrypted data (after the SKF fragment header)
 */
public record EncryptedBody(int fragmentNumber, int totalFragments, int length) implements PayloadBody {
    @Override
    public String key() {
        return "encrypted";
    }

    @Override
    public void describe(FieldSink out) {
        if (fragmentNumber >= 0) {
            out.number("fragmentNumber", "Fragment Number", fragmentNumber);
            out.number("totalFragments", "Total Fragments", totalFragments);
        }
        out.number("length", "Encrypted Data length", length);
    }
}
