package org.ikescope.analyzer.exchange;

import java.util.EnumMap;
import java.util.Map;
import org.ikescope.api.plugin.ExchangeMode;
import org.ikescope.api.plugin.Phase1State;
import org.ikescope.api.plugin.Side;
import org.ikescope.api.plugin.Step;

/**
 * The phase-1 state each side of one IKE SA reached, in the words of the Cisco ASA ({@code show
 * crypto isakmp sa}), decided by the last phase-1 message that side sent: a side that accepted
 * what it received answers with the next message, so what it sent last shows how far it got. A
 * capture shows what crossed the capture point, not what a device accepted.
 *
 * <ul>
 *   <li>main mode initiator: sent MM1 {@code MM_WAIT_MSG2} (also when MM2 came but no MM3
 *       followed), MM3 {@code MM_WAIT_MSG4}, MM5 {@code MM_WAIT_MSG6}; {@code MM_ACTIVE} once the
 *       responder's MM6 is seen;</li>
 *   <li>main mode responder: sent MM2 {@code MM_WAIT_MSG3}, MM4 {@code MM_WAIT_MSG5} (also when it
 *       answered MM5 with a notification), MM6 {@code MM_ACTIVE}; answered MM1 only with a
 *       notification {@code MM_NO_STATE}; sent nothing: {@code NONE};</li>
 *   <li>aggressive mode: {@code AM_WAIT_MSG2} (initiator sent AM1, no AM3), {@code AM_WAIT_MSG3}
 *       (responder sent AM2, no AM3 seen), {@code AM_ACTIVE} (AM3 seen) for both;</li>
 *   <li>IKEv2: {@code ESTABLISHED} once an IKE_AUTH response is seen (inferred: its content is
 *       encrypted), otherwise the last exchange reached ({@code IKE_SA_INIT}, {@code IKE_AUTH}); a
 *       responder that answered IKE_SA_INIT without an SA payload is {@code NO_STATE};</li>
 *   <li>an MM5 or MM6 seen only as a fragment set that never completed (its fragments lost before
 *       the capture point) counts as sent, and the state says it rests on that inference;</li>
 *   <li>a record that continues an earlier one of the same SA (emitted when it was idle) starts
 *       from the states that one reached.</li>
 * </ul>
 */
final class AsaStateMachine {
    /** What an inferred state rests on. */
    enum Inference {
        /** Nothing: every message the states rest on is in the capture. */
        NONE,
        /** An IKEv2 ESTABLISHED read from an IKE_AUTH response whose content is encrypted. */
        IKE_AUTH_ENCRYPTED,
        /** An MM5 or MM6 seen only as fragments that never completed. */
        LOST_FRAGMENTS
    }

    private final ExchangeMode mode;
    /** Capture time of the first copy of each phase-1 step sent. */
    private final Map<Step, Long> sent = new EnumMap<>(Step.class);
    /** Per side: the latest capture time at which a fragment set that never completed began, or MIN. */
    private final long[] lostFragmentsFrom = {Long.MIN_VALUE, Long.MIN_VALUE};
    private boolean responderNotified;
    private boolean responderNoState;
    private final Phase1State carriedInitiator;
    private final Phase1State carriedResponder;

    /**
     * @param carriedInitiator the initiator's state of the record this one continues ({@link Phase1State#NONE} if none)
     * @param carriedResponder likewise for the responder
     */
    AsaStateMachine(ExchangeMode mode, Phase1State carriedInitiator, Phase1State carriedResponder) {
        this.mode = mode;
        this.carriedInitiator = carriedInitiator;
        this.carriedResponder = carriedResponder;
    }

    /** The first copy of phase-1 step {@code s} was sent at {@code timeNanos}. */
    void sent(Step s, long timeNanos) {
        sent.putIfAbsent(s, timeNanos);
    }

    boolean wasSent(Step s) {
        return sent.containsKey(s);
    }

    /** The responder sent an informational (a notification instead of the next step). */
    void responderNotified() {
        responderNotified = true;
    }

    /**
     * The IKEv2 responder answered IKE_SA_INIT, with an SA payload or without one (a notification
     * only: NO_PROPOSAL_CHOSEN, or INVALID_KE_PAYLOAD / COOKIE before a retry); its last answer
     * counts.
     */
    void responderAnsweredInit(boolean withSa) {
        responderNoState = !withSa;
    }

    /** {@code from} started a fragment set at {@code firstNanos} that never completed. */
    void lostFragments(Side from, long firstNanos) {
        lostFragmentsFrom[from.ordinal()] = Math.max(lostFragmentsFrom[from.ordinal()], firstNanos);
    }

    /**
     * True when {@code from} started a fragment set after its peer's {@code after} that never
     * completed at the capture point: the next message left that side, but the capture holds only
     * part of it (e.g. an MM5 with certificates whose fragments were lost).
     */
    private boolean sentIncomplete(Side from, Step after) {
        Long t = sent.get(after);
        return t != null && lostFragmentsFrom[from.ordinal()] >= t;
    }

    Phase1State initiator() {
        switch (mode) {
            case MAIN -> {
                if (wasSent(Step.MM6)) {
                    return Phase1State.MM_ACTIVE;
                }
                if (wasSent(Step.MM5) || sentIncomplete(Side.INITIATOR, Step.MM4)) {
                    return Phase1State.MM_WAIT_MSG6;
                }
                if (wasSent(Step.MM3)) {
                    return Phase1State.MM_WAIT_MSG4;
                }
                if (wasSent(Step.MM1)) {
                    return Phase1State.MM_WAIT_MSG2;
                }
            }
            case AGGRESSIVE -> {
                if (wasSent(Step.AM3)) {
                    return Phase1State.AM_ACTIVE;
                }
                if (wasSent(Step.AM1)) {
                    return Phase1State.AM_WAIT_MSG2;
                }
            }
            case IKEV2 -> {
                if (wasSent(Step.IKE_AUTH_RESPONSE)) {
                    return Phase1State.ESTABLISHED;
                }
                if (wasSent(Step.IKE_AUTH_REQUEST)) {
                    return Phase1State.IKE_AUTH;
                }
                if (wasSent(Step.IKE_SA_INIT_REQUEST)) {
                    return Phase1State.IKE_SA_INIT;
                }
            }
            default -> {
            }
        }
        return carriedInitiator;
    }

    Phase1State responder() {
        switch (mode) {
            case MAIN -> {
                if (wasSent(Step.MM6) || wasSent(Step.MM5) && sentIncomplete(Side.RESPONDER, Step.MM5)) {
                    return Phase1State.MM_ACTIVE;
                }
                if (wasSent(Step.MM4)) {
                    return Phase1State.MM_WAIT_MSG5;
                }
                if (wasSent(Step.MM2)) {
                    return Phase1State.MM_WAIT_MSG3;
                }
                if (wasSent(Step.MM1) && responderNotified) {
                    return Phase1State.MM_NO_STATE;
                }
            }
            case AGGRESSIVE -> {
                if (wasSent(Step.AM3)) {
                    return Phase1State.AM_ACTIVE;
                }
                if (wasSent(Step.AM2)) {
                    return Phase1State.AM_WAIT_MSG3;
                }
                if (wasSent(Step.AM1) && responderNotified) {
                    return Phase1State.MM_NO_STATE;
                }
            }
            case IKEV2 -> {
                if (wasSent(Step.IKE_AUTH_RESPONSE)) {
                    return Phase1State.ESTABLISHED;
                }
                if (wasSent(Step.IKE_SA_INIT_RESPONSE)) {
                    return responderNoState && !wasSent(Step.IKE_AUTH_REQUEST) ? Phase1State.NO_STATE : Phase1State.IKE_SA_INIT;
                }
            }
            default -> {
            }
        }
        return carriedResponder;
    }

    /** What the states rest on beyond the messages in the capture. */
    Inference inference() {
        Phase1State i = initiator();
        Phase1State r = responder();
        if (mode == ExchangeMode.MAIN && (!wasSent(Step.MM5) && sentIncomplete(Side.INITIATOR, Step.MM4)
                || !wasSent(Step.MM6) && wasSent(Step.MM5) && sentIncomplete(Side.RESPONDER, Step.MM5))) {
            return Inference.LOST_FRAGMENTS;
        }
        if (i == Phase1State.ESTABLISHED || r == Phase1State.ESTABLISHED) {
            return Inference.IKE_AUTH_ENCRYPTED;
        }
        return Inference.NONE;
    }

    /** The note for people that says what an inferred state rests on, or null when nothing is inferred. */
    String note() {
        return switch (inference()) {
            case NONE -> null;
            case IKE_AUTH_ENCRYPTED -> "ESTABLISHED is inferred from an IKE_AUTH response; its content is encrypted";
            case LOST_FRAGMENTS -> wasSent(Step.MM5)
                    ? "the responder's MM_ACTIVE is inferred: MM6 left it as IP or IKE fragments, not all of which"
                            + " reached the capture point"
                    : "the initiator's MM_WAIT_MSG6 is inferred: MM5 left it as IP or IKE fragments, not all of which"
                            + " reached the capture point";
        };
    }
}
