package org.ikescope.analyzer.exchange;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ikescope.api.plugin.QuickModeState;
import org.ikescope.api.plugin.Side;
import org.ikescope.api.plugin.Step;
import org.ikescope.api.protocol.PayloadType;
import org.ikescope.dissector.isakmp.IdBody;
import org.ikescope.dissector.isakmp.IsakmpMessage;
import org.ikescope.dissector.isakmp.Payload;
import org.ikescope.dissector.isakmp.Suite;

/**
 * The quick modes (phase 2) of one IKE SA, by message ID (RFC 2409 section 5.5): QM1 from
 * whichever side starts it, QM2 from the other side, then QM3 from the first again; a repeat of
 * the last step is its retransmission. Bounded to {@link #MAX_QUICK_MODES} message IDs.
 */
final class QuickModes {
    /** A peer that floods quick modes must not exhaust the heap. */
    static final int MAX_QUICK_MODES = 1_000;
    /** Proposals kept of one QM1 (every transform of every proposal counts one). */
    static final int MAX_SUITES = 32;

    /** One quick mode while the SA is followed. */
    private static final class Quick {
        final int messageId;
        final Side initiator;
        Msg qm1;
        Msg qm2;
        Msg qm3;
        long answeredByInformational;
        final List<Msg> msgs = new ArrayList<>(3);
        List<Suite> offered = List.of();
        Suite chosen;
        List<ProxyId> proxyIds = List.of();
        List<ProxyId> answeredProxyIds = List.of();

        Quick(int messageId, Side initiator) {
            this.messageId = messageId;
            this.initiator = initiator;
        }
    }

    private Map<Integer, Quick> byMessageId;

    /** Sets the step of quick-mode message {@code x}; {@code same} is an identical earlier copy, or null. */
    void label(Msg x, Msg same) {
        if (byMessageId == null) {
            byMessageId = new LinkedHashMap<>();
        }
        Quick q = byMessageId.get(x.messageId);
        if (q == null && byMessageId.size() < MAX_QUICK_MODES) {
            q = new Quick(x.messageId, x.from);
            byMessageId.put(x.messageId, q);
        }
        if (same != null) {
            x.step = same.original != null ? same.original.step : same.step;
            x.repeats(same);
        } else if (q == null) {
            x.step = Step.QM1;
        } else if (x.from == q.initiator) {
            if (q.qm1 == null) {
                x.step = Step.QM1;
                q.qm1 = x;
            } else if (q.qm2 == null) {
                x.step = Step.QM1;
                x.repeats(q.qm1);
            } else if (q.qm3 == null) {
                x.step = Step.QM3;
                q.qm3 = x;
            } else {
                x.step = Step.QM3;
                x.repeats(q.qm3);
            }
        } else {
            x.step = Step.QM2;
            if (q.qm2 == null) {
                q.qm2 = x;
            } else {
                x.repeats(q.qm2);
            }
        }
        if (q != null) {
            q.msgs.add(x);
        }
    }

    /**
     * Reads the first copy of a readable (cleartext or decrypted) QM1 or QM2: the proposals QM1
     * offers and the one QM2 chose, and their proxy IDs.
     */
    void content(Msg x, IsakmpMessage m) {
        Quick q = byMessageId == null ? null : byMessageId.get(x.messageId);
        if (q == null || m.payloads().isEmpty() || x.isRetransmission()) {
            return;
        }
        List<Suite> suites = List.of();
        List<ProxyId> ids = new ArrayList<>(2);
        for (Payload p : m.payloads()) {
            if (p.is(PayloadType.SA) && suites.isEmpty()) {
                List<Suite> all = Suite.all(p.body());
                suites = List.copyOf(all.subList(0, Math.min(all.size(), MAX_SUITES)));
            } else if (p.body() instanceof IdBody id && ids.size() < 2) {
                ids.add(ProxyId.of(id));
            }
        }
        if (x.step == Step.QM1) {
            q.offered = suites;
            q.proxyIds = List.copyOf(ids);
        } else if (x.step == Step.QM2) {
            q.chosen = suites.isEmpty() ? null : suites.get(0);
            q.answeredProxyIds = List.copyOf(ids);
        }
    }

    /** An informational of the other side answered QM1 of {@code messageId} (a refusal, usually). */
    void answeredByInformational(int messageId, long frame) {
        Quick q = byMessageId == null ? null : byMessageId.get(messageId);
        if (q != null && q.answeredByInformational == 0) {
            q.answeredByInformational = frame;
        }
    }

    /** The quick modes as records, their messages frozen once ({@code frozen} holds those already frozen). */
    /** True when no quick mode was seen. */
    boolean isEmpty() {
        return byMessageId == null;
    }

    List<QuickMode> freeze(Map<Msg, ExchangeMessage> frozen) {
        if (byMessageId == null) {
            return List.of();
        }
        List<QuickMode> out = new ArrayList<>(byMessageId.size());
        for (Quick q : byMessageId.values()) {
            List<ExchangeMessage> messages = new ArrayList<>(q.msgs.size());
            for (Msg m : q.msgs) {
                messages.add(frozen.computeIfAbsent(m, Msg::freeze));
            }
            QuickModeState state = q.qm3 != null ? QuickModeState.QM_DONE
                    : q.qm2 != null ? QuickModeState.QM_WAIT_MSG3 : QuickModeState.QM_WAIT_MSG2;
            out.add(new QuickMode(q.messageId, q.initiator, messages, state, q.answeredByInformational, q.offered, q.chosen,
                    q.proxyIds, q.answeredProxyIds));
        }
        return out;
    }
}
