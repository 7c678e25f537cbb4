package org.ikescope.analyzer.exchange;

import java.util.List;
import org.ikescope.api.plugin.Side;
import org.ikescope.api.plugin.Step;
import org.ikescope.api.protocol.ExchangeType;
import org.ikescope.api.protocol.PayloadType;
import org.ikescope.dissector.isakmp.IsakmpMessage;

/**
 * Says what each message of one IKE SA is (MM1..MM6, AM1..AM3, QM1..QM3, informational,
 * transaction, IKEv2 request or response) and which earlier message it repeats. Main mode goes by
 * content, then by direction: SA (MM1/MM2), KE (MM3/MM4), then encrypted (or clear ID/HASH/SIG)
 * MM5 from the initiator, MM6 from the responder. A copy with the same bytes from the same side
 * is a retransmission of the first copy, whatever it is; so is another first-step message of a
 * phase-1 step already seen (a peer that re-sends with a fresh nonce).
 */
final class StepLabeler {
    /** How far back an identical copy is looked for (a retransmission follows its original closely). */
    static final int RETRANSMISSION_LOOKBACK = 64;
    /** Clock difference tolerated between two capture points of one merged timeline (retransmissions come later). */
    static final long CAPTURE_POINT_SKEW_NANOS = 500_000_000L;

    private final List<Msg> msgs;
    private final QuickModes quickModes;
    /** First copy of each phase-1 step. */
    private final Msg[] firstOf = new Msg[Step.values().length];

    /** @param msgs the SA's messages so far, in capture order (read, never changed, here) */
    StepLabeler(List<Msg> msgs, QuickModes quickModes) {
        this.msgs = msgs;
        this.quickModes = quickModes;
    }

    /** The first copy of phase-1 step {@code s}, or null. */
    Msg first(Step s) {
        return firstOf[s.ordinal()];
    }

    /** True when some phase-1 step was seen. */
    boolean sawPhase1() {
        for (Step s : Step.values()) {
            if (s.phase1() && firstOf[s.ordinal()] != null) {
                return true;
            }
        }
        return false;
    }

    /** Sets the step of {@code x} (decoded as {@code m}) and its retransmission link. */
    void label(Msg x, IsakmpMessage m) {
        Msg same = identical(x);
        if (m.isIkev2()) {
            x.step = v2Step(x.exchangeType, x.response);
            if (same != null) {
                x.repeats(same);
            } else if (x.step.phase1() && first(x.step) != null) {
                // A request repeated after it was answered (a retry after INVALID_KE or COOKIE) is a new attempt.
                if (x.response || first(x.step).answeredBy == 0) {
                    x.repeats(first(x.step));
                }
            }
            if (x.original == null && x.step.phase1() && first(x.step) == null) {
                firstOf[x.step.ordinal()] = x;
            }
            return;
        }
        switch (ExchangeType.of(x.exchangeType)) {
            case IDENTITY_PROTECTION -> phase1(x, same, mainStep(x, m));
            case AGGRESSIVE -> phase1(x, same, aggressiveStep(x, m));
            case QUICK_MODE -> quickModes.label(x, same);
            case INFORMATIONAL -> other(x, same, Step.INFORMATIONAL);
            case TRANSACTION -> other(x, same, Step.TRANSACTION);
            default -> other(x, same, Step.OTHER);
        }
    }

    private static void other(Msg x, Msg same, Step step) {
        x.step = step;
        if (same != null) {
            x.repeats(same);
        }
    }

    private void phase1(Msg x, Msg same, Step step) {
        x.step = step;
        if (same != null) {
            x.repeats(same);
            return;
        }
        if (!step.phase1()) {
            return;
        }
        Msg first = first(step);
        if (first != null) {
            x.repeats(first);
        } else {
            firstOf[step.ordinal()] = x;
        }
    }

    /**
     * Main mode by content, then by direction. A message with nothing decodable (damaged) is its
     * sender's next step; one with only a notification is an informational answer.
     */
    private Step mainStep(Msg x, IsakmpMessage m) {
        boolean i = x.from == Side.INITIATOR;
        if (!m.encrypted() && m.payloads().isEmpty()) {
            Step[] order = i ? new Step[] {Step.MM1, Step.MM3, Step.MM5} : new Step[] {Step.MM2, Step.MM4, Step.MM6};
            for (Step s : order) {
                if (first(s) == null) {
                    return s;
                }
            }
            return order[order.length - 1];
        }
        if (!m.encrypted()) {
            PayloadShape p = x.payloads;
            if (p.has(PayloadType.SA)) {
                return i ? Step.MM1 : Step.MM2;
            }
            if (p.has(PayloadType.KE)) {
                return i ? Step.MM3 : Step.MM4;
            }
            if (!p.has(PayloadType.ID) && !p.has(PayloadType.HASH) && !p.has(PayloadType.SIG) && p.has(PayloadType.N)) {
                return Step.INFORMATIONAL;
            }
        }
        return i ? Step.MM5 : Step.MM6;
    }

    /** Aggressive mode: AM1 (initiator, SA in clear), AM2 (responder), AM3 (initiator, after AM2). */
    private static Step aggressiveStep(Msg x, IsakmpMessage m) {
        PayloadShape p = x.payloads;
        if (x.from == Side.RESPONDER) {
            if (!m.encrypted() && !p.has(PayloadType.SA) && !p.has(PayloadType.HASH) && p.has(PayloadType.N)) {
                return Step.INFORMATIONAL;
            }
            return Step.AM2;
        }
        return !m.encrypted() && p.has(PayloadType.SA) ? Step.AM1 : Step.AM3;
    }

    private static Step v2Step(int type, boolean response) {
        return switch (ExchangeType.of(type)) {
            case IKE_SA_INIT -> response ? Step.IKE_SA_INIT_RESPONSE : Step.IKE_SA_INIT_REQUEST;
            case IKE_AUTH -> response ? Step.IKE_AUTH_RESPONSE : Step.IKE_AUTH_REQUEST;
            case CREATE_CHILD_SA -> response ? Step.CREATE_CHILD_SA_RESPONSE : Step.CREATE_CHILD_SA_REQUEST;
            case INFORMATIONAL_V2 -> response ? Step.INFORMATIONAL_RESPONSE : Step.INFORMATIONAL_REQUEST;
            default -> Step.OTHER;
        };
    }

    /** An earlier message from the same side with the same bytes, or null. */
    private Msg identical(Msg x) {
        int stop = Math.max(0, msgs.size() - RETRANSMISSION_LOOKBACK);
        for (int i = msgs.size() - 1; i >= stop; i--) {
            Msg o = msgs.get(i);
            if (o.hash == x.hash && o.from == x.from && o.size == x.size && o.exchangeType == x.exchangeType
                    && o.messageId == x.messageId) {
                return o;
            }
        }
        return null;
    }

    /**
     * True when the same message (same bytes, same sender) was already seen in another capture file
     * within {@link #CAPTURE_POINT_SKEW_NANOS}: with {@code --merge}, captures taken at two points
     * show each message twice, and the second sighting is not a retransmission.
     */
    boolean seenAtAnotherCapturePoint(String file, long time, Side from, long hash) {
        int stop = Math.max(0, msgs.size() - RETRANSMISSION_LOOKBACK);
        for (int i = msgs.size() - 1; i >= stop; i--) {
            Msg o = msgs.get(i);
            if (o.hash == hash && o.from == from && !o.file.equals(file) && Math.abs(time - o.time) <= CAPTURE_POINT_SKEW_NANOS) {
                return true;
            }
        }
        return false;
    }
}
