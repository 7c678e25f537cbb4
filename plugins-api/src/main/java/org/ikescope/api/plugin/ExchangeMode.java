package org.ikescope.api.plugin;

import java.util.Locale;

/**
 * How an IKE SA was set up, as far as the capture shows: the IKEv1 phase-1 exchange type, IKEv2,
 * or unknown when phase 1 is not in the capture.
 *
 * @since 2.0
 */
public enum ExchangeMode {
    /** IKEv1 main mode (identity protection, exchange type 2; RFC 2409 section 5). */
    MAIN,
    /** IKEv1 aggressive mode (exchange type 4; RFC 2409 section 5). */
    AGGRESSIVE,
    /** IKEv2 (IKE_SA_INIT and IKE_AUTH; RFC 7296). */
    IKEV2,
    /** Phase 1 is not in the capture (only quick mode, informational or ESP of the SA were seen). */
    UNKNOWN;

    /** {@link #label()}, made once (output writes one per message). */
    private final String label = name().toLowerCase(Locale.ROOT);

    /** {@code main}, {@code aggressive}, {@code ikev2} or {@code unknown}, as written in output. */
    public String label() {
        return label;
    }
}
