package org.ikescope.analyzer.diagnostics;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.ikescope.api.plugin.ApiVersion;
import org.ikescope.api.plugin.Confidence;
import org.ikescope.api.plugin.DiagnosticPlugin;
import org.ikescope.api.plugin.EndOfCaptureHook;
import org.ikescope.api.plugin.ExchangeView;
import org.ikescope.api.plugin.Finding;
import org.ikescope.api.plugin.FindingSink;
import org.ikescope.api.plugin.MessageView;
import org.ikescope.api.plugin.PluginApi;
import org.ikescope.api.plugin.Severity;
import org.ikescope.api.plugin.Side;
import org.ikescope.api.plugin.Step;

/**
 * How healthy the negotiation was, within one exchange and across exchanges of the same peers.
 *
 * <table>
 *   <caption>codes</caption>
 *   <tr><td>{@code exchange.retransmissions}</td><td>a step sent three or more times before it got through</td></tr>
 *   <tr><td>{@code exchange.simultaneous}</td><td>both peers initiated phase 1 to each other at once (end of capture)</td></tr>
 *   <tr><td>{@code exchange.flapping}</td><td>the same peers ran phase 1 three or more times within ten minutes (end of capture)</td></tr>
 * </table>
 */
@PluginApi(major = ApiVersion.MAJOR, minor = ApiVersion.MINOR)
public final class ExchangeHealthDiagnostics implements DiagnosticPlugin, EndOfCaptureHook {
    /** Plugin id. */
    public static final String ID = "builtin.health";

    /** Retransmissions of one step that make it worth reporting (the table: "two or more"). */
    static final int RETRANSMISSIONS = 2;
    /** Phase-1 attempts of the same peers within {@link #FLAP_WINDOW_NANOS} that count as flapping. */
    static final int FLAP_COUNT = 3;
    /** Ten minutes. */
    static final long FLAP_WINDOW_NANOS = TimeUnit.MINUTES.toNanos(10);
    /** Two phase-1 starts in opposite directions this close are simultaneous even if one finished fast. */
    static final long SIMULTANEOUS_NANOS = TimeUnit.SECONDS.toNanos(2);

    /**
     * A step, and the steps whose presence shows it got through: the sender moved on (MM1 is done
     * once MM3 leaves), or the final answer came (MM5 once MM6 is seen).
     */
    private static final Map<Step, List<Step>> SUCCESSORS = new LinkedHashMap<>();

    static {
        SUCCESSORS.put(Step.MM1, List.of(Step.MM3, Step.MM4, Step.MM5, Step.MM6));
        SUCCESSORS.put(Step.MM3, List.of(Step.MM5, Step.MM6));
        SUCCESSORS.put(Step.MM5, List.of(Step.MM6));
        SUCCESSORS.put(Step.AM1, List.of(Step.AM3));
        SUCCESSORS.put(Step.QM1, List.of(Step.QM3));
        SUCCESSORS.put(Step.IKE_SA_INIT_REQUEST, List.of(Step.IKE_AUTH_REQUEST, Step.IKE_AUTH_RESPONSE));
        SUCCESSORS.put(Step.IKE_AUTH_REQUEST, List.of(Step.IKE_AUTH_RESPONSE));
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String description() {
        return "Negotiation health: retransmissions, simultaneous initiation, flapping phase 1";
    }

    // ---------------------------------------------------------------- retransmissions

    @Override
    public void analyze(ExchangeView x, FindingSink sink) {
        // Most exchanges have no step sent RETRANSMISSIONS + 1 times: nothing to group then.
        int resentAll = 0;
        for (MessageView m : x.messages()) {
            if (m.isRetransmission()) {
                resentAll++;
            }
        }
        if (resentAll < RETRANSMISSIONS) {
            return;
        }
        for (Map.Entry<Step, List<Step>> e : SUCCESSORS.entrySet()) {
            Step step = e.getKey();
            boolean quick = step.quickMode();
            if (Evidence.retransmissions(x, step) < RETRANSMISSIONS) {
                continue;
            }
            // Quick modes count per message ID; the rest once per exchange.
            Map<Integer, List<MessageView>> byId = new LinkedHashMap<>();
            for (MessageView m : x.messages()) {
                if (m.step() == step) {
                    byId.computeIfAbsent(quick ? m.messageId() : 0, k -> new ArrayList<>()).add(m);
                }
            }
            for (Map.Entry<Integer, List<MessageView>> g : byId.entrySet()) {
                List<MessageView> copies = g.getValue();
                int resent = (int) copies.stream().filter(MessageView::isRetransmission).count();
                if (resent < RETRANSMISSIONS) {
                    continue;
                }
                MessageView through = successor(x, e.getValue(), quick, g.getKey());
                if (through == null) {
                    continue;
                }
                List<Long> evidence = Evidence.frames(copies);
                evidence.add(through.frame());
                Side from = copies.get(0).from();
                sink.report(Finding.of("exchange.retransmissions", Severity.WARNING, Confidence.CONFIRMED)
                        .title(step.label() + " sent " + Evidence.times(resent + 1) + " by " + x.peer(from).ip()
                                + " before the exchange moved on")
                        .explanation(x.peer(from).ip() + " had to repeat " + step.label() + " " + Evidence.times(resent)
                                + " over " + Evidence.seconds(copies.get(0).timeNanos(),
                                copies.get(copies.size() - 1).timeNanos()) + " before it got through ("
                                + through.step().label() + " at frame " + through.frame() + "). Datagrams were lost on"
                                + " the way (in either direction), or the peer was slow to answer (busy CPU,"
                                + " slow certificate or AAA checks). It worked, but each retry costs seconds of"
                                + " tunnel set-up time and hints at a path that drops UDP.")
                        .evidence(evidence)
                        .remediation("Look for packet loss between the peers (interface errors, policing, a"
                                + " congested link), for fragmented datagrams being dropped, and for CPU load on"
                                + " the responder (ASA show cpu, show crypto isakmp stats).")
                        .build());
            }
        }
    }

    private static MessageView successor(ExchangeView x, List<Step> steps, boolean quick, int messageId) {
        for (MessageView m : x.messages()) {
            if (steps.contains(m.step()) && (!quick || m.messageId() == messageId)) {
                return m;
            }
        }
        return null;
    }

    // ---------------------------------------------------------------- across exchanges

    /**
     * What the cross-exchange checks need of one exchange: a few values rather than the view, so
     * that a capture of many exchanges does not hold all their views at once.
     *
     * @param direction its peers as initiator and responder
     * @param pair      its peers either way round (the lower address first), for flapping
     */
    private record Start(String file, String ispi, String initiator, String responder, long startNanos,
                         long phaseOneEnd, long firstFrame, boolean complete, Direction direction, Direction pair) {
        /** The phase-1 start of {@code x} (IKEv1 or IKEv2, begun within the capture), or null. */
        static Start of(ExchangeView x) {
            if (x.startedBeforeCapture() || x.messages().isEmpty() || x.version() != 1 && x.version() != 2) {
                return null;
            }
            String file = x.file();
            String a = x.initiator().ip();
            String b = x.responder().ip();
            Direction direction = new Direction(file, a, b);
            return new Start(file, x.ispi(), a, b, x.startNanos(), ExchangeHealthDiagnostics.phaseOneEnd(x),
                    x.messages().get(0).frame(), x.phase1Complete(), direction,
                    a.compareTo(b) <= 0 ? direction : new Direction(file, b, a));
        }
    }

    /** The peers of a phase-1 start as initiator and responder, within one capture file. */
    private record Direction(String file, String initiator, String responder) {
        Direction reverse() {
            return new Direction(file, responder, initiator);
        }

        // Written out: a record's own hash and equality go through a method handle, slow in C1 code.
        @Override
        public int hashCode() {
            return (file.hashCode() * 31 + initiator.hashCode()) * 31 + responder.hashCode();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Direction d && d.file.equals(file) && d.initiator.equals(initiator)
                    && d.responder.equals(responder);
        }
    }

    private static final Comparator<Start> BY_START = (a, b) -> Long.compare(a.startNanos(), b.startNanos());

    /*
     * The end-of-capture hook runs once: its loops over every exchange are not compiled with C1
     * only (no on-stack replacement below 60,000 iterations), so each does its work per exchange
     * in a method of its own (Start.of, index, crossings, group, windowEnd, frame), which is
     * compiled after a few hundred calls; the loop itself only calls it.
     */

    @Override
    public void endOfCapture(List<ExchangeView> exchanges, FindingSink sink) {
        List<Start> phaseOne = new ArrayList<>();
        for (ExchangeView x : exchanges) {
            Start s = Start.of(x);
            if (s != null) {
                phaseOne.add(s);
            }
        }
        phaseOne.sort(BY_START);
        simultaneous(phaseOne, sink);
        flapping(phaseOne, sink);
    }

    private static void simultaneous(List<Start> xs, FindingSink sink) {
        // Only a start in the opposite direction can cross another; scanning every later start within
        // the window instead grew with the square of the starts when many overlap (a busy head end).
        // Positions in xs of the starts in each direction, ascending.
        Map<Direction, List<Integer>> byDirection = new HashMap<>();
        for (int i = 0; i < xs.size(); i++) {
            index(byDirection, xs.get(i), i);
        }
        for (int i = 0; i < xs.size(); i++) {
            crossings(xs, i, byDirection, sink);
        }
    }

    private static void index(Map<Direction, List<Integer>> byDirection, Start x, int i) {
        List<Integer> positions = byDirection.get(x.direction());
        if (positions == null) {
            positions = new ArrayList<>();
            byDirection.put(x.direction(), positions);
        }
        positions.add(i);
    }

    /** Reports the starts that cross {@code xs.get(i)}: later ones, in the opposite direction, within its window. */
    private static void crossings(List<Start> xs, int i, Map<Direction, List<Integer>> byDirection, FindingSink sink) {
        Start a = xs.get(i);
        List<Integer> opposite = byDirection.get(a.direction().reverse());
        if (opposite == null) {
            return;
        }
        // xs is sorted by start: once b starts after a's window, every later start does too.
        for (int k = firstAfter(opposite, i); k < opposite.size(); k++) {
            Start b = xs.get(opposite.get(k));
            if (b.startNanos() > a.phaseOneEnd() && b.startNanos() - a.startNanos() > SIMULTANEOUS_NANOS) {
                break;
            }
            List<Long> evidence = new ArrayList<>();
            evidence.add(a.firstFrame());
            evidence.add(b.firstFrame());
            sink.report(Finding.of("exchange.simultaneous", Severity.WARNING, Confidence.LIKELY)
                    .title(a.initiator() + " and " + b.initiator() + " initiated phase 1 to each other"
                            + " at the same time (" + a.ispi() + ", " + b.ispi() + ")")
                    .explanation("Both peers started an IKE SA towards the other within "
                            + Evidence.seconds(a.startNanos(), b.startNanos()) + ", usually because traffic"
                            + " for the tunnel arrived on both sides at once, or both are set to bring the"
                            + " tunnel up on their own. Two IKE SAs (and often two pairs of IPsec SAs) result;"
                            + " one of them is deleted later, which can drop traffic briefly and shows up as"
                            + " duplicate SAs in show crypto isakmp sa.")
                    .evidence(evidence)
                    .remediation("Let one side initiate (strongSwan auto=add on one end instead of auto=start"
                            + " on both; ASA: set connection-type answer-only on one crypto map entry), or"
                            + " rely on the implementations' duplicate-SA handling (strongSwan"
                            + " uniqueids).")
                    .build());
        }
    }

    /** The position in {@code positions} (ascending) of the first one after {@code i}. */
    private static int firstAfter(List<Integer> positions, int i) {
        int lo = 0;
        int hi = positions.size();
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (positions.get(mid) <= i) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    private static long phaseOneEnd(ExchangeView x) {
        return x.timeToActiveNanos().isPresent() ? x.startNanos() + x.timeToActiveNanos().getAsLong() : x.endNanos();
    }

    private static void flapping(List<Start> xs, FindingSink sink) {
        Map<Direction, List<Start>> byPair = new LinkedHashMap<>();
        for (Start x : xs) {
            group(byPair, x);
        }
        for (List<Start> pair : byPair.values()) {
            if (pair.size() < FLAP_COUNT) {
                continue;
            }
            // The largest run of starts within one window.
            int bestFrom = 0;
            int bestTo = 0;
            for (int from = 0, to = 0; from < pair.size(); from++) {
                to = windowEnd(pair, from, to);
                if (to - from > bestTo - bestFrom) {
                    bestFrom = from;
                    bestTo = to;
                }
            }
            int n = bestTo - bestFrom + 1;
            if (n < FLAP_COUNT) {
                continue;
            }
            List<Start> run = pair.subList(bestFrom, bestTo + 1);
            List<Long> evidence = new ArrayList<>();
            int up = 0;
            for (Start x : run) {
                up += frame(x, evidence);
            }
            Start first = run.get(0);
            sink.report(Finding.of("exchange.flapping", Severity.WARNING, Confidence.LIKELY)
                    .title("Phase 1 between " + first.initiator() + " and " + first.responder() + " ran "
                            + n + " times in " + Evidence.seconds(first.startNanos(), run.get(n - 1).startNanos())
                            + " (" + up + " completed)")
                    .explanation("The same two peers negotiated a new IKE SA " + n + " times within ten minutes ("
                            + up + " reached MM_ACTIVE/AM_ACTIVE, " + (n - up) + " did not). A stable tunnel"
                            + " renegotiates phase 1 once per lifetime (a day by default on the ASA). Repeated"
                            + " attempts point to a tunnel that keeps failing and retrying, SAs deleted by DPD"
                            + " or idle timeouts, very short lifetimes, or two configurations fighting over the"
                            + " same peer.")
                    .evidence(evidence)
                    .remediation("Look at why each SA ended: show crypto isakmp sa / show vpn-sessiondb l2l and"
                            + " the syslog for tunnel-down reasons (DPD, idle timeout, lifetime, peer delete);"
                            + " compare phase-1 lifetimes (crypto ikev1 policy lifetime; strongSwan ikelifetime"
                            + " / rekey_time) and DPD settings; check for duplicate peer definitions.")
                    .build());
        }
    }

    private static void group(Map<Direction, List<Start>> byPair, Start x) {
        List<Start> pair = byPair.get(x.pair());
        if (pair == null) {
            pair = new ArrayList<>();
            byPair.put(x.pair(), pair);
        }
        pair.add(x);
    }

    /** The last start of {@code pair} within the window of the one at {@code from}, from {@code to} on. */
    private static int windowEnd(List<Start> pair, int from, int to) {
        long first = pair.get(from).startNanos();
        while (to + 1 < pair.size() && pair.get(to + 1).startNanos() - first <= FLAP_WINDOW_NANOS) {
            to++;
        }
        return to;
    }

    /** Adds the first frame of {@code x} to {@code evidence}; 1 when it completed phase 1, else 0. */
    private static int frame(Start x, List<Long> evidence) {
        evidence.add(x.firstFrame());
        return x.complete() ? 1 : 0;
    }
}
