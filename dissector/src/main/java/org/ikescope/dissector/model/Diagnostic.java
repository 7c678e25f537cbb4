package org.ikescope.dissector.model;

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
}
