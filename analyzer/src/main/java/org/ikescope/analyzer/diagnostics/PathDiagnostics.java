package org.ikescope.analyzer.diagnostics;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.ikescope.api.plugin.ApiVersion;
import org.ikescope.api.plugin.Confidence;
import org.ikescope.api.plugin.DiagnosticPlugin;
import org.ikescope.api.plugin.ExchangeView;
import org.ikescope.api.plugin.Finding;
import org.ikescope.api.plugin.FindingSink;
import org.ikescope.api.plugin.FragmentKind;
import org.ikescope.api.plugin.FragmentSetView;
import org.ikescope.api.plugin.IdentityView;
import org.ikescope.api.plugin.MessageView;
import org.ikescope.api.plugin.PluginApi;
import org.ikescope.api.plugin.Severity;
import org.ikescope.api.plugin.Side;
import org.ikescope.api.plugin.Step;
import org.ikescope.api.protocol.IdType;

/**
 * What the network path (and the capture point) did to an exchange: lost fragments, a capture
 * that holds one direction only, NAT without NAT traversal, UDP 4500 filtered.
 *
 * <table>
 *   <caption>codes</caption>
 *   <tr><td>{@code path.fragments-lost}</td><td>an IP or IKE fragment set never completed, or a stuck message travelled as IP fragments</td></tr>
 *   <tr><td>{@code capture.one-direction}</td><td>one side's messages only, although it answered steps not in the capture</td></tr>
 *   <tr><td>{@code natt.not-negotiated}</td><td>a NAT is evident but one side announced no NAT-T</td></tr>
 *   <tr><td>{@code natt.port-4500-blocked}</td><td>NAT-T negotiated, phase 1 on 4500 unanswered while 500 worked</td></tr>
 * </table>
 */
@PluginApi(major = ApiVersion.MAJOR, minor = ApiVersion.MINOR)
public final class PathDiagnostics implements DiagnosticPlugin {
    /** Plugin id. */
    public static final String ID = "builtin.path";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String description() {
        return "Path and capture problems: lost fragments, one-direction captures, NAT without NAT-T, UDP 4500 filtered";
    }

    @Override
    public void analyze(ExchangeView x, FindingSink sink) {
        fragments(x, sink);
        oneDirection(x, sink);
        natNotNegotiated(x, sink);
        port4500(x, sink);
    }

    // ---------------------------------------------------------------- fragments

    private static void fragments(ExchangeView x, FindingSink sink) {
        // The initiator's state decides: a responder that sent MM6 is MM_ACTIVE even when MM6 never arrived.
        boolean failed = !x.startedBeforeCapture() && !x.messages().isEmpty() && !x.initiatorState().active();
        for (FragmentSetView f : x.incompleteFragmentSets()) {
            incompleteSet(x, f, failed, sink);
        }
        if (!x.incompleteFragmentSets().isEmpty() || !failed || Window.endsMidExchange(x)) {
            return;
        }
        if (x.version() == 2) {
            ikev2AuthStalled(x, sink);
            return;
        }
        if (!Evidence.ikev1PhaseOne(x)) {
            return;
        }
        Evidence.fragmentStall(x).ifPresent(st -> fragmentStall(x, st, sink));
    }

    /** The message phase 1 is stuck on travelled as IP fragments and was never answered (see {@link Evidence#fragmentStall}). */
    private static void fragmentStall(ExchangeView x, Evidence.FragmentStall st, FindingSink sink) {
        Step stuck = st.stuck();
        Step answerStep = st.answerStep();
        boolean answerFragmented = st.answerFragmented();
        String other = stuck == Step.MM3
                ? "a responder without a tunnel-group (pre-shared key) for this peer, which drops MM3"
                : "a pre-shared key mismatch, which makes the responder drop MM5";
        sink.report(Finding.of("path.fragments-lost", Severity.ERROR,
                        answerFragmented ? Confidence.LIKELY : Confidence.POSSIBLE)
                .title((answerFragmented ? answerStep : stuck).label() + " travelled as IP fragments and phase 1"
                        + " stalled there: fragments may be dropped beyond the capture point")
                .explanation("The exchange stopped at " + stuck.label() + " ("
                        + x.initiatorState().name() + "), and "
                        + (answerFragmented ? "the responder's " + answerStep.label() + " was sent as IP fragments, yet"
                        + " the initiator behaves as if it never received it."
                        : stuck.label() + " left as IP fragments and was never answered.")
                        + " The capture shows all fragments at this point, but a device further along (firewall,"
                        + " NAT, a link with a smaller MTU) may drop them; this is common when certificates make"
                        + " MM5/MM6 larger than the path MTU. The other cause that fits the same stall is " + other
                        + ". A capture on the receiving side tells them apart: if every fragment arrives there, the"
                        + " path is not at fault; so does the responder's log (ASA debug crypto ikev1, strongSwan"
                        + " charon log), which shows whether the message was received at all.")
                .evidence(st.frames())
                .remediation("Capture on the other side to see whether the fragments arrive; permit IP fragments"
                        + " of UDP 500/4500 on firewalls, or enable IKE fragmentation (ASA: crypto ikev1"
                        + " fragmentation; strongSwan fragmentation=yes) or lower the MTU.")
                .asa(Asa.phaseOneStall(x))
                .build());
    }

    /**
     * IKEv2: the IKE_AUTH request (certificates make it large) left as IP fragments, was sent
     * again and never answered. The capture point saw every fragment, so they are lost further on,
     * or the responder drops them: the usual picture of a path that filters fragments.
     */
    private static void ikev2AuthStalled(ExchangeView x, FindingSink sink) {
        List<MessageView> requests = Evidence.all(x, Step.IKE_AUTH_REQUEST);
        if (requests.isEmpty() || !Evidence.all(x, Step.IKE_AUTH_RESPONSE).isEmpty()) {
            return;
        }
        List<Long> evidence = new ArrayList<>();
        for (MessageView m : requests) {
            evidence.addAll(m.ipFragmentFrames());
        }
        if (evidence.isEmpty()) {
            return;
        }
        sink.report(Finding.of("path.fragments-lost", Severity.ERROR,
                        requests.size() > 1 ? Confidence.LIKELY : Confidence.POSSIBLE)
                .title("IKE_AUTH travelled as IP fragments and was never answered: fragments may be dropped"
                        + " beyond the capture point")
                .explanation("The initiator sent IKE_AUTH " + requests.size() + " time(s), each as IP fragments ("
                        + requests.get(0).ipFragmentFrames().size() + " fragments), and no IKE_AUTH response came back,"
                        + " although IKE_SA_INIT was answered. The capture shows all fragments at this point, but a"
                        + " device further along (firewall, NAT, a link with a smaller MTU) may drop them; this is"
                        + " common when certificates make IKE_AUTH larger than the path MTU.")
                .evidence(evidence)
                .remediation("Capture on the responder side to see whether the fragments arrive; permit IP fragments"
                        + " of UDP 500/4500 on firewalls; enable IKEv2 fragmentation (RFC 7383; ASA: crypto ikev2"
                        + " fragmentation; strongSwan fragmentation=yes) or lower the MTU.")
                .build());
    }

    /**
     * A set the dissector saw start and never complete: the fragments are missing at the capture
     * point. What came next tells where they went missing: the sender sending again (or the
     * exchange stopping there) means the receiver never got the datagram; the receiver answering
     * at once means it did, and only the capture missed them.
     */
    private static void incompleteSet(ExchangeView x, FragmentSetView f, boolean failed, FindingSink sink) {
        boolean ip = f.kind() == FragmentKind.IP;
        String what = ip ? "IP" : "IKE";
        String who = x.peer(f.from()).ip();
        String peer = x.peer(f.from().opposite()).ip();
        long last = f.frames().stream().mapToLong(Long::longValue).max().orElse(0);
        MessageView again = null;
        MessageView answer = null;
        for (MessageView m : x.messages()) {
            if (m.frame() <= last) {
                continue;
            }
            if (m.from() == f.from() && again == null) {
                again = m;
            } else if (m.from() != f.from() && answer == null) {
                answer = m;
            }
        }
        boolean answeredFirst = answer != null && (again == null || answer.frame() < again.frame());
        List<Long> evidence = new ArrayList<>(f.frames());
        String n = f.frames().size() + " fragment" + (f.frames().size() == 1 ? "" : "s");
        if (answeredFirst && !failed) {
            evidence.add(answer.frame());
            sink.report(Finding.of("path.fragments-lost", Severity.INFO, Confidence.LIKELY)
                    .title("Incomplete " + what + " fragment set from " + who + " (" + n + " captured), yet "
                            + peer + " answered: the capture point missed fragments")
                    .explanation("A message from " + who + " travelled as " + what + " fragments and not all of"
                            + " them are in the capture, so it cannot be shown. " + peer + " answered it right"
                            + " away (frame " + answer.frame() + ") without " + who + " sending it again, so the"
                            + " receiver evidently got every fragment: the capture lost them (an oversubscribed"
                            + " SPAN port, a capture filter that matches only the first fragment, fragments"
                            + " taking another path), not the network between the peers.")
                    .evidence(evidence)
                    .remediation("No VPN change needed. For complete captures: capture on the device itself,"
                            + " or use a filter that keeps non-first fragments (e.g. 'udp port 500 or udp port"
                            + " 4500 or (ip[6:2] & 0x1fff != 0)').")
                    .build());
            return;
        }
        boolean resent = again != null && !answeredFirst;
        if (resent) {
            evidence.add(again.frame());
        }
        sink.report(Finding.of("path.fragments-lost", failed ? Severity.ERROR : Severity.WARNING,
                        resent || failed && answer == null ? Confidence.CONFIRMED : Confidence.LIKELY)
                .title("Incomplete " + what + " fragment set from " + who + " (" + n + " captured)"
                        + (resent ? "; " + who + " had to send it again" : failed ? "; phase 1 stalled there" : ""))
                .explanation((ip ? "A datagram from " + who + " was split into IP fragments and not all of them"
                        + " crossed the capture point, so the receiver cannot reassemble it and drops the"
                        + " whole IKE message."
                        : "An IKE message from " + who + " was sent as IKE fragments and some never arrived;"
                        + " the receiver cannot rebuild the message.")
                        + (resent ? " " + who + " sent again (frame " + again.frame() + ") without an answer in"
                        + " between, as a peer does when its message was lost." : "")
                        + " Certificate-based main mode (MM5/MM6 carry certificates) is the usual victim: the"
                        + " messages exceed the path MTU, and firewalls or NAT devices often drop non-first"
                        + " fragments." + (failed ? " Phase 1 did not complete." : resent ? " Phase 1 completed"
                        + " anyway (a later copy got through), at the cost of retransmissions." : ""))
                .evidence(evidence)
                .remediation("Let IP fragments of UDP 500/4500 through every firewall between the peers, or"
                        + " avoid them: enable IKE fragmentation (ASA: crypto ikev1 fragmentation / IOS crypto"
                        + " isakmp fragmentation; strongSwan fragmentation=yes or force), lower the MTU on the"
                        + " path, or send fewer certificates (no CA chain in MM5/MM6).")
                .build());
    }

    // ---------------------------------------------------------------- one direction

    private static void oneDirection(ExchangeView x, FindingSink sink) {
        List<MessageView> gap = Evidence.oneDirectionGap(x);
        if (gap.isEmpty()) {
            return;
        }
        Side seen = x.messages().get(0).from();
        String from = x.peer(seen).ip();
        String to = x.peer(seen.opposite()).ip();
        List<String> steps = new ArrayList<>();
        for (MessageView m : gap) {
            steps.add(m.step().label());
        }
        sink.report(Finding.of("capture.one-direction", Severity.INFO, Confidence.LIKELY)
                .title("Only " + from + " -> " + to + " was captured: the other direction is missing")
                .explanation("Every message of this exchange comes from " + from + ", yet it sent "
                        + String.join(", ", steps) + ", which it can only send after receiving answers from " + to
                        + " that are not in the capture. The capture point misses the other direction (a SPAN"
                        + " session on one direction only, asymmetric routing around the capture point, or"
                        + " packet loss in the capture): this is a limitation of the capture, not a VPN fault,"
                        + " so the states shown for this exchange are incomplete.")
                .evidence(Evidence.frames(gap))
                .remediation("Capture both directions: SPAN/monitor session with both rx and tx (monitor session"
                        + " 1 source interface <if> both), or capture on the VPN device itself (ASA: capture"
                        + " <name> interface <if> match udp host " + from + " host " + to + ").")
                .build());
    }

    // ---------------------------------------------------------------- NAT without NAT-T

    private static void natNotNegotiated(ExchangeView x, FindingSink sink) {
        if (x.version() != 1 || x.startedBeforeCapture() || x.nat().natTNegotiated() || x.nat().floatedTo4500()) {
            return;
        }
        // NAT-T is announced by vendor IDs in MM1/MM2 (AM1/AM2): without both, who announced what is unknown.
        boolean announcementsSeen = Evidence.has(x, Step.MM1) && Evidence.has(x, Step.MM2)
                || Evidence.has(x, Step.AM1) && Evidence.has(x, Step.AM2);
        if (!announcementsSeen) {
            return;
        }
        List<String> why = new ArrayList<>();
        for (Side s : Side.values()) {
            int port = x.peer(s).port();
            boolean portRewritten = port != 0 && port != Evidence.IKE_PORT && port != Evidence.NAT_T_PORT;
            if (portRewritten) {
                why.add("the " + s.label() + " " + x.peer(s).ip() + " uses source port " + port
                        + " (a NAT rewrote it)");
            } else if (x.nat().behindNat(s).orElse(false)) {
                why.add("the " + s.label() + " " + x.peer(s).ip() + " is behind a NAT");
            }
        }
        if (!x.nat().natDiscoveryNote().isEmpty() && x.nat().natDetected().orElse(false)) {
            why.add("NAT-D: " + x.nat().natDiscoveryNote());
        } else if (why.isEmpty() && x.nat().natDetected().orElse(false)) {
            why.add("the NAT-D hashes do not match the addresses and ports seen");
        }
        addressMismatch(x.initiatorIdentity(), x.initiator().ip(), "initiator", why);
        addressMismatch(x.responderIdentity(), x.responder().ip(), "responder", why);
        if (why.isEmpty()) {
            return;
        }
        List<String> missing = new ArrayList<>();
        for (Side s : Side.values()) {
            if (x.nat().natTVendorIds(s).isEmpty()) {
                missing.add(s.label() + " " + x.peer(s).ip());
            }
        }
        List<Long> evidence = new ArrayList<>();
        for (Step step : new Step[] {Step.MM1, Step.MM2, Step.AM1, Step.AM2}) {
            MessageView m = Evidence.first(x, step);
            if (m != null) {
                evidence.add(m.frame());
            }
        }
        sink.report(Finding.of("natt.not-negotiated", Severity.WARNING, Confidence.LIKELY)
                .title("NAT between the peers, but NAT traversal not negotiated (no NAT-T vendor ID from the "
                        + String.join(" and ", missing) + ")")
                .explanation("A NAT is evident: " + String.join("; ", why) + ". NAT traversal (RFC 3947) needs"
                        + " both peers to announce it with a vendor ID in MM1/MM2; the " + String.join(" and ",
                        missing) + " did not, so the peers stay on UDP 500 and will send ESP as bare IP protocol"
                        + " 50, which a port-translating NAT cannot carry. Phase 1 may come up, but the tunnel"
                        + " will pass no traffic (or phase 2 fails with identity mismatches).")
                .evidence(evidence)
                .remediation("Enable NAT traversal on both ends (ASA: crypto isakmp nat-traversal 20; IOS:"
                        + " crypto ipsec nat-transparency udp-encapsulation, on by default; strongSwan: NAT-T is"
                        + " always on, encap=yes forces it), and let UDP 4500 through the NAT and firewalls.")
                .build());
    }

    private static void addressMismatch(Optional<IdentityView> id, String ip, String who, List<String> why) {
        if (id.isEmpty()) {
            return;
        }
        IdentityView v = id.get();
        boolean address = v.type() == IdType.ID_IPV4_ADDR.code() || v.type() == IdType.ID_IPV6_ADDR.code();
        if (address && !v.value().equalsIgnoreCase(ip)) {
            why.add("the " + who + " identifies itself as " + v.value() + " but its packets come from " + ip);
        }
    }

    // ---------------------------------------------------------------- UDP 4500 filtered

    private static void port4500(ExchangeView x, FindingSink sink) {
        List<MessageView> unanswered = Evidence.unanswered4500(x);
        if (unanswered.isEmpty() || Window.endsMidExchange(x)) {
            return;
        }
        List<Long> evidence = Evidence.frames(unanswered);
        String step = unanswered.get(0).step().label();
        sink.report(Finding.of("natt.port-4500-blocked", Severity.ERROR, Confidence.LIKELY)
                .title("NAT-T negotiated, but " + step + " on UDP 4500 got no answer while UDP 500 worked")
                .explanation("Both peers announced NAT traversal and moved from UDP 500 to 4500 as RFC 3947"
                        + " prescribes once NAT-D shows a NAT. The responder answered every message on UDP 500,"
                        + " then went silent as soon as the initiator switched to 4500 (" + step + " sent "
                        + Evidence.times(unanswered.size()) + "). UDP 4500 is filtered somewhere between the"
                        + " peers, or the NAT device does not forward it to the responder."
                        + (step.equals("MM5") ? " The other cause that leaves an initiator in MM_WAIT_MSG6 is a"
                        + " pre-shared key mismatch (an ASA responder drops an MM5 it cannot decrypt): a capture on"
                        + " the responder's side, or its log, shows whether the MM5s on UDP 4500 arrive at all."
                        : " A capture on the responder's side, or its log, shows whether they arrive at all."))
                .evidence(evidence)
                .asa(Asa.phaseOneStall(x))
                .remediation("Permit UDP 4500 between the peers on every firewall and ACL (and any static"
                        + " NAT/port forward towards the responder must include 4500, not only 500). On the"
                        + " ASA: show crypto isakmp sa detail, capture on the outside interface for udp 4500.")
                .build());
    }
}
