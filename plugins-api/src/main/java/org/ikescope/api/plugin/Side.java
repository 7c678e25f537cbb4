package org.ikescope.api.plugin;

import java.util.Locale;

/** The two roles of an IKE exchange: who sent the first message, and who answered. */
public enum Side {
    /** Sent the first message (MM1, AM1, IKE_SA_INIT request) of the exchange. */
    INITIATOR,
    /** Received the first message. */
    RESPONDER;

    /** {@link #label()}, made once (output writes one per message). */
    private final String label = name().toLowerCase(Locale.ROOT);

    /** {@code initiator} or {@code responder}, as written in output. */
    public String label() {
        return label;
    }

    /** The other side. */
    public Side opposite() {
        return this == INITIATOR ? RESPONDER : INITIATOR;
    }
}
