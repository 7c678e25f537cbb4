package org.ikescope.dissector.model;

import java.util.List;
import org.ikescope.api.plugin.Confidence;
import org.ikescope.api.plugin.Finding;
import org.ikescope.api.plugin.Severity;

/**
 * A problem found while decoding: a stable dotted {@code code} (e.g.
 * {@code isakmp.payload.length.invalid}), the byte offset within the frame (or within the ISAKMP
 * message for ISAKMP diagnostics; see {@link #offset}), and "what: actual (expected: ...)".
 *
 * @param code   stable dotted code; never renamed once released
 * @param offset byte offset of the problem: from the start of the ISAKMP header for
 *               {@code isakmp.*} codes, from the start of the frame for link/IP/UDP codes
 * @param detail "what: actual (expected: ...)"
 */
public record Diagnostic(String code, int offset, String detail) {
    /** {@link Finding#source()} of the findings made from diagnostics. */
    public static final String SOURCE = "dissector";

    /**
     * This diagnostic as a {@link Finding} (one type serves dissector diagnostics and plugin
     * findings): a confirmed warning titled by the detail, with the frame as evidence and the offset.
     *
     * @param where what the frame is, for people ("frame 7 (MM5)", "frame 12 of x.pcap")
     */
    public Finding toFinding(long frame, String where) {
        return new Finding(code, Severity.WARNING, Confidence.CONFIRMED, detail,
                "The dissector found this problem in " + where + ".", List.of(frame), "", SOURCE, offset);
    }
}
