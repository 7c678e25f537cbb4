package org.ikescope.dissector.session;

import org.ikescope.api.plugin.Side;
import org.ikescope.dissector.crypto.PskHash;

/**
 * One aggressive-mode HASH seen in the clear, kept for a wordlist search after the capture
 * ({@code --psk-wordlist}): which SA and side sent it, and what it takes to test a candidate.
 *
 * @param initiatorCookie the SA's initiator cookie
 * @param initiator       the initiator's address, as text
 * @param responder       the responder's address, as text
 * @param side            who sent the HASH: the responder (HASH_R, AM2) or the initiator (HASH_I, AM3)
 * @param hash            the HASH with what it covers
 * @param matchedBy       the label of the {@code --psk} candidate that already matched it, or null
 */
public record PskTarget(long initiatorCookie, String initiator, String responder, Side side, PskHash hash,
                        String matchedBy) {
    /** {@code HASH_R (AM2)} or {@code HASH_I (AM3)}. */
    public String hashName() {
        return side == Side.RESPONDER ? "HASH_R (AM2)" : "HASH_I (AM3)";
    }
}
