package org.ikescope.analyzer.exchange;

import org.ikescope.api.plugin.Step;
import org.ikescope.api.protocol.ExchangeType;

/**
 * Links each answer to the request it answers, for round-trip times (as seen from the capture
 * point) and for what an informational answered: MM2 answers MM1, MM4 MM3, MM6 MM5, AM2 AM1, AM3
 * AM2, QM2 QM1 and QM3 QM2 of the same message ID, a transaction the one of the same message ID,
 * an IKEv2 response the request of its exchange and message ID; a readable R-U-THERE-ACK the
 * R-U-THERE with its sequence number (RFC 3706; both peers may ask at once, so a readable
 * R-U-THERE answers nothing); another informational answers whatever the other side sent last
 * (a DPD answer comes at once, within {@link #INFORMATIONAL_ANSWER_NANOS}).
 */
final class AnswerMatcher {
    /** An informational answers one from the other side only this soon after it. */
    static final long INFORMATIONAL_ANSWER_NANOS = 5_000_000_000L;

    private final long answerWindow;
    private final QuickModes quickModes;
    /** Per side: its last request still waiting for an answer. */
    private final Msg[] pending = new Msg[2];

    /** @param answerWindow an answer comes at most this long after its request (the idle timeout) */
    AnswerMatcher(long answerWindow, QuickModes quickModes) {
        this.answerWindow = answerWindow;
        this.quickModes = quickModes;
    }

    /** Links {@code x} to the other side's pending request when it answers it, and makes it pending when it is one. */
    void answer(Msg x) {
        int other = x.from.opposite().ordinal();
        Msg p = pending[other];
        boolean answered = false;
        if (p != null && x.time - p.time <= answerWindow && answers(x, p)) {
            x.inResponseTo = p.frame;
            x.rtt = x.time - p.time;
            if (p.answeredBy == 0) {
                p.answeredBy = x.frame;
            }
            if (p.original != null && p.original.answeredBy == 0) {
                p.original.answeredBy = x.frame;
            }
            if (x.step == Step.INFORMATIONAL && p.step == Step.QM1) {
                quickModes.answeredByInformational(p.messageId, x.frame);
            }
            pending[other] = null;
            answered = true;
        }
        if (isRequest(x) && !(answered && (x.step == Step.INFORMATIONAL || x.response))) {
            pending[x.from.ordinal()] = x;
        }
    }

    private static boolean isRequest(Msg x) {
        return switch (x.step) {
            case MM1, MM3, MM5, AM1, AM2, QM1, QM2, INFORMATIONAL, TRANSACTION -> true;
            default -> x.exchangeType >= ExchangeType.IKE_SA_INIT.code() && !x.response;
        };
    }

    /** True when {@code x} can answer {@code p} (sent by the other side). */
    private static boolean answers(Msg x, Msg p) {
        if (x.exchangeType >= ExchangeType.IKE_SA_INIT.code()) {
            return x.response && !p.response && p.exchangeType == x.exchangeType && p.messageId == x.messageId;
        }
        return switch (x.step) {
            case MM2 -> p.step == Step.MM1;
            case MM4 -> p.step == Step.MM3;
            case MM6 -> p.step == Step.MM5;
            case AM2 -> p.step == Step.AM1;
            case AM3 -> p.step == Step.AM2;
            case QM2 -> p.step == Step.QM1 && p.messageId == x.messageId;
            case QM3 -> p.step == Step.QM2 && p.messageId == x.messageId;
            case TRANSACTION -> p.step == Step.TRANSACTION && p.messageId == x.messageId;
            case INFORMATIONAL -> x.dpd == Msg.DPD_ACK ? p.dpd == Msg.DPD_REQUEST && p.dpdSequence == x.dpdSequence
                    : x.dpd != Msg.DPD_REQUEST && p.dpd != Msg.DPD_REQUEST && p.exchangeType < ExchangeType.IKE_SA_INIT.code()
                    && (p.step != Step.INFORMATIONAL || x.time - p.time <= INFORMATIONAL_ANSWER_NANOS);
            default -> false;
        };
    }
}
