package org.ikescope.api.plugin;

import java.util.Locale;

/**
 * What checking the NAT-D hashes (RFC 3947 section 3.2) against the captured addresses and ports
 * showed.
 *
 * @since 2.0
 */
public enum NatDiscoveryResult {
    /** Every hash checked matches the addresses and ports seen here. */
    MATCHED,
    /** At least one hash does not match: a NAT (or forced encapsulation) between the peers. */
    MISMATCH,
    /** The phase-1 message that would carry NAT-D is there but carries none: NAT-T was not negotiated. */
    ABSENT,
    /** Not checked (no NAT-D message in the capture, or the hash algorithm is unknown). */
    UNKNOWN;

    /** {@link #label()}, made once (output writes one per message). */
    private final String label = name().toLowerCase(Locale.ROOT);

    /** {@code matched}, {@code mismatch}, {@code absent} or {@code unknown}, as written in output. */
    public String label() {
        return label;
    }
}
