package org.ikescope.analyzer.diagnostics;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.ikescope.api.plugin.ApiVersion;
import org.ikescope.api.plugin.Confidence;
import org.ikescope.api.plugin.DiagnosticPlugin;
import org.ikescope.api.plugin.EndOfCaptureHook;
import org.ikescope.api.plugin.ExchangeView;
import org.ikescope.api.plugin.Finding;
import org.ikescope.api.plugin.FindingSink;
import org.ikescope.api.plugin.MessageView;
import org.ikescope.api.plugin.NotificationView;
import org.ikescope.api.plugin.PluginApi;
import org.ikescope.api.plugin.Severity;
import org.ikescope.api.plugin.Side;
import org.ikescope.api.plugin.Step;
import org.ikescope.api.protocol.NotifyType;

/**
 * {@code ike.version-mismatch}: IKEv2 offered to an IKEv1-only peer, or the reverse. Shown either
 * by an INVALID_MAJOR_VERSION notification, or by one version going unanswered between two peers
 * while the other version works between them in the same capture. The second needs other
 * exchanges: it is reported on the unanswered exchange when the working one was seen before it,
 * otherwise at the end of the capture.
 */
@PluginApi(major = ApiVersion.MAJOR, minor = ApiVersion.MINOR)
public final class VersionDiagnostics implements DiagnosticPlugin, EndOfCaptureHook {
    /** Plugin id. */
    public static final String ID = "builtin.version";

    /**
     * Per capture file, peer pair and IKE version: the first answered exchange seen so far. A
     * small summary rather than the views, so that memory grows with the number of peer pairs,
     * not of exchanges.
     */
    private final Map<String, Working> answered = new HashMap<>();
    /** The messages that open an IKE SA in each version. */
    private static final Set<Step> FIRST = Set.of(Step.MM1, Step.AM1, Step.IKE_SA_INIT_REQUEST);
    /** Initiator cookies of the unanswered exchanges already reported. */
    private final Set<String> reported = new HashSet<>();

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String description() {
        return "IKE version mismatch: INVALID_MAJOR_VERSION, or one IKE version ignored while the other works";
    }

    @Override
    public synchronized void analyze(ExchangeView x, FindingSink sink) {
        if (x.startedBeforeCapture()) {
            return;
        }
        for (NotificationView n : x.notifications()) {
            if (n.type() == NotifyType.INVALID_MAJOR_VERSION.code()) {
                Side from = n.from();
                sink.report(Finding.of("ike.version-mismatch", Severity.ERROR, Confidence.CONFIRMED)
                        .title(x.peer(from).ip() + " refused IKE version " + x.version() + " (INVALID_MAJOR_VERSION)")
                        .explanation(x.peer(from).ip() + " answered with INVALID_MAJOR_VERSION: it does not run"
                                + " IKEv" + x.version() + " for this peer. One side is configured for IKEv1 and the"
                                + " other for IKEv2.")
                        .evidence(firstFrame(x, n.frame()))
                        .remediation(remediation())
                        .build());
                reported.add(x.ispi());
                break;
            }
        }
        if (unanswered(x)) {
            Working w = answered.get(key(x, x.version() == 1 ? 2 : 1));
            if (w != null && reported.add(x.ispi())) {
                report(x, w, sink);
            }
        } else if (Evidence.sent(x, Side.RESPONDER)) {
            String k = key(x, x.version());
            if (!answered.containsKey(k)) {
                answered.put(k, Working.of(x));
            }
        }
    }

    /**
     * Two passes over the exchanges, not one per unanswered exchange: the first indexes the first
     * answered exchange per file, peer pair and version (and notes the unanswered ones), the second
     * reports. Each pass makes every view once; a capture of many unanswered exchanges stays linear.
     */
    @Override
    public synchronized void endOfCapture(List<ExchangeView> exchanges, FindingSink sink) {
        Map<Peers, Map<Integer, Answered>> firstAnswered = new HashMap<>();
        List<Integer> unanswered = new ArrayList<>();
        // This runs once: with C1 only its loops are not compiled (no on-stack replacement below
        // 60,000 iterations), so the work per exchange is in methods of their own, compiled soon.
        for (int i = 0; i < exchanges.size(); i++) {
            index(exchanges.get(i), i, firstAnswered, unanswered);
        }
        for (int i : unanswered) {
            reportUnanswered(exchanges.get(i), firstAnswered, sink);
        }
        answered.clear();
        reported.clear();
    }

    /** The first pass, for the exchange at {@code i}. */
    private static void index(ExchangeView o, int i, Map<Peers, Map<Integer, Answered>> firstAnswered,
                              List<Integer> unanswered) {
        if (!o.startedBeforeCapture() && unanswered(o)) {
            unanswered.add(i);
        }
        if (o.version() != 0 && Evidence.sent(o, Side.RESPONDER)) {
            Map<Integer, Answered> byVersion = firstAnswered.get(Peers.of(o));
            if (byVersion == null) {
                byVersion = new HashMap<>();
                firstAnswered.put(Peers.of(o), byVersion);
            }
            if (!byVersion.containsKey(o.version())) {
                byVersion.put(o.version(), new Answered(i, Working.of(o)));
            }
        }
    }

    /** The second pass, for an unanswered exchange. */
    private void reportUnanswered(ExchangeView x, Map<Peers, Map<Integer, Answered>> firstAnswered, FindingSink sink) {
        if (!reported.contains(x.ispi())) {
            Working working = workingOtherVersion(x, firstAnswered.get(Peers.of(x)));
            if (working != null) {
                reported.add(x.ispi());
                report(x, working, sink);
            }
        }
    }

    /** A file and two addresses, in either order. */
    private record Peers(String file, String low, String high) {
        static Peers of(ExchangeView x) {
            String a = x.initiator().ip();
            String b = x.responder().ip();
            return a.compareTo(b) <= 0 ? new Peers(x.file(), a, b) : new Peers(x.file(), b, a);
        }

        // Written out: a record's own hash and equality go through a method handle, slow in C1 code.
        @Override
        public int hashCode() {
            return (file.hashCode() * 31 + low.hashCode()) * 31 + high.hashCode();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Peers p && p.file.equals(file) && p.low.equals(low) && p.high.equals(high);
        }
    }

    /** The first answered exchange of a version between two peers: its place in the list, and what the report needs. */
    private record Answered(int index, Working working) {
    }

    /** The first exchange in the list of another version than {@code x}'s that was answered between the same peers. */
    private static Working workingOtherVersion(ExchangeView x, Map<Integer, Answered> byVersion) {
        if (byVersion == null) {
            return null;
        }
        Answered first = null;
        for (Map.Entry<Integer, Answered> e : byVersion.entrySet()) {
            if (e.getKey() != x.version() && (first == null || e.getValue().index() < first.index())) {
                first = e.getValue();
            }
        }
        return first == null ? null : first.working();
    }

    /**
     * What the report needs of an exchange that was answered: its first frame and the responder's
     * first, -1 for none (two longs, not a list of boxed ones: one is kept per peer pair).
     */
    private record Working(int version, String ispi, long first, long answer) {
        static Working of(ExchangeView o) {
            MessageView r = Evidence.firstFrom(o, Side.RESPONDER);
            return new Working(o.version(), o.ispi(), o.messages().isEmpty() ? -1 : o.messages().get(0).frame(),
                    r == null ? -1 : r.frame());
        }

        List<Long> frames() {
            List<Long> frames = new ArrayList<>(2);
            if (first >= 0) {
                frames.add(first);
            }
            if (answer >= 0) {
                frames.add(answer);
            }
            return frames;
        }
    }

    private static String key(ExchangeView x, int version) {
        String a = x.initiator().ip();
        String b = x.responder().ip();
        return x.file() + "|" + (a.compareTo(b) <= 0 ? a + "|" + b : b + "|" + a) + "|" + version;
    }

    private static void report(ExchangeView x, Working working, FindingSink sink) {
        List<Long> evidence = new ArrayList<>();
        for (MessageView m : x.messages()) {
            evidence.add(m.frame());
        }
        evidence.addAll(working.frames());
        sink.report(Finding.of("ike.version-mismatch", Severity.ERROR, Confidence.LIKELY)
                .title("IKEv" + x.version() + " from " + x.initiator().ip() + " to " + x.responder().ip()
                        + " unanswered, while IKEv" + working.version() + " between them works")
                .explanation("The IKEv" + x.version() + " exchange (initiator cookie/SPI " + x.ispi() + ") got no"
                        + " answer at all, yet in the same capture an IKEv" + working.version() + " exchange ("
                        + working.ispi() + ") between the same two addresses was answered. The path and the"
                        + " peer are fine; the peer simply does not speak IKEv" + x.version()
                        + " to this address (an ASA without crypto ikev" + x.version()
                        + " enable on that interface drops it silently).")
                .evidence(evidence)
                .remediation(remediation())
                .build());
    }

    private static String remediation() {
        return "Configure the same IKE version on both peers: ASA crypto ikev1 enable / crypto ikev2 enable on the"
                + " interface, the crypto map's set ikev1 transform-set vs set ikev2 ipsec-proposal, and the"
                + " tunnel-group's ikev1/ikev2 attributes; strongSwan keyexchange=ikev1|ikev2 (ipsec.conf) or"
                + " version = 1|2 (swanctl.conf).";
    }

    /**
     * The initiator sent phase-1 messages, beginning with the first one (MM1, AM1, IKE_SA_INIT
     * request: the version is announced there), the responder sent nothing, and the capture went on
     * long enough for an answer to show.
     */
    private static boolean unanswered(ExchangeView x) {
        MessageView mine = Evidence.firstFrom(x, Side.INITIATOR);
        return mine != null && !Evidence.sent(x, Side.RESPONDER) && FIRST.contains(mine.step())
                && !Window.endsMidExchange(x);
    }

    private static List<Long> firstFrame(ExchangeView x, long notifyFrame) {
        List<Long> out = new ArrayList<>();
        if (!x.messages().isEmpty()) {
            out.add(x.messages().get(0).frame());
        }
        out.add(notifyFrame);
        return out;
    }
}
