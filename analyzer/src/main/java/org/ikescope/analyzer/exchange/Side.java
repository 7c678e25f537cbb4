package org.ikescope.analyzer.exchange;

/** The two roles of an IKE SA: who sent its first message, and who answered. */
public enum Side {
    INITIATOR, RESPONDER;

    /** {@code initiator} or {@code responder}, as written in output. */
    public String label() {
        return this == INITIATOR ? "initiator" : "responder";
    }

    public Side other() {
        return this == INITIATOR ? RESPONDER : INITIATOR;
    }
}
