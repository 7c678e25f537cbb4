package org.ikescope.dissector.model;

import java.util.Locale;

/** Why a set of IP or IKE fragments was given up before it completed. */
public enum FragmentsLost {
    /** Still incomplete a while (capture time) after its first fragment. */
    TIMEOUT,
    /** Pushed out by newer sets when a cap was reached (or with its IKE SA's session). */
    EVICTED,
    /** The fragments would rebuild more than a datagram or message can hold. */
    OVERSIZE,
    /** A fragment number or offset out of bounds ended the set. */
    INVALID,
    /** Still waiting when the capture ended. */
    PENDING;

    /** {@code timeout}, {@code evicted}, ... as written in output. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
