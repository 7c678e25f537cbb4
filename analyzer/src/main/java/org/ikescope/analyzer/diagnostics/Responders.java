package org.ikescope.analyzer.diagnostics;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.ikescope.api.plugin.ExchangeView;
import org.ikescope.api.plugin.MessageView;
import org.ikescope.api.plugin.ProposalView;
import org.ikescope.api.plugin.Side;

/**
 * What the rest of a capture says about a responder, kept across {@code analyze} calls: whom it
 * answered (in which IKE version) and when, and which phase-1 proposals it accepted from whom. A plugin that holds one sees the exchanges finished before the one
 * it examines (the host hands them over in the order the analyzer finishes them), so what it
 * writes about an exchange is never contradicted by what it wrote before; evidence that arrives
 * later is for {@code endOfCapture}.
 *
 * <p>Bounded: at most {@link #MAX_RESPONDERS} responders (the least recently seen is forgotten),
 * {@link #MAX_ANSWERS} answers and {@link #MAX_PROPOSALS} accepted proposals each.
 */
final class Responders {
    static final int MAX_RESPONDERS = 10_000;
    static final int MAX_ANSWERS = 64;
    static final int MAX_PROPOSALS = 32;
    static final int MAX_PEERS_PER_PROPOSAL = 8;

    /** One answer: when the responder first sent something in an exchange, and to whom. */
    record Answer(long nanos, String initiator, int version) {
    }

    /** A proposal the responder chose, and from which initiators. */
    record Accepted(String described, Set<String> from) {
    }

    private static final class Seen {
        final Deque<Answer> answers = new ArrayDeque<>();
        final Map<String, Accepted> accepted = new LinkedHashMap<>();
    }

    private final Map<String, Seen> responders = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Seen> eldest) {
            return size() > MAX_RESPONDERS;
        }
    };

    /** Learns from {@code x}: whether and when its responder answered, and what it chose. */
    void learn(ExchangeView x) {
        MessageView answer = Evidence.firstFrom(x, Side.RESPONDER);
        if (answer == null || x.responder() == null || x.initiator() == null) {
            return;
        }
        Seen s = responders.computeIfAbsent(key(x), k -> new Seen());
        s.answers.addLast(new Answer(answer.timeNanos(), x.initiator().ip(), x.version()));
        while (s.answers.size() > MAX_ANSWERS) {
            s.answers.removeFirst();
        }
        Optional<ProposalView> chosen = x.chosenProposal();
        if (chosen.isPresent() && !chosen.get().ikev2() && (s.accepted.size() < MAX_PROPOSALS
                || s.accepted.containsKey(identity(chosen.get())))) {
            Accepted a = s.accepted.computeIfAbsent(identity(chosen.get()),
                    k -> new Accepted(Evidence.describe(chosen.get()), new LinkedHashSet<>()));
            if (a.from().size() < MAX_PEERS_PER_PROPOSAL) {
                a.from().add(x.initiator().ip());
            }
        }
    }

    /** Answers the responder of {@code x} gave other initiators between {@code from} and {@code to}. */
    List<Answer> answersToOthers(ExchangeView x, long from, long to) {
        List<Answer> out = new ArrayList<>();
        Seen s = responders.get(key(x));
        if (s == null) {
            return out;
        }
        for (Answer a : s.answers) {
            if (!a.initiator().equals(x.initiator().ip()) && a.nanos() >= from && a.nanos() <= to) {
                out.add(a);
            }
        }
        return out;
    }

    /**
     * A proposal {@code x}'s initiator offered that its responder accepted from another initiator
     * (same encryption, key length, hash, authentication and group; lifetimes aside), with the
     * initiators it accepted it from.
     */
    Optional<Accepted> acceptedFromOthers(ExchangeView x) {
        Seen s = responders.get(key(x));
        if (s == null) {
            return Optional.empty();
        }
        for (ProposalView p : x.offeredProposals()) {
            Accepted a = s.accepted.get(identity(p));
            if (a != null) {
                Set<String> others = new LinkedHashSet<>(a.from());
                others.remove(x.initiator().ip());
                if (!others.isEmpty()) {
                    return Optional.of(new Accepted(a.described(), others));
                }
            }
        }
        return Optional.empty();
    }

    /** Every proposal the responder of {@code x} accepted so far, described. */
    List<String> accepted(ExchangeView x) {
        Seen s = responders.get(key(x));
        List<String> out = new ArrayList<>();
        if (s != null) {
            for (Accepted a : s.accepted.values()) {
                out.add(a.described());
            }
        }
        return out;
    }

    /** The same two addresses, in either role, had an answered exchange in IKE {@code version} (of the recent answers kept). */
    boolean pairAnswered(ExchangeView x, int version) {
        return answered(x.file() + "|" + x.responder().ip(), x.initiator().ip(), version)
                || answered(x.file() + "|" + x.initiator().ip(), x.responder().ip(), version);
    }

    private boolean answered(String responder, String initiator, int version) {
        Seen s = responders.get(responder);
        if (s != null) {
            for (Answer a : s.answers) {
                if (a.version() == version && a.initiator().equals(initiator)) {
                    return true;
                }
            }
        }
        return false;
    }

    void clear() {
        responders.clear();
    }

    private static String key(ExchangeView x) {
        return x.file() + "|" + x.responder().ip();
    }

    /** What makes two phase-1 proposals the same for the responder's policy check (HAGLE without the lifetime). */
    static String identity(ProposalView p) {
        return p.encryption() + "/" + p.keyLength() + "/" + p.hash() + "/" + p.authMethod() + "/" + p.group();
    }
}
