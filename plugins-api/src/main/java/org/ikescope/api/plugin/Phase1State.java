package org.ikescope.api.plugin;

/**
 * The phase-1 state one side of an IKE SA reached, in the words of the Cisco ASA's
 * {@code show crypto isakmp sa} (IKEv1) and {@code show crypto ikev2 sa} (IKEv2). Decided by the
 * last phase-1 message that side sent: a side that accepted what it received answers with the
 * next message, so what it sent last shows how far it got.
 *
 * @since 2.0
 */
public enum Phase1State {
    /** The side sent no phase-1 message in the capture (or phase 1 is not in the capture). */
    NONE(false),
    /** Main or aggressive mode responder that answered the first message only with a notification. */
    MM_NO_STATE(false),
    /** Main mode initiator: sent MM1, waits for MM2 (also when MM2 came but no MM3 followed). */
    MM_WAIT_MSG2(false),
    /** Main mode responder: sent MM2, waits for MM3. */
    MM_WAIT_MSG3(false),
    /** Main mode initiator: sent MM3, waits for MM4. */
    MM_WAIT_MSG4(false),
    /** Main mode responder: sent MM4, waits for MM5 (also when it answered MM5 with a notification). */
    MM_WAIT_MSG5(false),
    /** Main mode initiator: sent MM5, waits for MM6. */
    MM_WAIT_MSG6(false),
    /** Main mode complete. */
    MM_ACTIVE(true),
    /** Aggressive mode initiator: sent AM1, no AM3. */
    AM_WAIT_MSG2(false),
    /** Aggressive mode responder: sent AM2, no AM3 seen. */
    AM_WAIT_MSG3(false),
    /** Aggressive mode complete (AM3 seen). */
    AM_ACTIVE(true),
    /** IKEv2: the last exchange reached was IKE_SA_INIT. */
    IKE_SA_INIT(false),
    /** IKEv2: the last exchange reached was IKE_AUTH (request sent, no response). */
    IKE_AUTH(false),
    /** IKEv2: an IKE_AUTH response was seen. */
    ESTABLISHED(true),
    /** IKEv2 responder that answered IKE_SA_INIT without an SA payload (a notification only). */
    NO_STATE(false);

    private final boolean active;

    Phase1State(boolean active) {
        this.active = active;
    }

    /** True for {@link #MM_ACTIVE}, {@link #AM_ACTIVE} and {@link #ESTABLISHED}: phase 1 completed. */
    public boolean active() {
        return active;
    }
}
